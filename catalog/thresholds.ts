// Reading the targets: kept apart from the data in targets.ts so that a test can replace the data
// (vi.mock of targets()) and see every rule, text and panel follow.
import { burnRateAlerts, sloPeriod } from "./slo.ts";
import { scaledSeconds, seconds } from "./duration.ts";
import type { Duration } from "./types.ts";
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
 * The numbers a rule may contain that are structure, not thresholds: 0 and 1 (`up == 0`,
 * `1 - ratio`), the latency quantile, the SLO period in seconds (Prometheus's retention is compared
 * with it), the burn-rate factors, the seconds by which a floor from a recorded rate multiplies (the
 * rate window's, withRateFloor; the fast burn's long windows', withMeanRateFloor, alerts/promql.ts),
 * and the safety and GenAI numbers. `timeScale`: those seconds as a time-scaled bundle writes them.
 * The render guard allows these without tracing them (scripts/render/guards.ts).
 */
export function structuralNumbers(timeScale?: number): Set<number> {
  const secs = (d: Duration) => (timeScale ? scaledSeconds(d, timeScale) : seconds(d));
  return new Set([
    0, 1,
    latencyQuantile(),
    seconds(sloPeriod()),
    secs(rateWindow()),
    ...burnRateAlerts().ApiErrorBudgetBurnFast.map((p) => secs(p.long)),
    ...Object.values(burnRateAlerts()).flatMap((pairs) => pairs.map((p) => p.factor)),
    ...Object.values(safetyTargets()).map((t) => t.value),
    ...genAiNumbers(),
  ]);
}

/** Every number a rule may contain: the structure above, the targets and the paging floor. */
export function catalogNumbers(): Set<number> {
  return new Set([...structuralNumbers(), ...Object.values(targets()).map((t) => t.value), pageMinEvents()]);
}
