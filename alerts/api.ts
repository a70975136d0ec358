// The API (ops guide 1.1 and 2.1 应用层面): availability and latency of the backend, from its
// OpenTelemetry HTTP histogram. The 5-minute records here are the base of the SLO domain (slo.ts).
import { serverErrorStatusRegex } from "../catalog/slo.ts";
import { jobMatcher } from "../catalog/selectors.ts";
import { latencyQuantile, rateWindow } from "../catalog/targets.ts";
import { formatTarget, target } from "../catalog/thresholds.ts";
import { apiBucketReads } from "./api-buckets.ts";
import { apiTests } from "./cases/api.ts";
import { leMatcher, quantileName, ratio, withRateFloor } from "./promql.ts";
import type { AlertDef, RecordDef, RuleContext, RuleGroupDef } from "./types.ts";

/** The availability SLI (share of non-5xx responses) over a window; slo.ts records the longer ones. */
export function availabilityRecord(window: string): string {
  return `job:http_server_availability:ratio_rate${window}`;
}

export function apiRecordNames() {
  const w = rateWindow();
  return {
    requests: `job:http_server_requests:rate${w}`,
    failed: `job:http_server_requests_failed:rate${w}`,
    availability: availabilityRecord(w),
    latency: `job:http_server_request_duration_seconds:${quantileName(latencyQuantile())}_rate${w}`,
    withinTarget: `job:http_server_request_duration_seconds:within_target_ratio_rate${w}`,
    down: "job:http_server_down:bool",
    // One pass over the raw histogram per evaluation, for the alerts and the panels alike
    // (bench:scale): requests per instance and status code, per route and status code, and the
    // buckets per instance and per route (api-buckets.ts). Panels sum these instead of rating the
    // raw series at every step.
    byInstanceCode: `instance_code:http_server_requests:rate${w}`,
    byRouteCode: `route_code:http_server_requests:rate${w}`,
    bucketsByInstance: `instance_le:http_server_request_duration_seconds_bucket:rate${w}`,
    // The one pass over the raw buckets, in shards by `le` (api-buckets.ts); both above sum it.
    bucketsByInstanceRoute: `instance_route_le:http_server_request_duration_seconds_bucket:rate${w}`,
    bucketsByRoute: `route_le:http_server_request_duration_seconds_bucket:rate${w}`,
    latencyByRoute: `route:http_server_request_duration_seconds:${quantileName(latencyQuantile())}_rate${w}`,
    // Per instance: what the latency panel draws per instance, instead of 16 buckets per instance
    // at every step of 6 h (bench:scale, round 4: 1.07 s p99 at 30 instances).
    latencyByInstance: `instance:http_server_request_duration_seconds:${quantileName(latencyQuantile())}_rate${w}`,
    // Per route (job, method, route): what the route panels draw, so that they select instead of
    // summing 160 routes at every step of 6 h (bench:scale, round 3).
    requestsByRoute: `route:http_server_requests:rate${w}`,
    successByRoute: `route:http_server_requests_success:ratio_rate${w}`,
  };
}

/**
 * Availability is uptime (ops guide 1.1, 可用时间): the share of time some backend instance was up
 * and scraped, times the share of requests that succeeded. Time with every instance down or
 * unscraped spends budget even though no request was counted; a window with no request at all
 * counts only its uptime.
 */
export function availabilityOver(window: string, failed: string, requests: string): string {
  const down = apiRecordNames().down;
  return `(1 - avg_over_time(${down}[${window}])) * ((1 - ${failed} / ${requests}) or (0 * avg_over_time(${down}[${window}]) + 1))`;
}

function records(ctx: RuleContext): RecordDef[] {
  const job = jobMatcher(ctx.env, "backend");
  const w = rateWindow();
  const n = apiRecordNames();
  const raw = (series: string, by: string) => `sum by (${by}) (rate(http_server_request_duration_seconds_${series}{${job}}[${w}]))`;
  const count = (extra = "") => `sum by (job) (${n.byInstanceCode}${extra ? `{${extra}}` : ""})`;
  return [
    { kind: "record", record: n.byInstanceCode, expr: raw("count", "job, instance, http_response_status_code") },
    { kind: "record", record: n.requests, expr: count() },
    {
      // Success is "not 5xx": 4xx answers are the client's mistake and spend no error budget.
      kind: "record",
      record: n.failed,
      expr: `${count(`http_response_status_code=~"${serverErrorStatusRegex()}"`)} or 0 * ${n.requests}`,
    },
    {
      // 1 while no instance of the backend is up: down, or gone from the scrape targets (absent).
      kind: "record",
      record: n.down,
      expr: `(max by (job) (up{${job}}) == bool 0) or absent(up{${job}})`,
    },
    { kind: "record", record: n.availability, expr: availabilityOver(w, n.failed, n.requests) },
    {
      // From the bucket at the target (catalog/buckets.ts sliBucketBounds), never interpolated.
      kind: "record",
      record: n.withinTarget,
      expr: `sum by (job) (${n.bucketsByInstance}{${leMatcher(target("apiLatencyP95"))}}) / ${n.requests}`,
    },
    {
      kind: "record",
      record: n.latency,
      expr: `histogram_quantile(${latencyQuantile()}, sum by (job, le) (${n.bucketsByInstance}))`,
    },
    { kind: "record", record: n.latencyByInstance, expr: `histogram_quantile(${latencyQuantile()}, ${n.bucketsByInstance})` },
  ];
}

/**
 * The per-route counts, quantile, requests and success, in a group of their own, from the raw
 * counts and the per-route buckets (api-buckets.ts). The route panels read them; no
 * alert does.
 */
export function apiRouteRecords(ctx: RuleContext): RecordDef[] {
  const n = apiRecordNames();
  const job = jobMatcher(ctx.env, "backend");
  return [
    // Requests per route and status code: the route panels' pass over the raw counts, here beside
    // the API group's per-instance one rather than after it (bench:scale, round 4).
    { kind: "record", record: n.byRouteCode, expr: `sum by (job, http_request_method, http_route, http_response_status_code) (rate(http_server_request_duration_seconds_count{${job}}[${rateWindow()}]))` },
    { kind: "record", record: n.latencyByRoute, expr: `histogram_quantile(${latencyQuantile()}, ${n.bucketsByRoute})` },
    { kind: "record", record: n.requestsByRoute, expr: `sum by (job, http_request_method, http_route) (${n.byRouteCode})` },
    {
      // Share of non-5xx answers: a route without any 5xx yet reads 100 %, not "no data".
      kind: "record",
      record: n.successByRoute,
      expr: `1 - ${ratio(`sum by (job, http_request_method, http_route) (${n.byRouteCode}{http_response_status_code=~"${serverErrorStatusRegex()}"})`, n.requestsByRoute)}`,
    },
  ];
}

function alerts(ctx: RuleContext): AlertDef[] {
  const n = apiRecordNames();
  const w = rateWindow();
  // The traffic floor reads the job's request rate, recorded above in this group from the
  // per-instance counts, instead of three more passes over the raw counts (bench:scale, round 5).
  const floor = (expr: string) => withRateFloor(expr, n.requests, "job", w, ctx.env.timeScale);
  return [
    {
      // Both halves are shares, so $value reads the same way: 0 % of instances up, or 30 % of requests
      // fine. The share pages only with enough traffic: one failed request on a quiet night is noise.
      kind: "alert",
      name: "BackendUnavailable",
      expr:
        `(avg by (job) (up{${jobMatcher(ctx.env, "backend")}}) == 0)` +
        ` or (absent(up{${jobMatcher(ctx.env, "backend")}}) * 0)` +
        ` or ${floor(`${n.availability} < ${target("backendMinSuccessRate")}`)}`,
      priority: "P0",
      summary: { zh: "后端服务不可用", en: "The backend is unavailable" },
      description: {
        zh: (t) => `后端服务 ${t.label("job")} 不可用：在线实例比例或请求成功率仅为 ${t.value("percent")}（所有实例均已宕机，或成功的请求不足 ${formatTarget("backendMinSuccessRate")}）。`,
        en: (t) => `Backend ${t.label("job")} is unavailable: the share of instances up or of requests that succeed is ${t.value("percent")} (every instance is down, or fewer than ${formatTarget("backendMinSuccessRate")} of requests succeed).`,
      },
      dashboard: { uid: "xinliya-api", panel: "backendAvailability" },
    },
    {
      kind: "alert",
      name: "ApiSuccessRateLow",
      // Strict target (ops guide: > 99.5 %): exactly 99.5 % is a miss.
      expr: floor(`${n.availability} <= ${target("apiSuccessRate")}`),
      priority: "P1",
      summary: { zh: "API 请求成功率低于目标", en: "API success rate is below target" },
      description: {
        zh: (t) => `服务 ${t.label("job")} 最近 ${w} 的请求成功率（非 5xx 响应占比）为 ${t.value("percent")}，低于目标 ${formatTarget("apiSuccessRate")}。`,
        en: (t) => `The share of non-5xx responses of ${t.label("job")} over the last ${w} is ${t.value("percent")}, below the ${formatTarget("apiSuccessRate")} target.`,
      },
      dashboard: { uid: "xinliya-api", panel: "successRate" },
    },
    {
      kind: "alert",
      name: "ApiLatencyHigh",
      // Strict target (ops guide: < 2 s): the quantile's share within 2 s, exactly, is a miss.
      expr: floor(`${n.withinTarget} <= ${latencyQuantile()}`),
      priority: "P1",
      summary: { zh: "API 响应时间超过目标", en: "API response time is above target" },
      description: {
        zh: (t) => `服务 ${t.label("job")} 最近 ${w} 只有 ${t.value("percent")} 的请求在 ${formatTarget("apiLatencyP95")} 内完成：响应时间 ${quantileName(latencyQuantile())} 未达到目标（< ${formatTarget("apiLatencyP95")}）。`,
        en: (t) => `Only ${t.value("percent")} of the requests of ${t.label("job")} over the last ${w} finished within ${formatTarget("apiLatencyP95")}: the ${quantileName(latencyQuantile())} response time misses its < ${formatTarget("apiLatencyP95")} target.`,
      },
      dashboard: { uid: "xinliya-api", panel: "apiWithinTarget" },
    },
  ];
}

export function apiRules(ctx: RuleContext): RuleGroupDef {
  return { domain: "api", group: "xinliya.api", rules: [...records(ctx), ...alerts(ctx)], tests: apiTests(ctx), reads: apiBucketReads() };
}
