// promtool cases of the agent and LLM rules (alerts/agents.ts).
import { llmOutcomes } from "../../catalog/outcomes.ts";
import { jobs } from "../../catalog/selectors.ts";
import { forDurations, forOf, latencyQuantile } from "../../catalog/targets.ts";
import { target } from "../../catalog/thresholds.ts";
import { duration, seconds } from "../../catalog/duration.ts";
import { TEST_INTERVAL, boundaryCases, events, realisedShare, humanizePercentage, levelCases, sampleCount, series, withinTargetBuckets } from "../testing.ts";
import type { RuleContext, RuleTestCase, SeriesDef } from "../types.ts";

const AGENTS = ["agent-a", "agent-b"];
const PROVIDERS = ["provider-a", "provider-b"];
const INSTANCE = "app-a:9464";

function exporter(ctx: RuleContext): Record<string, string> {
  return { job: jobs(ctx.env).businessExporter, instance: INSTANCE };
}

/** LLM calls of one provider per minute by outcome; failures are spread over every failed outcome. */
function llmCalls(ctx: RuleContext, provider: string, perMinute: number, failed: number, n: number): SeriesDef[] {
  const outcomes = llmOutcomes().failed;
  const share = (i: number) => Math.floor(failed / outcomes.length) + (i < failed % outcomes.length ? 1 : 0);
  const counts: [string, string, number][] = [
    // Successes are split over two models: the alert must sum `model` away.
    [llmOutcomes().success, "model-a", Math.ceil((perMinute - failed) / 2)],
    [llmOutcomes().success, "model-b", Math.floor((perMinute - failed) / 2)],
    ...outcomes.map((o, i): [string, string, number] => [o, "model-a", share(i)]),
  ];
  return counts.map(([outcome, model, v]) => ({
    series: series("xinliya_llm_requests_total", { ...exporter(ctx), provider, model, outcome }),
    values: `0+${v}x${n}`,
  }));
}

function agentRuns(ctx: RuleContext, agent: string, perOutcome: Record<string, number>, n: number): SeriesDef[] {
  return Object.entries(perOutcome).map(([outcome, v]) => ({
    series: series("xinliya_agent_processing_duration_seconds_count", { ...exporter(ctx), agent, outcome }),
    values: `0+${v}x${n}`,
  }));
}

function agentAlertTests(ctx: RuleContext): RuleTestCase[] {
  const job = jobs(ctx.env).businessExporter;
  const slowFor = forOf("AgentProcessingSlow");
  const fallbackFor = forOf("AgentFallbackHigh");
  return [
    ...boundaryCases({
      alert: "AgentProcessingSlow", forDuration: slowFor, threshold: latencyQuantile(), margin: 0.01, direction: "below",
      subjects: AGENTS,
      inputs: (level, agent) => withinTargetBuckets("xinliya_agent_processing_duration_seconds",
        { ...exporter(ctx), agent, outcome: "success" }, target("agentProcessingP95"), events(level, 100), 100, sampleCount(slowFor)),
      labels: (agent) => ({ job, agent }),
      format: humanizePercentage,
      realised: realisedShare(100),
    }),
    ...boundaryCases({
      alert: "AgentFallbackHigh", forDuration: fallbackFor, threshold: target("agentFallbackShare"), margin: 0.01,
      subjects: AGENTS,
      inputs: (level, agent) => {
        const fallback = events(level, 100);
        return agentRuns(ctx, agent, { success: 100 - fallback - 2, error: 1, timeout: 1, fallback }, sampleCount(fallbackFor));
      },
      labels: (agent) => ({ job, agent }),
      format: humanizePercentage,
      realised: realisedShare(100),
    }),
  ];
}

function llmAlertTests(ctx: RuleContext): RuleTestCase[] {
  const job = jobs(ctx.env).businessExporter;
  const errorsFor = forOf("LlmApiErrorsHigh");
  const downFor = forOf("LlmApiDown");
  const n = sampleCount(downFor);
  return [
    ...boundaryCases({
      alert: "LlmApiErrorsHigh", forDuration: errorsFor, threshold: target("llmErrorShare"), margin: 0.01,
      subjects: PROVIDERS,
      inputs: (level, provider) => llmCalls(ctx, provider, 1000, events(level, 1000), sampleCount(errorsFor)),
      labels: (provider) => ({ job, provider }),
      format: humanizePercentage,
      realised: realisedShare(1000),
    }),
    // The share of successful calls of all providers, just on each side of the near-outage level.
    ...boundaryCases({
      alert: "LlmApiDown", forDuration: downFor, threshold: target("llmMinSuccessShare"), margin: 0.01, direction: "below",
      subjects: [job],
      // Both providers fail alike; their successes add up to `level` of the 2000 calls a minute.
      inputs: (level) => {
        const ok = events(level, 2000);
        return [...llmCalls(ctx, PROVIDERS[0]!, 1000, 1000 - Math.floor(ok / 2), n), ...llmCalls(ctx, PROVIDERS[1]!, 1000, 1000 - Math.ceil(ok / 2), n)];
      },
      labels: () => ({ job }),
      format: humanizePercentage,
      realised: realisedShare(2000),
    }),
    {
      name: "LlmApiDown: a few failed calls on a quiet night (below the paging traffic floor) stay silent",
      interval: TEST_INTERVAL,
      series: llmCalls(ctx, PROVIDERS[0]!, Math.max(1, Math.floor(target("pageMinRate") * 30)), Math.max(1, Math.floor(target("pageMinRate") * 30)), n),
      expect: [{ at: duration(seconds(downFor) + 120), alert: "LlmApiDown", firing: [] }],
    },
    {
      name: "LlmApiDown: no LLM call at all stays silent",
      interval: TEST_INTERVAL,
      series: llmCalls(ctx, PROVIDERS[0]!, 0, 0, n),
      expect: [{ at: duration(seconds(downFor) + 120), alert: "LlmApiDown", firing: [] }],
    },
  ];
}

export function agentTests(ctx: RuleContext): RuleTestCase[] {
  return [...agentAlertTests(ctx), ...llmAlertTests(ctx)];
}
