// Panel factories of the business dashboard (ops guide 2.1 业务层面).
import { businessRecordNames, lowRatings } from "../../alerts/business.ts";
import { qualityWindow, satisfactionWindow } from "../../catalog/targets.ts";
import { formatTarget, target } from "../../catalog/thresholds.ts";
import { jobScope, query, timeseriesPanel } from "../common.ts";
import type { DashboardContext, PanelDef } from "../types.ts";

const zh = (ctx: DashboardContext) => ctx.locale === "zh";

export function qualityScoreTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "对话质量评分" : "Conversation quality score",
    description: zh(ctx)
      ? `每个智能体最近 ${qualityWindow()} 的平均对话质量评分（0–1，以百分比显示）。虚线为目标 ${formatTarget("conversationQuality")}，持续低于它触发 ConversationQualityLow。`
      : `Mean conversation quality score of each agent over the last ${qualityWindow()} (0–1, shown as a percentage). The dashed line is the ${formatTarget("conversationQuality")} target; staying below it fires ConversationQualityLow.`,
    unit: "percentunit", min: 0, max: 1, threshold: target("conversationQuality"), redBelow: true,
  }).withTarget(query(`${businessRecordNames().quality}{${jobScope()}}`, "{{agent}}"));
  return { key: "qualityScore", panel };
}

export function lowRatingShareTimeseries(ctx: DashboardContext): PanelDef {
  const low = lowRatings().join(zh(ctx) ? "、" : ", ");
  const panel = timeseriesPanel({
    title: zh(ctx) ? "差评占比" : "Low-rating share",
    description: zh(ctx)
      ? `最近 ${satisfactionWindow()} 的用户评分中差评（${low} 分）的占比。虚线为目标 ${formatTarget("lowRatingShare")}，持续高于它触发 UserSatisfactionLow。`
      : `Share of low ratings (${low}) among the user ratings of the last ${satisfactionWindow()}. The dashed line is the ${formatTarget("lowRatingShare")} target; staying above it fires UserSatisfactionLow.`,
    unit: "percentunit", min: 0, max: 1, threshold: target("lowRatingShare"),
  }).withTarget(query(`${businessRecordNames().lowRatings}{${jobScope()}}`, "{{job}}"));
  return { key: "lowRatingShare", panel };
}
