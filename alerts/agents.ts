// Agents and LLM providers (ops guide 2.1 智能体处理时间, 4.3 智能体异常): processing time, the
// fallback strategy, and the health of the LLM APIs, from the business exporter.
import { llmOutcomes, agentOutcomes } from "../catalog/outcomes.ts";
import { jobMatcher } from "../catalog/selectors.ts";
import { latencyQuantile, rateWindow } from "../catalog/targets.ts";
import { formatTarget, target } from "../catalog/thresholds.ts";
import { agentTests } from "./cases/agents.ts";
import { anyOf, quantileName, ratio } from "./promql.ts";
import type { AlertDef, RecordDef, RuleContext, RuleGroupDef } from "./types.ts";

export function agentRecordNames() {
  const w = rateWindow();
  return {
    latency: `agent:xinliya_agent_processing_duration_seconds:${quantileName(latencyQuantile())}_rate${w}`,
    fallback: `agent:xinliya_agent_runs_fallback:ratio_rate${w}`,
    llmFailed: `provider:xinliya_llm_requests_failed:ratio_rate${w}`,
    llmCalls: `job:xinliya_llm_requests:rate${w}`,
    llmSuccess: `job:xinliya_llm_requests_success:ratio_rate${w}`,
    // The buckets summed once per evaluation, for the quantile panels (bench:scale).
    agentBuckets: `agent_le:xinliya_agent_processing_duration_seconds_bucket:rate${w}`,
    llmBuckets: `model_le:xinliya_llm_request_duration_seconds_bucket:rate${w}`,
  };
}

function records(ctx: RuleContext): RecordDef[] {
  const job = jobMatcher(ctx.env, "businessExporter");
  const w = rateWindow();
  const n = agentRecordNames();
  const runs = (extra = "") => `sum by (job, agent) (rate(xinliya_agent_processing_duration_seconds_count{${job}${extra}}[${w}]))`;
  // `model` is summed away: the provider is what the on-call engineer can act on.
  const calls = (by: string, extra = "") => `sum by (${by}) (rate(xinliya_llm_requests_total{${job}${extra}}[${w}]))`;
  return [
    { kind: "record", record: n.agentBuckets, expr: `sum by (job, agent, le) (rate(xinliya_agent_processing_duration_seconds_bucket{${job}}[${w}]))` },
    { kind: "record", record: n.llmBuckets, expr: `sum by (job, provider, model, le) (rate(xinliya_llm_request_duration_seconds_bucket{${job}}[${w}]))` },
    {
      kind: "record",
      record: n.latency,
      expr: `histogram_quantile(${latencyQuantile()}, ${n.agentBuckets})`,
    },
    { kind: "record", record: n.fallback, expr: ratio(runs(`, outcome="${agentOutcomes().fallback}"`), runs()) },
    {
      kind: "record",
      record: n.llmFailed,
      expr: ratio(calls("job, provider", `, outcome=~"${anyOf(llmOutcomes().failed)}"`), calls("job, provider")),
    },
    { kind: "record", record: n.llmCalls, expr: calls("job") },
    { kind: "record", record: n.llmSuccess, expr: ratio(calls("job", `, outcome="${llmOutcomes().success}"`), n.llmCalls) },
  ];
}

function alerts(): AlertDef[] {
  const n = agentRecordNames();
  const w = rateWindow();
  const p = quantileName(latencyQuantile());
  return [
    {
      kind: "alert",
      name: "AgentProcessingSlow",
      expr: `${n.latency} > ${target("agentProcessingP95")}`,
      priority: "P1",
      summary: { zh: "智能体处理时间超过目标", en: "Agent processing time is above target" },
      description: {
        zh: (t) => `智能体 ${t.label("agent")} 最近 ${w} 的处理时间 ${p} 为 ${t.value("duration")}，超过目标 ${formatTarget("agentProcessingP95")}。`,
        en: (t) => `The ${p} processing time of agent ${t.label("agent")} over the last ${w} is ${t.value("duration")}, above the ${formatTarget("agentProcessingP95")} target.`,
      },
      dashboard: { uid: "xinliya-agent", panel: "agentLatency" },
    },
    {
      kind: "alert",
      name: "AgentFallbackHigh",
      expr: `${n.fallback} > ${target("agentFallbackShare")}`,
      priority: "P2",
      summary: { zh: "智能体频繁切换备用处理策略", en: "Agents often fall back to the backup strategy" },
      description: {
        zh: (t) => `智能体 ${t.label("agent")} 最近 ${w} 有 ${t.value("percent")} 的运行以备用处理策略结束，高于阈值 ${formatTarget("agentFallbackShare")}。`,
        en: (t) => `${t.value("percent")} of the runs of agent ${t.label("agent")} over the last ${w} ended in the fallback strategy, above the ${formatTarget("agentFallbackShare")} threshold.`,
      },
      dashboard: { uid: "xinliya-agent", panel: "fallbackShare" },
    },
    {
      kind: "alert",
      name: "LlmApiErrorsHigh",
      expr: `${n.llmFailed} > ${target("llmErrorShare")}`,
      priority: "P1",
      summary: { zh: "LLM API 调用失败率过高", en: "Too many LLM API calls fail" },
      description: {
        zh: (t) => `LLM 供应商 ${t.label("provider")} 最近 ${w} 有 ${t.value("percent")} 的调用失败（错误、超时或被限流），高于阈值 ${formatTarget("llmErrorShare")}。`,
        en: (t) => `${t.value("percent")} of the calls to LLM provider ${t.label("provider")} over the last ${w} failed (error, timeout or rate-limited), above the ${formatTarget("llmErrorShare")} threshold.`,
      },
      dashboard: { uid: "xinliya-agent", panel: "llmErrorShare" },
    },
    {
      // "While calls are being made": enough of them that a failed call on a quiet night is not a page.
      kind: "alert",
      name: "LlmApiDown",
      expr: `${n.llmSuccess} == 0 and ${n.llmCalls} > ${target("pageMinRate")}`,
      priority: "P0",
      summary: { zh: "所有 LLM 调用均失败", en: "Every LLM call fails" },
      description: {
        zh: (t) => `最近 ${w} 内没有任何一次 LLM 调用成功（${t.label("job")} 报告的成功率为 ${t.value("percent")}），智能体无法生成回答。`,
        en: (t) => `Not one LLM call succeeded over the last ${w} (success rate reported by ${t.label("job")}: ${t.value("percent")}); the agents cannot answer.`,
      },
      dashboard: { uid: "xinliya-agent", panel: "llmCalls" },
    },
  ];
}

export function agentRules(ctx: RuleContext): RuleGroupDef {
  return { domain: "agents", group: "xinliya.agents", rules: [...records(ctx), ...alerts()], tests: agentTests(ctx) };
}
