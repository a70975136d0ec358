// 值班总览 — the on-call overview (ops guide 1.1, 2.1, 4.1): what fires, the numbers of the guide
// against their targets, the users right now, and the way to every other dashboard.
import * as o from "./panels/overview.ts";
import * as s from "./panels/overview-slo.ts";
import type { DashboardContext, DashboardDef } from "./types.ts";

export function overviewDashboard(ctx: DashboardContext, others: DashboardDef[]): DashboardDef {
  return {
    uid: "xinliya-overview",
    title: { zh: "值班总览", en: "On-call overview" },
    description: {
      zh: "值班第一屏：触发中的告警、可用性与错误预算、API 与智能体的响应时间、成功率、活跃会话与并发用户，以及所有其他看板。",
      en: "The on-call engineer's first screen: firing alerts, availability and error budget, API and agent response times, success rate, active sessions and concurrent users, and every other dashboard.",
    },
    rows: [
      {
        title: { zh: "告警", en: "Alerts" },
        panels: [o.alertsByPriorityStat(ctx), o.firingAlertsTable(ctx)],
      },
      {
        title: { zh: "服务等级", en: "Service levels" },
        panels: [
          s.availabilityStat(ctx), s.errorBudgetGauge(ctx), s.successRateStat(ctx),
          s.apiLatencyStat(ctx), s.agentLatencyStat(ctx),
        ],
      },
      {
        title: { zh: "用户", en: "Users" },
        panels: [s.activeSessionsStat(ctx), s.concurrentUsersStat(ctx)],
      },
      {
        title: { zh: "看板", en: "Dashboards" },
        panels: [o.dashboardsText(ctx, others)],
      },
    ],
  };
}
