// Business indicators (ops guide 1.1 用户体验, 2.1 业务层面): conversation quality and user
// satisfaction, from the business exporter.
import { ratingValues } from "../catalog/outcomes.ts";
import { jobMatcher } from "../catalog/selectors.ts";
import { qualityWindow, satisfactionWindow } from "../catalog/targets.ts";
import { formatTarget, target } from "../catalog/thresholds.ts";
import { businessTests } from "./cases/business.ts";
import { anyOf, ratio } from "./promql.ts";
import type { AlertDef, RecordDef, RuleContext, RuleGroupDef } from "./types.ts";

export function businessRecordNames() {
  return {
    quality: `agent:xinliya_conversation_quality_score:mean${qualityWindow()}`,
    ratings: `job:xinliya_feedback_ratings:rate${satisfactionWindow()}`,
    lowRatings: `job:xinliya_feedback_ratings_low:ratio_rate${satisfactionWindow()}`,
  };
}

/** The ratings that count as low: 1 up to the catalog's maximum. */
export function lowRatings(): number[] {
  return ratingValues().filter((r) => r <= target("lowRatingMax"));
}

function records(ctx: RuleContext): RecordDef[] {
  const job = jobMatcher(ctx.env, "businessExporter");
  const n = businessRecordNames();
  const q = qualityWindow();
  const s = satisfactionWindow();
  return [
    {
      kind: "record",
      record: n.quality,
      expr: `sum by (job, agent) (rate(xinliya_conversation_quality_score_sum{${job}}[${q}])) / sum by (job, agent) (rate(xinliya_conversation_quality_score_count{${job}}[${q}]))`,
    },
    { kind: "record", record: n.ratings, expr: `sum by (job) (rate(xinliya_feedback_ratings_total{${job}}[${s}]))` },
    {
      kind: "record",
      record: n.lowRatings,
      expr: ratio(`sum by (job) (rate(xinliya_feedback_ratings_total{${job}, rating=~"${anyOf(lowRatings())}"}[${s}]))`, n.ratings),
    },
  ];
}

function alerts(ctx: RuleContext): AlertDef[] {
  const n = businessRecordNames();
  const job = jobMatcher(ctx.env, "businessExporter");
  // A minimum sample: one low-scored conversation in an hour is no quality trend.
  const sample = (counter: string, by: string, window: string, min: number) =>
    `sum by (${by}) (increase(${counter}{${job}}[${window}])) >= ${min}`;
  const max = formatTarget("lowRatingMax");
  return [
    {
      kind: "alert",
      name: "ConversationQualityLow",
      expr: `(${n.quality} < ${target("conversationQuality")}) and on (job, agent) ${sample("xinliya_conversation_quality_score_count", "job, agent", qualityWindow(), target("qualityMinSample"))}`,
      priority: "P2",
      summary: { zh: "对话质量评分低于目标", en: "Conversation quality is below target" },
      description: {
        zh: (t) => `智能体 ${t.label("agent")} 最近 ${qualityWindow()} 的平均对话质量评分为 ${t.value("percent")}，低于目标 ${formatTarget("conversationQuality")}。`,
        en: (t) => `The mean conversation quality score of agent ${t.label("agent")} over the last ${qualityWindow()} is ${t.value("percent")}, below the ${formatTarget("conversationQuality")} target.`,
      },
      dashboard: { uid: "xinliya-business", panel: "qualityScore" },
    },
    {
      kind: "alert",
      name: "UserSatisfactionLow",
      expr: `(${n.lowRatings} > ${target("lowRatingShare")}) and on (job) ${sample("xinliya_feedback_ratings_total", "job", satisfactionWindow(), target("satisfactionMinSample"))}`,
      priority: "P3",
      summary: { zh: "用户差评占比偏高", en: "Too many low user ratings" },
      description: {
        zh: (t) => `${t.label("job")} 报告最近 ${satisfactionWindow()} 的用户评分中有 ${t.value("percent")} 为差评（≤ ${max} 分），高于目标 ${formatTarget("lowRatingShare")}。`,
        en: (t) => `${t.value("percent")} of the user ratings over the last ${satisfactionWindow()} reported by ${t.label("job")} are low (≤ ${max}), above the ${formatTarget("lowRatingShare")} target.`,
      },
      dashboard: { uid: "xinliya-business", panel: "lowRatingShare" },
    },
  ];
}

export function businessRules(ctx: RuleContext): RuleGroupDef {
  return { domain: "business", group: "xinliya.business", rules: [...records(ctx), ...alerts(ctx)], tests: businessTests(ctx) };
}
