// API 性能 — availability, latency and traffic of the backend (ops guide 1.1, 2.1 应用层面).
import * as p from "./panels/api.ts";
import type { DashboardContext, DashboardDef } from "./types.ts";

export function apiDashboard(ctx: DashboardContext): DashboardDef {
  return {
    uid: "xinliya-api",
    title: { zh: "API 性能", en: "API performance" },
    description: {
      zh: "后端 API 的可用性、成功率、响应时间与流量，阈值线与告警规则一致。",
      en: "Availability, success rate, response time and traffic of the backend API, with the same thresholds as the alerts.",
    },
    rows: [
      {
        title: { zh: "可用性", en: "Availability" },
        panels: [p.backendAvailabilityTimeseries(ctx), p.successRateTimeseries(ctx)],
      },
      {
        title: { zh: "延迟与流量", en: "Latency and traffic" },
        panels: [p.latencyTimeseries(ctx), p.requestRateTimeseries(ctx)],
      },
    ],
  };
}
