// Panel factories of the business dashboard (ops guide 2.1 业务层面).
import { businessRecordNames, lowRatings } from "../../alerts/business.ts";
import { seconds } from "../../catalog/duration.ts";
import { qualityWindow, satisfactionWindow } from "../../catalog/targets.ts";
import { formatTarget, target } from "../../catalog/thresholds.ts";
import { jobScope, query, scope, timeseriesPanel, zh } from "../common.ts";
import { barGaugePanel, heatmapPanel, heatmapQuery, statPanel } from "../kinds.ts";
import type { DashboardContext, PanelDef } from "../types.ts";

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

export function qualityDistributionHeatmap(ctx: DashboardContext): PanelDef {
  const panel = heatmapPanel({
    title: zh(ctx) ? "对话质量评分分布" : "Conversation quality score distribution",
    description: zh(ctx)
      ? `每个评分区间（直方图桶）每秒的对话数，颜色越深对话越多。均值相同时，分布能看出是整体下滑还是一部分对话特别差；目标 ${formatTarget("conversationQuality")}。`
      : `Conversations per second in each score bucket of the histogram; darker means more. With the same mean, the distribution tells a general slide from a group of very poor conversations; the target is ${formatTarget("conversationQuality")}.`,
    unit: "percentunit", cellUnit: "ops",
  }).withTarget(heatmapQuery(`sum by (le) (rate(xinliya_conversation_quality_score_bucket{${scope()}}[$__rate_interval]))`));
  return { key: "qualityDistribution", panel };
}

export function ratingDistributionBarGauge(ctx: DashboardContext): PanelDef {
  const rate = `increase(xinliya_feedback_ratings_total{${scope()}}[$__range])`;
  const legend = (r: string | number) => (zh(ctx) ? `${r} 分` : `rating ${r}`);
  const panel = barGaugePanel({
    title: zh(ctx) ? "评分分布" : "Rating distribution",
    description: zh(ctx)
      ? `所选时间范围内各评分（1–5 分）占全部评分的比例（整个范围的 increase 之比）。差评（${lowRatings().join("、")} 分）为红色。`
      : `Share of each rating (1–5) among all ratings over the selected range (the ratio of the increases over the range). Low ratings (${lowRatings().join(", ")}) are red.`,
    unit: "percentunit", min: 0, max: 1,
  }, "lastNotNull", 8)
    .withTarget(query(`sum by (rating) (${rate}) / ignoring (rating) group_left sum(${rate})`, legend("{{rating}}")));
  for (const r of lowRatings()) panel.overrideByName(legend(r), [{ id: "color", value: { mode: "fixed", fixedColor: "red" } }]);
  return { key: "ratingDistribution", panel };
}

export function ratingVolumeStat(ctx: DashboardContext): PanelDef {
  const w = satisfactionWindow();
  const panel = statPanel({
    title: zh(ctx) ? `最近 ${w} 的评分数` : `Ratings in the last ${w}`,
    description: zh(ctx)
      ? `最近 ${w} 收到的用户评分总数，即差评占比的样本量：样本很少时占比波动大。`
      : `User ratings received in the last ${w}: the sample behind the low-rating share, which swings when it is small.`,
    unit: "short", decimals: 0,
  }, 4, 8).withTarget(query(`sum(${businessRecordNames().ratings}{${jobScope()}}) * ${seconds(w)}`, zh(ctx) ? "评分数" : "ratings"));
  return { key: "ratingVolume", panel };
}
