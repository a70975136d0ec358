// How long Prometheus keeps samples: longer than the SLO period, or the 30-day availability and
// error budget silently read less than 30 days. Written into generated/prometheus/ (the flags the
// server must run with) and passed to the live stack's Prometheus.
import { seconds } from "./duration.ts";
import { sloPeriod } from "./slo.ts";
import type { Duration } from "./types.ts";

export function prometheusRetention(): Duration {
  return "35d";
}

/** An error when the retention is shorter than the SLO period (render refuses it). */
export function retentionProblem(): string | undefined {
  return seconds(prometheusRetention()) < seconds(sloPeriod())
    ? `catalog/retention.ts: retention ${prometheusRetention()} is shorter than the SLO period ${sloPeriod()}`
    : undefined;
}

/** The window of the TSDB failure alert: compactions run every 2 h, so a failure stays visible. */
export function tsdbProblemWindow(): Duration {
  return "3h";
}
