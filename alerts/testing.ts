// Builders for promtool unit-test cases. Tests are data (RuleTestCase); these helpers derive
// the boundary cases of a threshold alert from the catalog, so a changed target moves its tests.
import { duration, seconds } from "../catalog/duration.ts";
import type { RuleTestCase, SeriesDef } from "./types.ts";

/** Samples of every test series are one minute apart. */
export const TEST_INTERVAL = "1m";

/** Go's `%.4g`, which every humanize function of Prometheus's templates uses. */
export function goG4(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return String(v);
  const [mantissa, exp] = v.toExponential(3).split("e") as [string, string];
  const e = Number(exp);
  if (e < -4 || e >= 4) {
    const m = mantissa.replace(/\.?0+$/, "");
    return `${m}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  return String(Number(v.toPrecision(4)));
}

/** Prometheus's `humanizePercentage`: the value times 100 in `%.4g`, then "%". */
export function humanizePercentage(v: number): string {
  return `${goG4(v * 100)}%`;
}

/** Prometheus's `humanize`: `%.4g` with an SI prefix (0.5 → "500m", 2500 → "2.5k"). */
export function humanize(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return goG4(v);
  const up = ["k", "M", "G", "T", "P", "E", "Z", "Y"];
  const down = ["m", "u", "n", "p", "f", "a", "z", "y"];
  let prefix = "";
  if (Math.abs(v) >= 1) {
    for (const p of up) { if (Math.abs(v) < 1000) break; prefix = p; v /= 1000; }
  } else {
    for (const p of down) { if (Math.abs(v) >= 1) break; prefix = p; v *= 1000; }
  }
  return `${goG4(v)}${prefix}`;
}

/** Prometheus's `humanizeDuration` for values of at least one second. */
export function humanizeDuration(v: number): string {
  if (Math.abs(v) < 1) throw new Error(`humanizeDuration(${v}): sub-second values are not used by our rules`);
  const sign = v < 0 ? "-" : "";
  const total = Math.trunc(Math.abs(v));
  const [d, h, m, s] = [Math.floor(total / 86400), Math.floor(total / 3600) % 24, Math.floor(total / 60) % 60, total % 60];
  if (d) return `${sign}${d}d ${h}h ${m}m ${s}s`;
  if (h) return `${sign}${h}h ${m}m ${s}s`;
  if (m) return `${sign}${m}m ${s}s`;
  return `${sign}${goG4(Math.abs(v))}s`;
}

/** `share` of `total` events, in whole events; `realisedShare` is the share that really gives. */
export function events(share: number, total: number): number {
  return Math.round(share * total);
}

export function realisedShare(total: number): (share: number) => number {
  return (share) => events(share, total) / total;
}

/** Go's `printf "%.2f"`. */
export function fixed2(v: number): string {
  return v.toFixed(2);
}

/** A promtool series: `name{a="b",...}`. */
export function series(name: string, labels: Record<string, string>): string {
  const body = Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(",");
  return `${name}{${body}}`;
}

/** Enough one-minute samples to evaluate the alert a few minutes after its `for`. */
export function sampleCount(forDuration: string): number {
  return seconds(forDuration) / 60 + 10;
}

/**
 * A counter in promtool's expanding notation: 0 at t=0, then `perMinute` more every minute for
 * `minutes` minutes, segment after segment (integers keep the arithmetic exact).
 */
export function counterValues(segments: readonly { perMinute: number; minutes: number }[]): string {
  let value = 0;
  const parts = ["0"];
  for (const s of segments) {
    if (s.minutes <= 0) continue;
    const first = value + s.perMinute;
    parts.push(s.minutes === 1 ? `${first}` : `${first}+${s.perMinute}x${s.minutes - 1}`);
    value += s.perMinute * s.minutes;
  }
  return parts.join(" ");
}

export interface LevelOptions {
  alert: string;
  forDuration: string;
  /** The level that must stay silent and the one that must fire. */
  quiet: number;
  loud: number;
  /** How the case names call the two levels, e.g. "just below the threshold" or "a backup that succeeded". */
  names: { quiet: string; loud: string };
  /**
   * Whom the series belong to (instances, agents, providers, backups). The first is used alone;
   * with two or more, a further case gives the others the quiet level and the last the loud one.
   * Default: two node instances.
   */
  subjects?: readonly string[];
  /** The input series of one subject at `level`. */
  inputs: (level: number, subject: string) => SeriesDef[];
  /** The labels of the alert that subject fires (besides alertname, priority, severity). */
  labels: (subject: string) => Record<string, string>;
  /** `$value` as the description shows it, at the loud level. */
  format: (value: number) => string;
  /** The level the inputs really produce when they round it to whole events; default: the level itself. */
  realised?: (level: number) => number;
  /**
   * How long the expression needs before it reads the level in full: an absolute `rate` is
   * extrapolated low until its window holds samples from end to end. Added to the firing time.
   */
  warmup?: string;
}

/**
 * The cases every alert gets:
 * - the quiet level: silent two minutes after `for`;
 * - the loud level: silent one minute before `for` has passed, firing two minutes after it, with
 *   exact labels and annotations;
 * - several subjects, all quiet but the last: only the guilty one fires.
 */
export function levelCases(o: LevelOptions): RuleTestCase[] {
  const subjects = o.subjects ?? ["host-a:9100", "host-b:9100"];
  const first = subjects[0]!;
  const guilty = subjects[subjects.length - 1]!;
  const forSeconds = seconds(o.forDuration);
  const beforeFor = duration(forSeconds - 60);
  const afterFor = duration(forSeconds + seconds(o.warmup ?? "0s") + 120);
  const fire = (subject: string) => ({ labels: o.labels(subject), value: o.format(o.realised ? o.realised(o.loud) : o.loud) });
  const cases: RuleTestCase[] = [
    {
      name: `${o.alert}: ${o.names.quiet} stays silent`,
      interval: TEST_INTERVAL,
      series: o.inputs(o.quiet, first),
      expect: [{ at: afterFor, alert: o.alert, firing: [] }],
    },
    {
      name: `${o.alert}: ${o.names.loud} waits for its for, then fires`,
      interval: TEST_INTERVAL,
      series: o.inputs(o.loud, first),
      expect: [
        { at: beforeFor, alert: o.alert, firing: [] },
        { at: afterFor, alert: o.alert, firing: [fire(first)] },
      ],
    },
  ];
  if (subjects.length > 1) {
    cases.push({
      name: `${o.alert}: of ${subjects.join(", ")} only ${guilty} fires`,
      interval: TEST_INTERVAL,
      series: [...subjects.slice(0, -1).flatMap((s) => o.inputs(o.quiet, s)), ...o.inputs(o.loud, guilty)],
      expect: [{ at: afterFor, alert: o.alert, firing: [fire(guilty)] }],
    });
  }
  return cases;
}

export interface BoundaryOptions extends Omit<LevelOptions, "quiet" | "loud" | "names"> {
  threshold: number;
  /** How far from the threshold the quiet and the loud level sit. */
  margin: number;
  /** `above` (default): the alert fires above the threshold; `below`: below it. */
  direction?: "above" | "below";
}

/** levelCases just on each side of a catalog threshold, so a changed target moves its tests. */
export function boundaryCases(o: BoundaryOptions): RuleTestCase[] {
  const below = o.direction === "below";
  return levelCases({
    ...o,
    quiet: below ? o.threshold + o.margin : o.threshold - o.margin,
    loud: below ? o.threshold - o.margin : o.threshold + o.margin,
    names: below
      ? { quiet: "just above the threshold", loud: "just below the threshold" }
      : { quiet: "just below the threshold", loud: "just above the threshold" },
  });
}

/**
 * Histogram buckets whose `quantile` is exactly `level`: every observation lands in one bucket
 * (0, level / quantile], so linear interpolation gives quantile × bound = level.
 */
export function quantileBuckets(name: string, labels: Record<string, string>, quantile: number, level: number, n: number): SeriesDef[] {
  const bound = String(level / quantile);
  return [bound, "+Inf"].map((le) => ({ series: series(`${name}_bucket`, { ...labels, le }), values: `0+60x${n}` }));
}

/**
 * A histogram's buckets and count per minute: `within` of `total` observations at or below `bound`
 * (the SLI's bucket), the others above it, as a backend exposes them.
 */
export function withinTargetBuckets(name: string, labels: Record<string, string>, bound: number, within: number, total: number, n: number): SeriesDef[] {
  return [
    { series: series(`${name}_bucket`, { ...labels, le: String(bound) }), values: `0+${within}x${n}` },
    { series: series(`${name}_bucket`, { ...labels, le: "+Inf" }), values: `0+${total}x${n}` },
    { series: series(`${name}_count`, labels), values: `0+${total}x${n}` },
  ];
}
