// 业务指标 — business indicators (ops guide 2.1 业务层面).
import * as p from "./panels/business.ts";
import type { DashboardContext, DashboardDef } from "./types.ts";

export function businessDashboard(ctx: DashboardContext): DashboardDef {
  return {
    uid: "xinliya-business",
    title: { zh: "业务指标", en: "Business indicators" },
    description: {
      zh: "对话质量与用户满意度，阈值线与告警规则一致。",
      en: "Conversation quality and user satisfaction, with the same thresholds as the alerts.",
    },
    rows: [
      {
        title: { zh: "质量与满意度", en: "Quality and satisfaction" },
        panels: [p.qualityScoreTimeseries(ctx), p.lowRatingShareTimeseries(ctx)],
      },
    ],
  };
}
