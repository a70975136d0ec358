// API 性能 — availability, latency and traffic of the backend (ops guide 1.1, 2.1 应用层面).
import * as p from "./panels/api.ts";
import * as r from "./panels/api-routes.ts";
import type { DashboardContext, DashboardDef } from "./types.ts";
import { apiFailureRow } from "./panels/failure-modes.ts";

export function apiDashboard(ctx: DashboardContext): DashboardDef {
  return {
    uid: "xinliya-api",
    title: { zh: "API 性能", en: "API performance" },
    description: {
      zh: "后端 API 的可用性、成功率、响应时间与流量，整体与按路由，阈值线与告警规则一致。",
      en: "Availability, success rate, response time and traffic of the backend API, overall and per route, with the same thresholds as the alerts.",
    },
    rows: [
      {
        title: { zh: "可用性", en: "Availability" },
        panels: [p.backendAvailabilityTimeseries(ctx), p.successRateTimeseries(ctx)],
      },
      {
        title: { zh: "流量与错误", en: "Traffic and errors" },
        panels: [p.requestRateTimeseries(ctx), p.errorsByStatusTimeseries(ctx)],
      },
      {
        title: { zh: "响应时间", en: "Response time" },
        panels: [p.latencyTimeseries(ctx), p.latencyPercentilesTimeseries(ctx), p.latencyHeatmap(ctx)],
      },
      {
        title: { zh: "按路由", en: "By route" },
        panels: [
          r.routesTable(ctx), r.latencyByRouteTimeseries(ctx),
          r.successRateByRouteTimeseries(ctx), r.requestsByRouteTimeseries(ctx),
        ],
      },
      apiFailureRow(ctx),
    ],
  };
}
