// Reading the targets: kept apart from the data in targets.ts so that a test can replace the data
// (vi.mock of targets()) and see every rule, text and panel follow.
import { burnRateAlerts, sloPeriod } from "./slo.ts";
import { seconds } from "./duration.ts";
import { type TargetName, latencyQuantile, rateWindow, targets } from "./targets.ts";
import { genAiNumbers } from "./genai.ts";
import { safetyTargets } from "./safety.ts";

export function target(name: TargetName): number {
  const value = targets()[name].value;
  return tracing ? tracedValue(name, value) : value;
}

// The render guard against literal thresholds (scripts/render/guards.ts) builds the rules a second
// time with every target moved to a value of its own; a number that stays put was typed into the
// rule, even when it happens to equal some target (the 0.05 that is also pageMinRate).
let tracing = false;

/** The value each target takes while rules are traced: unique, and near the real one. */
export function tracedValue(name: TargetName, value: number): number {
  const index = Object.keys(targets()).indexOf(name) + 1;
  return value * (1 + index * 1e-7) + index * 1e-9;
}

/** Runs `build` with every target read through target() moved to its traced value. */
export function withTracedTargets<T>(build: () => T): T {
  tracing = true;
  try { return build(); } finally { tracing = false; }
}

/**
 * The paging traffic floor as a count: pageMinRate over the rate window (0.05/s × 5 min = 15
 * events). Every paging alert needs at least this many events in its window (alerts/promql.ts).
 */
export function pageMinEvents(): number {
  return Math.round(target("pageMinRate") * seconds(rateWindow()) * 1e9) / 1e9;
}

/** Whole hours or minutes read better than seconds: 86400 → "24h", 90 → "90s". */
function formatSeconds(v: number): string {
  if (v >= 3600 && v % 3600 === 0) return `${v / 3600}h`;
  if (v >= 600 && v % 60 === 0) return `${v / 60}m`;
  return `${v}s`;
}

/** A target as people read it: "80%", "99.9%", "2s", "26h", "0.5/s", "2". */
export function formatTarget(name: TargetName): string {
  const t = targets()[name];
  switch (t.unit) {
    case "ratio": return `${Number((t.value * 100).toPrecision(6))}%`;
    case "seconds": return formatSeconds(t.value);
    case "perSecond": return `${t.value}/s`;
    case "count": return `${t.value}`;
  }
}

/**
 * Every number a rule may contain: the targets, the latency quantile and the burn-rate factors,
 * plus 0 and 1, which are structure (`up == 0`, `1 - ratio`), not thresholds.
 */
export function catalogNumbers(): Set<number> {
  return new Set([
    0, 1,
    ...Object.values(targets()).map((t) => t.value),
    latencyQuantile(),
    // Prometheus's retention is compared with the SLO period, in seconds.
    seconds(sloPeriod()),
    pageMinEvents(),
    ...Object.values(burnRateAlerts()).flatMap((pairs) => pairs.map((p) => p.factor)),
    // The fast burn's floor counts over its long windows: the recorded rate times their seconds
    // (alerts/promql.ts withMeanRateFloor).
    ...burnRateAlerts().ApiErrorBudgetBurnFast.map((p) => seconds(p.long)),
    ...Object.values(safetyTargets()).map((t) => t.value),
    ...genAiNumbers(),
  ]);
}
