// Input series of the backend's HTTP histogram, shared by the API and SLO cases.
import { jobs } from "../../catalog/selectors.ts";
import { counterValues, events, series } from "../testing.ts";
import type { RuleContext, SeriesDef } from "../types.ts";

/** Some minutes of traffic: requests per minute by status code. */
export interface TrafficSegment {
  minutes: number;
  perStatus: Record<string, number>;
}

export function backendLabels(ctx: RuleContext, instance = "app-a:8000"): Record<string, string> {
  return { job: jobs(ctx.env).backend, instance, http_request_method: "POST", http_route: "/api/chat" };
}

/** One `_count` counter per status code, segment after segment. */
export function httpTraffic(ctx: RuleContext, segments: readonly TrafficSegment[], instance?: string): SeriesDef[] {
  const codes = [...new Set(segments.flatMap((s) => Object.keys(s.perStatus)))];
  return codes.map((code) => ({
    series: series("http_server_request_duration_seconds_count", { ...backendLabels(ctx, instance), http_response_status_code: code }),
    values: counterValues(segments.map((s) => ({ perMinute: s.perStatus[code] ?? 0, minutes: s.minutes }))),
  }));
}

/** `minutes` of `perMinute` requests of which a share `errorRatio` (rounded to whole requests) are 500s. */
export function errorTraffic(perMinute: number, errorRatio: number, minutes: number): TrafficSegment {
  const errors = events(errorRatio, perMinute);
  return { minutes, perStatus: { "200": perMinute - errors, "500": errors } };
}

/** The backend's `up`, 1 for `minutes` minutes: availability counts uptime, so it needs the target. */
export function backendUp(ctx: RuleContext, minutes: number, instance = "app-a:8000"): SeriesDef {
  return { series: series("up", { job: jobs(ctx.env).backend, instance }), values: `1x${minutes}` };
}
