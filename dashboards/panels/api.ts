// Panel factories of the API dashboard: availability, latency and traffic of the backend.
import * as common from "@grafana/grafana-foundation-sdk/common";
import { apiRecordNames } from "../../alerts/api.ts";
import { quantileName } from "../../alerts/promql.ts";
import { errorStatusRegex, latencyQuantiles } from "../../catalog/dashboards.ts";
import { jobMatcher } from "../../catalog/selectors.ts";
import { latencyQuantile } from "../../catalog/targets.ts";
import { formatTarget, target } from "../../catalog/thresholds.ts";
import { jobScope, query, scope, timeseriesPanel, zh } from "../common.ts";
import { heatmapPanel, heatmapQuery } from "../kinds.ts";
import type { DashboardContext, PanelDef } from "../types.ts";

export function backendAvailabilityTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "后端可用性" : "Backend availability",
    description: zh(ctx)
      ? `后端在线实例比例与请求成功率（非 5xx）。在线比例为 0，或成功率低于虚线 ${formatTarget("backendMinSuccessRate")}（且每秒至少 ${target("pageMinRate")} 个请求），即触发 P0 告警 BackendUnavailable。`
      : `Share of backend instances up, and share of requests that succeed (not 5xx). Either at 0, or the success rate below the ${formatTarget("backendMinSuccessRate")} line (with at least ${formatTarget("pageMinRate")} requests), fires the P0 alert BackendUnavailable.`,
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
    .withTarget(query(`${apiRecordNames().latencyByInstance}{${scope()}}`, "{{instance}}", "B"));
  return { key: "latency", panel };
}

export function requestRateTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "请求速率" : "Requests per second",
    description: zh(ctx)
      ? "每个服务的每秒请求数（告警与 SLO 所用的记录规则），以及每个实例的每秒请求数。"
      : "Requests per second of each service (the recording rule the alerts and the SLO read), and of each instance.",
    unit: "reqps", min: 0,
  })
    .withTarget(query(`${apiRecordNames().requests}{${jobScope()}}`, zh(ctx) ? "{{job}} 整体" : "{{job}} overall", "A"))
    .withTarget(query(
      `sum by (job, instance) (${apiRecordNames().byInstanceCode}{${scope()}})`,
      "{{instance}}", "B"));
  return { key: "requests", panel };
}

export function errorsByStatusTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "错误响应（按状态码）" : "Error responses by status code",
    description: zh(ctx)
      ? "每秒 4xx 与 5xx 响应数，按状态码堆叠；虚线为计入错误预算的 5xx 总数（记录规则）。4xx 是客户端的问题，不计入错误预算。"
      : "4xx and 5xx responses per second, stacked by status code; the dashed line is the 5xx total that spends error budget (recording rule). 4xx are the client's and spend none.",
    unit: "reqps", min: 0,
  })
    .stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal))
    .withTarget(query(
      `sum by (http_response_status_code) (${apiRecordNames().byInstanceCode}{${scope()}, http_response_status_code=~"${errorStatusRegex()}"})`,
      "{{http_response_status_code}}", "A"))
    .withTarget(query(`${apiRecordNames().failed}{${jobScope()}}`, zh(ctx) ? "{{job}} 5xx 合计" : "{{job}} 5xx total", "B"))
    .overrideByQuery("B", [
      { id: "custom.stacking", value: { mode: common.StackingMode.None, group: "A" } },
      { id: "custom.lineStyle", value: { fill: "dash", dash: [10, 10] } },
      { id: "custom.fillOpacity", value: 0 },
    ]);
  return { key: "errorsByStatus", panel };
}

export function latencyPercentilesTimeseries(ctx: DashboardContext): PanelDef {
  const names = latencyQuantiles().map(quantileName).join("/");
  let panel = timeseriesPanel({
    title: zh(ctx) ? `API 响应时间 ${names}` : `API response time ${names}`,
    description: zh(ctx)
      ? `所选实例合计的响应时间分位数。虚线为 ${quantileName(latencyQuantile())} 的目标 ${formatTarget("apiLatencyP95")}（运维指南 1.1）；p50 是典型请求，p99 是最慢的 1%。`
      : `Response time quantiles over the selected instances. The dashed line is the ${formatTarget("apiLatencyP95")} target of the ${quantileName(latencyQuantile())} (ops guide 1.1); p50 is the typical request, p99 the slowest 1 %.`,
    unit: "s", min: 0, threshold: target("apiLatencyP95"),
  });
  latencyQuantiles().forEach((q, i) => {
    panel = panel.withTarget(query(
      `histogram_quantile(${q}, sum by (job, le) (${apiRecordNames().bucketsByInstance}{${scope()}}))`,
      `{{job}} ${quantileName(q)}`, "ABC"[i]));
  });
  return { key: "latencyPercentiles", panel };
}

export function latencyHeatmap(ctx: DashboardContext): PanelDef {
  const panel = heatmapPanel({
    title: zh(ctx) ? "响应时间分布" : "Response time distribution",
    description: zh(ctx)
      ? "每个响应时间区间（直方图桶）每秒的请求数，颜色越深请求越多。两团分开的颜色常说明有一类请求特别慢。"
      : "Requests per second in each response-time bucket of the histogram; darker means more. Two separate clouds often mean one kind of request is much slower.",
    unit: "s", cellUnit: "reqps",
  }, 24).withTarget(heatmapQuery(`sum by (le) (${apiRecordNames().bucketsByInstance}{${scope()}})`));
  return { key: "latencyHeatmap", panel };
}
