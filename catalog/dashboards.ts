// What the dashboards show beyond the alert targets (those are in targets.ts): the latency
// quantiles drawn, the windows of the capacity-planning views, and which answers count as errors
// on the error panels. Written once here; the panels import them.
import { serverErrorStatusRegex } from "./slo.ts";
import { latencyQuantile } from "./targets.ts";
import type { Duration } from "./types.ts";

/** The quantiles of latency panels: the median, the alerts' quantile and the tail. */
export function latencyQuantiles(): number[] {
  return [...new Set([0.5, latencyQuantile(), 0.99])].sort((a, b) => a - b);
}

/** The median, drawn beside the alerts' quantile on the agent panels. */
export function medianQuantile(): number {
  return 0.5;
}

/**
 * The smallest step of the per-route time series of the API dashboard (160 routes × methods at
 * production scale). They draw 5-minute rates, so 30 s points add nothing; at 30 s over 6 h their
 * answer was 2.7 MB, and compressing it for Grafana took most of the query (bench:scale, round 5).
 */
export function routeSeriesStep(): Duration {
  return "1m";
}

export interface TrendWindow {
  /** How far back the panel looks (its relative time). */
  range: Duration;
  /** The smallest step of the panel: each point sums up at least this much time. */
  step: Duration;
}

/** Resource trends of the capacity dashboard (ops guide 3.1 资源使用趋势, 5.1): a week and a month. */
export function capacityTrends(): TrendWindow[] {
  return [
    { range: "7d", step: "15m" },
    { range: "30d", step: "1h" },
  ];
}

/**
 * How far back the capacity forecast of each filesystem looks. A week covers a whole weekly
 * cycle of traffic, so the daily ups and downs cancel out (the 24 h alert looks back 6 h only).
 */
export function capacityForecastLookback(): Duration {
  return "7d";
}

/**
 * The planning horizon (ops guide 3.1: capacity planning each quarter): a disk that fills up
 * within it is shown orange, so the next quarter's plan includes it.
 */
export function capacityPlanningHorizon(): Duration {
  return "90d";
}

/** Headroom is measured from the peak of this window, not from the current value. */
export function headroomPeakWindow(): Duration {
  return "7d";
}

/** Request growth compares daily means with those of the same day one week earlier. */
export function growthComparison(): { mean: Duration; offset: Duration } {
  return { mean: "1d", offset: "7d" };
}

/** HTTP status codes shown on the error panels: client errors (4xx) and server errors (5xx). */
export function errorStatusRegex(): string {
  return `4..|${serverErrorStatusRegex()}`;
}
