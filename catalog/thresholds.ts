// Reading the targets: kept apart from the data in targets.ts so that a test can replace the data
// (vi.mock of targets()) and see every rule, text and panel follow.
import { genAiNumbers } from "./genai.ts";
import { safetyTargets } from "./safety.ts";
import { burnRateAlerts } from "./slo.ts";
import { type TargetName, latencyQuantile, targets } from "./targets.ts";

export function target(name: TargetName): number {
  return targets()[name].value;
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
    ...Object.values(burnRateAlerts()).flatMap((pairs) => pairs.map((p) => p.factor)),
    ...Object.values(safetyTargets()).map((t) => t.value),
    ...genAiNumbers(),
  ]);
}
