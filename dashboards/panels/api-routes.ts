// Panel factories of the API dashboard, per route: which endpoint is slow, failing or busy.
// `http_route` is the route template (bounded), never the URL with its ids.
import { apiRecordNames } from "../../alerts/api.ts";
import { quantileName, ratio } from "../../alerts/promql.ts";
import { serverErrorStatusRegex } from "../../catalog/slo.ts";
import { latencyQuantiles, routeSeriesStep } from "../../catalog/dashboards.ts";
import { latencyQuantile } from "../../catalog/targets.ts";
import { formatTarget, target } from "../../catalog/thresholds.ts";
import { jobScope, query, timeseriesPanel, zh } from "../common.ts";
import { tablePanel } from "../tables.ts";
import type { DashboardContext, PanelDef } from "../types.ts";

const BY_ROUTE = "http_request_method, http_route";
const LEGEND = "{{http_request_method}} {{http_route}}";

// The route records (alerts/api.ts, group xinliya.api_routes): a route is a property of the service
// (`$instance` does not narrow these panels). Rating the raw histogram at every step of 6 h costs
// seconds at production scale, and so does summing 160 routes at every step (bench:scale): the
// time series select the recorded rate, success share and quantile per route; the table (one
// instant query per column) sums the per-route records.
function requests(extra = ""): string {
  return `sum by (${BY_ROUTE}) (${apiRecordNames().byRouteCode}{${jobScope()}${extra}})`;
}

function quantile(q: number): string {
  return `histogram_quantile(${q}, sum by (${BY_ROUTE}, le) (${apiRecordNames().bucketsByRoute}{${jobScope()}}))`;
}

/** The recorded quantile per route (one series per job and route), for the time series. */
function recordedQuantile(): string {
  return `${apiRecordNames().latencyByRoute}{${jobScope()}}`;
}

/** Share of non-5xx answers per route: a route without any 5xx yet reads 100 %, not "no data". */
function success(): string {
  return `1 - ${ratio(requests(`, http_response_status_code=~"${serverErrorStatusRegex()}"`), requests())}`;
}

export function routesTable(ctx: DashboardContext): PanelDef {
  const p = quantileName(latencyQuantile());
  const t = zh(ctx)
    ? { title: "各路由一览", method: "方法", route: "路由", rate: "请求/秒", success: "成功率" }
    : { title: "Routes", method: "Method", route: "Route", rate: "Requests/s", success: "Success rate" };
  const panel = tablePanel({
    title: t.title,
    description: zh(ctx)
      ? `每个路由当前的请求速率、响应时间分位数与成功率（非 5xx）。${p} 按目标 ${formatTarget("apiLatencyP95")} 着色，成功率按目标 ${formatTarget("apiSuccessRate")} 着色。`
      : `Current request rate, response time quantiles and success rate (not 5xx) of every route. The ${p} is coloured by the ${formatTarget("apiLatencyP95")} target, the success rate by the ${formatTarget("apiSuccessRate")} target.`,
    labels: { http_request_method: t.method, http_route: t.route },
    columns: [
      { name: t.rate, unit: "reqps", decimals: 2, expr: requests() },
      ...latencyQuantiles().map((q) => ({
        name: quantileName(q), unit: "s" as const, expr: quantile(q),
        ...(q === latencyQuantile() ? { threshold: target("apiLatencyP95") } : {}),
      })),
      { name: t.success, unit: "percentunit", decimals: 2, threshold: target("apiSuccessRate"), redBelow: true, expr: success() },
    ],
    sortBy: { column: t.rate, desc: true },
  });
  return { key: "routes", panel };
}

export function latencyByRouteTimeseries(ctx: DashboardContext): PanelDef {
  const p = quantileName(latencyQuantile());
  const panel = timeseriesPanel({
    title: zh(ctx) ? `各路由响应时间 ${p}` : `Response time ${p} by route`,
    description: zh(ctx)
      ? `每个路由的响应时间 ${p}。虚线为目标 ${formatTarget("apiLatencyP95")}：找出拖慢整体的路由。`
      : `${p} response time of every route. The dashed line is the ${formatTarget("apiLatencyP95")} target: find the route that slows the service down.`,
    unit: "s", min: 0, threshold: target("apiLatencyP95"),
  }).span(8).interval(routeSeriesStep()).withTarget(query(recordedQuantile(), LEGEND));
  return { key: "latencyByRoute", panel };
}

export function successRateByRouteTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "各路由请求成功率" : "Success rate by route",
    description: zh(ctx)
      ? `每个路由的非 5xx 响应占比。虚线为目标 ${formatTarget("apiSuccessRate")}：找出消耗错误预算的路由。`
      : `Share of non-5xx responses of every route. The dashed line is the ${formatTarget("apiSuccessRate")} target: find the route that spends the error budget.`,
    unit: "percentunit", max: 1, threshold: target("apiSuccessRate"), redBelow: true,
  }).span(8).interval(routeSeriesStep()).withTarget(query(`${apiRecordNames().successByRoute}{${jobScope()}}`, LEGEND));
  return { key: "successRateByRoute", panel };
}

export function requestsByRouteTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "各路由请求速率" : "Requests per second by route",
    description: zh(ctx) ? "每个路由的每秒请求数。" : "Requests per second of every route.",
    unit: "reqps", min: 0,
  }).span(8).interval(routeSeriesStep()).withTarget(query(`${apiRecordNames().requestsByRoute}{${jobScope()}}`, LEGEND));
  return { key: "requestsByRoute", panel };
}
