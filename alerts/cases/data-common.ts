// Helpers of the data-tier promtool cases (issue 13): whose series, and a quiet neighbour case.
import { duration, seconds } from "../../catalog/duration.ts";
import { forDurations } from "../../catalog/targets.ts";
import { TEST_INTERVAL } from "../testing.ts";
import type { RuleTestCase, SeriesDef } from "../types.ts";

/** Two minutes past an alert's `for`. */
export function afterFor(alert: string, warmup = "0s"): string {
  return duration(seconds(forDurations()[alert]!) + seconds(warmup) + 120);
}

export function forOf(alert: string): string {
  return forDurations()[alert]!;
}

/** A failure's close neighbour, written from its raw series, that must stay silent. */
export function quietCase(alert: string, name: string, series: SeriesDef[], warmup = "0s"): RuleTestCase {
  return { name: `${alert}: ${name} stays silent`, interval: TEST_INTERVAL, series, expect: [{ at: afterFor(alert, warmup), alert, firing: [] }] };
}
