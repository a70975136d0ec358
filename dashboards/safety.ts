// 用户安全 — user safety (issue 14): the crisis pipeline, from detection to a human, the emergency
// contact, referrals (SB 243) and the detectors. Breakdowns suppress small counts.
import * as p from "./panels/safety.ts";
import type { DashboardContext, DashboardDef } from "./types.ts";

export function safetyDashboard(ctx: DashboardContext): DashboardDef {
  return {
    uid: "xinliya-safety",
    title: { zh: "用户安全", en: "User safety" },
    description: {
      zh: "危机从识别到人工接手的时间与目标、等待中的危机、紧急联系人通知、危机资源转介（SB 243 年度数字）与危机识别器健康。分类计数少于 5 时显示“< 5”。",
      en: "Time from crisis detection to a human against the targets, waiting crises, emergency-contact notifications, crisis referrals (the SB 243 yearly count) and detector health. Breakdown counts below 5 show as \"< 5\".",
    },
    rows: [
      { title: { zh: "人工接手", en: "Human takeover" }, panels: [p.takeoverLatencyTimeseries(ctx), p.takeoversOverMaxTimeseries(ctx), p.takeoversTimeseries(ctx)] },
      { title: { zh: "等待中的危机", en: "Waiting crises" }, panels: [p.waitingCrisesTimeseries(ctx), p.crisesBySourceStat(ctx)] },
      { title: { zh: "紧急联系人通知", en: "Emergency contacts" }, panels: [p.notificationFailureTimeseries(ctx), p.notificationsByResultStat(ctx)] },
      { title: { zh: "危机资源转介", en: "Crisis referrals" }, panels: [p.referralsYearStat(ctx), p.referralsByResourceStat(ctx)] },
      {
        title: { zh: "识别器与提醒", en: "Detectors and reminders" },
        panels: [p.detectorHeartbeatsTimeseries(ctx), p.detectorCoverageTimeseries(ctx), p.remindersTimeseries(ctx)],
      },
    ],
  };
}
