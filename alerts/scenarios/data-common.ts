// Helpers of the data-tier and crisis failure scenarios (items 16–21): a quiet neighbour, written
// from the raw series of a healthy system next to the failure, that must stay silent.
import { afterFor } from "../cases/data-common.ts";
import { TEST_INTERVAL } from "../testing.ts";
import type { SeriesDef } from "../types.ts";
import type { FailureItem, FailureScenario } from "./types.ts";

export function quietScenario(item: FailureItem, alert: string, name: string, series: SeriesDef[], warmup = "0s"): FailureScenario {
  return { item, name: `${alert}: ${name} stays silent`, interval: TEST_INTERVAL, series, expect: [{ at: afterFor(alert, warmup), alert, firing: [] }] };
}

/** A gauge that grows by `perMinute` every minute from `start`, for `minutes` minutes. */
export function rising(start: number, perMinute: number, minutes: number): string {
  return `${start}+${perMinute}x${minutes}`;
}
