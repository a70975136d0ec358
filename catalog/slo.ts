// The API availability SLO (ops guide 1.1: 99.9 %) and its multi-window, multi-burn-rate alert
// policy (Google SRE workbook, chapter 5). The objective itself is targets().availabilitySlo.
import { latencyQuantile } from "./targets.ts";
import type { Duration } from "./types.ts";

/** The SLO's compliance period: the error budget is counted over it. */
export function sloPeriod(): Duration {
  return "30d";
}

/** One window pair: fires when the burn rate exceeds `factor` over both windows. */
export interface BurnWindowPair {
  factor: number;
  long: Duration;
  short: Duration;
}

/**
 * The two burn-rate alerts. 14.4× over 1 h spends 2 % of a 30-day budget; 6× over 6 h spends
 * 5 %; 3× over 1 d spends 10 %; 1× over 3 d spends 10 %. The short window (1/12 of the long one)
 * makes the alert stop soon after the burning stops.
 */
export function burnRateAlerts(): Record<"ApiErrorBudgetBurnFast" | "ApiErrorBudgetBurnSlow", BurnWindowPair[]> {
  return {
    ApiErrorBudgetBurnFast: [
      { factor: 14.4, long: "1h", short: "5m" },
      { factor: 6, long: "6h", short: "30m" },
    ],
    ApiErrorBudgetBurnSlow: [
      { factor: 3, long: "1d", short: "2h" },
      { factor: 1, long: "3d", short: "6h" },
    ],
  };
}

/** HTTP status codes that count against availability: success means "not 5xx". */
export function serverErrorStatusRegex(): string {
  return "5..";
}

/**
 * The share of the error budget left below which the budget gauges turn orange (red below 0): a
 * quarter of a 30-day budget is 7.5 days of burning at 1×, time to slow releases before it is gone.
 */
export function errorBudgetWarning(): number {
  return 0.25;
}

/**
 * The latency SLO of the API (ops guide 1.1/2.1: response < 2 s at p95): at least this share of
 * requests answers within targets().apiLatencyP95, read from the bucket at that bound. A p95 under
 * 2 s and "95 % of requests under 2 s" are the same statement; its error budget is the other 5 %.
 */
export function latencySloObjective(): number {
  return latencyQuantile();
}

/** The windows of the latency SLO's burn rates: the long windows of the availability alerts. */
export function latencyBurnWindows(): Duration[] {
  return Object.values(burnRateAlerts()).flat().map((p) => p.long);
}
