// Agents and LLM providers (ops guide 2.1 智能体处理时间, 4.3 智能体异常): processing time, the
// fallback strategy, and the health of the LLM APIs, from the business exporter.
import { llmOutcomes, agentOutcomes } from "../catalog/outcomes.ts";
import { jobMatcher } from "../catalog/selectors.ts";
import { latencyQuantile, rateWindow } from "../catalog/targets.ts";
import { formatTarget, target } from "../catalog/thresholds.ts";
import { agentTests } from "./cases/agents.ts";
import { anyOf, leMatcher, quantileName, ratio, withFloor } from "./promql.ts";
import { safetyCriticalAgents, safetyWindow } from "../catalog/criticality.ts";
import type { AlertDef, RecordDef, RuleContext, RuleGroupDef } from "./types.ts";

export function agentRecordNames() {
  const w = rateWindow();
  return {
    latency: `agent:xinliya_agent_processing_duration_seconds:${quantileName(latencyQuantile())}_rate${w}`,
    fallback: `agent:xinliya_agent_runs_fallback:ratio_rate${w}`,
    llmFailed: `provider:xinliya_llm_requests_failed:ratio_rate${w}`,
    llmCalls: `job:xinliya_llm_requests:rate${w}`,
    llmSuccess: `job:xinliya_llm_requests_success:ratio_rate${w}`,
    withinTarget: `agent:xinliya_agent_processing_duration_seconds:within_target_ratio_rate${w}`,
    failed: `agent:xinliya_agent_runs_failed:ratio_rate${w}`,
    // The buckets summed once per evaluation, for the records and the quantile panels (bench:scale).
    agentBuckets: `agent_le:xinliya_agent_processing_duration_seconds_bucket:rate${w}`,
    llmBuckets: `model_le:xinliya_llm_request_duration_seconds_bucket:rate${w}`,
    // Per model, the p95 the model panel draws (its ~500 bucket series per step cost seconds).
    llmLatencyByModel: `model:xinliya_llm_request_duration_seconds:${quantileName(latencyQuantile())}_rate${w}`,
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
    { kind: "record", record: n.latency, expr: `histogram_quantile(${latencyQuantile()}, ${n.agentBuckets})` },
    { kind: "record", record: n.llmLatencyByModel, expr: `histogram_quantile(${latencyQuantile()}, ${n.llmBuckets})` },
    {
      // Read from the bucket at the target (catalog/buckets.ts sliBucketBounds), never interpolated.
      kind: "record",
      record: n.withinTarget,
      expr: `sum by (job, agent) (${n.agentBuckets}{${leMatcher(target("agentProcessingP95"))}}) / ${runs()}`,
    },
    { kind: "record", record: n.fallback, expr: ratio(runs(`, outcome="${agentOutcomes().fallback}"`), runs()) },
    { kind: "record", record: n.failed, expr: ratio(runs(`, outcome=~"${anyOf(agentOutcomes().failed)}"`), runs()) },
    {
      kind: "record",
      record: n.llmFailed,
      expr: ratio(calls("job, provider", `, outcome=~"${anyOf(llmOutcomes().failed)}"`), calls("job, provider")),
    },
    { kind: "record", record: n.llmCalls, expr: calls("job") },
    { kind: "record", record: n.llmSuccess, expr: ratio(calls("job", `, outcome="${llmOutcomes().success}"`), n.llmCalls) },
  ];
}

function alerts(ctx: RuleContext): AlertDef[] {
  const n = agentRecordNames();
  const w = rateWindow();
  const p = quantileName(latencyQuantile());
  const job = jobMatcher(ctx.env, "businessExporter");
  const runCount = `xinliya_agent_processing_duration_seconds_count{${job}}`;
  const callCount = `xinliya_llm_requests_total{${job}}`;
  const safety = anyOf(safetyCriticalAgents());
  return [
    {
      // Strict target (ops guide: < 5 s): exactly the quantile's share within 5 s is a miss.
      kind: "alert",
      name: "AgentProcessingSlow",
      expr: withFloor(`${n.withinTarget} <= ${latencyQuantile()}`, runCount, "job, agent", w),
      priority: "P1",
      summary: { zh: "智能体处理时间超过目标", en: "Agent processing time is above target" },
      description: {
        zh: (t) => `智能体 ${t.label("agent")} 最近 ${w} 只有 ${t.value("percent")} 的运行在 ${formatTarget("agentProcessingP95")} 内完成：${p} 未达到目标（< ${formatTarget("agentProcessingP95")}）。`,
        en: (t) => `Only ${t.value("percent")} of the runs of agent ${t.label("agent")} over the last ${w} finished within ${formatTarget("agentProcessingP95")}: the ${p} misses its < ${formatTarget("agentProcessingP95")} target.`,
      },
      dashboard: { uid: "xinliya-agent", panel: "agentWithinTarget" },
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
      expr: withFloor(`${n.llmFailed} > ${target("llmErrorShare")}`, callCount, "job, provider", w),
      priority: "P1",
      summary: { zh: "LLM API 调用失败率过高", en: "Too many LLM API calls fail" },
      description: {
        zh: (t) => `LLM 供应商 ${t.label("provider")} 最近 ${w} 有 ${t.value("percent")} 的调用失败（错误、超时或被限流），高于阈值 ${formatTarget("llmErrorShare")}。`,
        en: (t) => `${t.value("percent")} of the calls to LLM provider ${t.label("provider")} over the last ${w} failed (error, timeout or rate-limited), above the ${formatTarget("llmErrorShare")} threshold.`,
      },
      dashboard: { uid: "xinliya-agent", panel: "llmErrorShare" },
    },
    {
      // A near-outage is an outage: 99.8 % failing with a few retries getting through still pages.
      // "While calls are being made": enough of them that a failed call on a quiet night is not a page.
      kind: "alert",
      name: "LlmApiDown",
      expr: withFloor(`${n.llmSuccess} < ${target("llmMinSuccessShare")}`, callCount, "job", w),
      priority: "P0",
      summary: { zh: "LLM 调用几乎全部失败", en: "LLM calls almost all fail" },
      description: {
        zh: (t) => `最近 ${w} 内 ${t.label("job")} 报告的 LLM 调用成功率仅为 ${t.value("percent")}（低于 ${formatTarget("llmMinSuccessShare")}），智能体几乎无法生成回答。`,
        en: (t) => `Only ${t.value("percent")} of the LLM calls reported by ${t.label("job")} over the last ${w} succeeded (below ${formatTarget("llmMinSuccessShare")}); the agents can hardly answer.`,
      },
      dashboard: { uid: "xinliya-agent", panel: "llmCalls" },
    },
    {
      kind: "alert",
      name: "AgentRunsFailing",
      expr: withFloor(`${n.failed}{agent!~"${safety}"} > ${target("agentFailureShare")}`, runCount, "job, agent", w),
      priority: "P1",
      summary: { zh: "智能体运行频繁出错或超时", en: "Agent runs often fail or time out" },
      description: {
        zh: (t) => `智能体 ${t.label("agent")} 最近 ${w} 有 ${t.value("percent")} 的运行以错误或超时结束，高于阈值 ${formatTarget("agentFailureShare")}。`,
        en: (t) => `${t.value("percent")} of the runs of agent ${t.label("agent")} over the last ${w} ended in an error or a timeout, above the ${formatTarget("agentFailureShare")} threshold.`,
      },
      dashboard: { uid: "xinliya-agent", panel: "agentFailedShare" },
    },
    {
      // The safety agents run seldom: their share and floor are counted over a longer window.
      kind: "alert",
      name: "SafetyAgentRunsFailing",
      expr: (() => {
        const sw = safetyWindow();
        const sel = (extra = "") => `sum by (job, agent) (rate(xinliya_agent_processing_duration_seconds_count{${job}, agent=~"${safety}"${extra}}[${sw}]))`;
        return withFloor(`${sel(`, outcome=~"${anyOf(agentOutcomes().failed)}"`)} / ${sel()} > ${target("safetyAgentFailureShare")}`,
          `xinliya_agent_processing_duration_seconds_count{${job}, agent=~"${safety}"}`, "job, agent", sw);
      })(),
      priority: "P0",
      summary: { zh: "安全关键智能体运行失败", en: "A safety-critical agent is failing" },
      description: {
        zh: (t) => `安全关键智能体 ${t.label("agent")} 最近 ${safetyWindow()} 有 ${t.value("percent")} 的运行以错误或超时结束（阈值 ${formatTarget("safetyAgentFailureShare")}）：危机中的用户可能得不到分诊或安全审查。`,
        en: (t) => `${t.value("percent")} of the runs of safety-critical agent ${t.label("agent")} over the last ${safetyWindow()} ended in an error or a timeout (threshold ${formatTarget("safetyAgentFailureShare")}): users in crisis may get no triage or safety review.`,
      },
      dashboard: { uid: "xinliya-agent", panel: "agentFailedShare" },
    },
  ];
}

export function agentRules(ctx: RuleContext): RuleGroupDef {
  return { domain: "agents", group: "xinliya.agents", rules: [...records(ctx), ...alerts(ctx)], tests: agentTests(ctx) };
}
