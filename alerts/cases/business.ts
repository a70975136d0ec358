// promtool cases of the business rules (alerts/business.ts).
import { duration, seconds } from "../../catalog/duration.ts";
import { ratingValues } from "../../catalog/outcomes.ts";
import { jobs } from "../../catalog/selectors.ts";
import { forDurations, forOf } from "../../catalog/targets.ts";
import { target } from "../../catalog/thresholds.ts";
import { lowRatings } from "../business.ts";
import { TEST_INTERVAL, boundaryCases, events, realisedShare, humanizePercentage, sampleCount, series } from "../testing.ts";
import type { RuleContext, RuleTestCase, SeriesDef } from "../types.ts";

const INSTANCE = "app-a:9464";

/** `perMinute` ratings a minute, `low` of them low (spread over the low ratings), the rest high. */
function ratings(ctx: RuleContext, perMinute: number, low: number, n: number, high = ratingValues().filter((r) => !lowRatings().includes(r))): SeriesDef[] {
  const lows = lowRatings();
  const spread = (total: number, values: number[]) =>
    values.map((v, i) => [v, Math.floor(total / values.length) + (i < total % values.length ? 1 : 0)] as const);
  return [...spread(low, lows), ...spread(perMinute - low, high)].map(([rating, v]) => ({
    series: series("xinliya_feedback_ratings_total", { job: jobs(ctx.env).businessExporter, instance: INSTANCE, rating: String(rating) }),
    values: `0+${v}x${n}`,
  }));
}

export function businessTests(ctx: RuleContext): RuleTestCase[] {
  const job = jobs(ctx.env).businessExporter;
  const qualityFor = forOf("ConversationQualityLow");
  const satisfactionFor = forOf("UserSatisfactionLow");
  // The minimum sample (issue 10, item 12): the alert waits until 100 events a minute reach it.
  const warmup = (min: number) => Math.ceil(min / 100) + 1;
  const qualityWarmup = warmup(target("qualityMinSample"));
  const n = sampleCount(satisfactionFor) + warmup(target("satisfactionMinSample"));
  const qn = sampleCount(qualityFor) + qualityWarmup;
  return [
    ...boundaryCases({
      alert: "ConversationQualityLow", forDuration: qualityFor, threshold: target("conversationQuality"), margin: 0.01,
      direction: "below", subjects: ["agent-a", "agent-b"],
      // 100 scored conversations a minute whose scores add up to level × 100.
      inputs: (level, agent) => [
        { series: series("xinliya_conversation_quality_score_count", { job, instance: INSTANCE, agent }), values: `0+100x${qn}` },
        { series: series("xinliya_conversation_quality_score_sum", { job, instance: INSTANCE, agent }), values: `0+${events(level, 100)}x${qn}` },
      ],
      labels: (agent) => ({ job, agent }),
      format: humanizePercentage,
      realised: realisedShare(100),
      warmup: `${qualityWarmup}m`,
    }),
    ...boundaryCases({
      alert: "UserSatisfactionLow", forDuration: satisfactionFor, threshold: target("lowRatingShare"), margin: 0.01,
      subjects: [job],
      inputs: (level) => ratings(ctx, 100, events(level, 100), n),
      labels: () => ({ job }),
      format: humanizePercentage,
      realised: realisedShare(100),
      warmup: `${warmup(target("satisfactionMinSample"))}m`,
    }),
    {
      name: `UserSatisfactionLow: ratings just above the low ones (${target("lowRatingMax") + 1}) are not low`,
      interval: TEST_INTERVAL,
      series: ratings(ctx, 100, 0, n, [target("lowRatingMax") + 1]),
      expect: [{ at: duration(seconds(satisfactionFor) + 120), alert: "UserSatisfactionLow", firing: [] }],
    },
  ];
}
