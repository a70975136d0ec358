// Panel factories of the API dashboard: availability, latency and traffic of the backend.
import { apiRecordNames } from "../../alerts/api.ts";
import { quantileName } from "../../alerts/promql.ts";
import { jobMatcher } from "../../catalog/selectors.ts";
import { latencyQuantile } from "../../catalog/targets.ts";
import { formatTarget, target } from "../../catalog/thresholds.ts";
import { jobScope, query, scope, timeseriesPanel } from "../common.ts";
import type { DashboardContext, PanelDef } from "../types.ts";

const zh = (ctx: DashboardContext) => ctx.locale === "zh";

export function backendAvailabilityTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "后端可用性" : "Backend availability",
    description: zh(ctx)
      ? `后端在线实例比例与请求成功率（非 5xx）。在线比例为 0，或成功率低于虚线 ${formatTarget("backendMinSuccessRate")}，即触发 P0 告警 BackendUnavailable。`
      : `Share of backend instances up, and share of requests that succeed (not 5xx). Either at 0, or the success rate below the ${formatTarget("backendMinSuccessRate")} line, fires the P0 alert BackendUnavailable.`,
    unit: "percentunit", min: 0, max: 1, threshold: target("backendMinSuccessRate"), redBelow: true,
  })
    .withTarget(query(`avg by (job) (up{${jobMatcher(ctx.env, "backend")}, ${scope()}})`, zh(ctx) ? "{{job}} 在线实例比例" : "{{job}} instances up", "A"))
    .withTarget(query(`${apiRecordNames().availability}{${jobScope()}}`, zh(ctx) ? "{{job}} 请求成功率" : "{{job}} request success", "B"));
  return { key: "backendAvailability", panel };
}

export function successRateTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "请求成功率" : "Request success rate",
    description: zh(ctx)
      ? `非 5xx 响应占全部响应的比例（5 分钟窗口，即 5m 可用性 SLI）。虚线为目标 ${formatTarget("apiSuccessRate")}，持续低于它触发 ApiSuccessRateLow。`
      : `Share of responses that are not 5xx (5-minute window, the 5m availability SLI). The dashed line is the ${formatTarget("apiSuccessRate")} target; staying below it fires ApiSuccessRateLow.`,
    unit: "percentunit", max: 1, threshold: target("apiSuccessRate"), redBelow: true,
  }).withTarget(query(`${apiRecordNames().availability}{${jobScope()}}`, "{{job}}"));
  return { key: "successRate", panel };
}

export function latencyTimeseries(ctx: DashboardContext): PanelDef {
  const q = latencyQuantile();
  const p = quantileName(q);
  const panel = timeseriesPanel({
    title: zh(ctx) ? `API 响应时间 ${p}` : `API response time ${p}`,
    description: zh(ctx)
      ? `服务整体（告警所用的记录规则）与每个实例的响应时间 ${p}。虚线为目标 ${formatTarget("apiLatencyP95")}，服务整体持续高于它触发 ApiLatencyHigh。`
      : `${p} response time of the whole service (the recording rule the alert reads) and of each instance. The dashed line is the ${formatTarget("apiLatencyP95")} target; the service staying above it fires ApiLatencyHigh.`,
    unit: "s", min: 0, threshold: target("apiLatencyP95"),
  })
    .withTarget(query(`${apiRecordNames().latency}{${jobScope()}}`, zh(ctx) ? "{{job}} 整体" : "{{job}} overall", "A"))
    .withTarget(query(
      `histogram_quantile(${q}, sum by (job, instance, le) (rate(http_server_request_duration_seconds_bucket{${scope()}}[$__rate_interval])))`,
      "{{instance}}", "B"));
  return { key: "latency", panel };
}

export function requestRateTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "请求速率（按状态码）" : "Requests per second by status code",
    description: zh(ctx)
      ? "每个服务按 HTTP 状态码统计的每秒请求数；5xx 计入错误预算，4xx 不计入。"
      : "Requests per second of each service by HTTP status code; 5xx spend error budget, 4xx do not.",
    unit: "reqps", min: 0,
  }).withTarget(query(
    `sum by (job, http_response_status_code) (rate(http_server_request_duration_seconds_count{${scope()}}[$__rate_interval]))`,
    "{{job}} {{http_response_status_code}}"));
  return { key: "requests", panel };
}
