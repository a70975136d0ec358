// 业务指标 — business indicators (ops guide 2.1 业务层面, 应用层面 活跃会话数和并发用户).
import * as p from "./panels/business.ts";
import * as u from "./panels/business-usage.ts";
import type { DashboardContext, DashboardDef } from "./types.ts";

export function businessDashboard(ctx: DashboardContext): DashboardDef {
  return {
    uid: "xinliya-business",
    title: { zh: "业务指标", en: "Business indicators" },
    description: {
      zh: "对话质量、用户满意度、功能使用、错误类型、活跃会话与并发用户，阈值线与告警规则一致。",
      en: "Conversation quality, user satisfaction, feature usage, error types, active sessions and concurrent users, with the same thresholds as the alerts.",
    },
    rows: [
      {
        title: { zh: "对话质量", en: "Conversation quality" },
        panels: [p.qualityScoreTimeseries(ctx), p.qualityDistributionHeatmap(ctx)],
      },
      {
        title: { zh: "用户满意度", en: "User satisfaction" },
        panels: [p.lowRatingShareTimeseries(ctx), p.ratingDistributionBarGauge(ctx), p.ratingVolumeStat(ctx)],
      },
      {
        title: { zh: "功能与错误", en: "Features and errors" },
        panels: [u.featureUsageBarGauge(ctx), u.errorTypesTimeseries(ctx), u.errorTypeShareBarGauge(ctx)],
      },
      {
        title: { zh: "会话与用户", en: "Sessions and users" },
        panels: [u.activeSessionsTimeseries(ctx), u.concurrentUsersTimeseries(ctx)],
      },
    ],
  };
}
