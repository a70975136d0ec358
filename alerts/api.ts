// The API (ops guide 1.1 and 2.1 应用层面): availability and latency of the backend, from its
// OpenTelemetry HTTP histogram. The 5-minute records here are the base of the SLO domain (slo.ts).
import { serverErrorStatusRegex } from "../catalog/slo.ts";
import { jobMatcher } from "../catalog/selectors.ts";
import { latencyQuantile, rateWindow } from "../catalog/targets.ts";
import { formatTarget, target } from "../catalog/thresholds.ts";
import { apiTests } from "./cases/api.ts";
import { quantileName } from "./promql.ts";
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
    // One pass over the raw histogram per evaluation, for the alerts and the panels alike
    // (bench:scale): per instance and status code, per route and status code, and the buckets
    // per instance and per route. Panels sum these instead of rating the raw series at every step.
    byInstanceCode: `instance_code:http_server_requests:rate${w}`,
    byRouteCode: `route_code:http_server_requests:rate${w}`,
    bucketsByInstance: `instance_le:http_server_request_duration_seconds_bucket:rate${w}`,
    bucketsByRoute: `route_le:http_server_request_duration_seconds_bucket:rate${w}`,
  };
}

function records(ctx: RuleContext): RecordDef[] {
  const job = jobMatcher(ctx.env, "backend");
  const w = rateWindow();
  const n = apiRecordNames();
  const raw = (series: string, by: string) => `sum by (${by}) (rate(http_server_request_duration_seconds_${series}{${job}}[${w}]))`;
  const route = "job, http_request_method, http_route";
  const count = (extra = "") => `sum by (job) (${n.byInstanceCode}${extra ? `{${extra}}` : ""})`;
  return [
    { kind: "record", record: n.byInstanceCode, expr: raw("count", "job, instance, http_response_status_code") },
    { kind: "record", record: n.byRouteCode, expr: raw("count", `${route}, http_response_status_code`) },
    { kind: "record", record: n.bucketsByInstance, expr: raw("bucket", "job, instance, le") },
    { kind: "record", record: n.bucketsByRoute, expr: raw("bucket", `${route}, le`) },
    { kind: "record", record: n.requests, expr: count() },
    {
      // Success is "not 5xx": 4xx answers are the client's mistake and spend no error budget.
      kind: "record",
      record: n.failed,
      expr: `${count(`http_response_status_code=~"${serverErrorStatusRegex()}"`)} or 0 * ${n.requests}`,
    },
    { kind: "record", record: n.availability, expr: `1 - ${n.failed} / ${n.requests}` },
    {
      kind: "record",
      record: n.latency,
      expr: `histogram_quantile(${latencyQuantile()}, sum by (job, le) (${n.bucketsByInstance}))`,
    },
  ];
}

function alerts(ctx: RuleContext): AlertDef[] {
  const n = apiRecordNames();
  const w = rateWindow();
  return [
    {
      // Both halves are shares, so $value reads the same way: 0 % of instances up, or 30 % of requests
      // fine. The share pages only with enough traffic: one failed request on a quiet night is noise.
      kind: "alert",
      name: "BackendUnavailable",
      expr:
        `(avg by (job) (up{${jobMatcher(ctx.env, "backend")}}) == 0)` +
        ` or (${n.availability} < ${target("backendMinSuccessRate")} and ${n.requests} > ${target("pageMinRate")})`,
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
      expr: `${n.availability} < ${target("apiSuccessRate")}`,
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
      expr: `${n.latency} > ${target("apiLatencyP95")}`,
      priority: "P1",
      summary: { zh: "API 响应时间超过目标", en: "API response time is above target" },
      description: {
        zh: (t) => `服务 ${t.label("job")} 最近 ${w} 的 API 响应时间 ${quantileName(latencyQuantile())} 为 ${t.value("duration")}，超过目标 ${formatTarget("apiLatencyP95")}。`,
        en: (t) => `The ${quantileName(latencyQuantile())} API response time of ${t.label("job")} over the last ${w} is ${t.value("duration")}, above the ${formatTarget("apiLatencyP95")} target.`,
      },
      dashboard: { uid: "xinliya-api", panel: "latency" },
    },
  ];
}

export function apiRules(ctx: RuleContext): RuleGroupDef {
  return { domain: "api", group: "xinliya.api", rules: [...records(ctx), ...alerts(ctx)], tests: apiTests(ctx) };
}
