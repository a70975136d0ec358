// Panel factories of the agent and LLM dashboard (ops guide 2.1, 4.3 智能体异常): agents and providers.
import * as common from "@grafana/grafana-foundation-sdk/common";
import { agentRecordNames } from "../../alerts/agents.ts";
import { quantileName } from "../../alerts/promql.ts";
import { medianQuantile } from "../../catalog/dashboards.ts";
import { agentOutcomes, llmOutcomes } from "../../catalog/outcomes.ts";
import { withOutcomeColours } from "../colours.ts";
import { latencyQuantile } from "../../catalog/targets.ts";
import { formatTarget, target } from "../../catalog/thresholds.ts";
import { jobScope, query, scope, timeseriesPanel, zh } from "../common.ts";
import type { DashboardContext, PanelDef } from "../types.ts";

export function agentLatencyTimeseries(ctx: DashboardContext): PanelDef {
  const p = quantileName(latencyQuantile());
  const m = quantileName(medianQuantile());
  const panel = timeseriesPanel({
    title: zh(ctx) ? `智能体处理时间 ${m}/${p}` : `Agent processing time ${m}/${p}`,
    description: zh(ctx)
      ? `每个智能体生成回答所需时间的 ${p}（告警所用的记录规则，5 分钟窗口）与 ${m}，含超时与备用策略。虚线为目标 ${formatTarget("agentProcessingP95")}，${p} 持续高于它触发 AgentProcessingSlow。`
      : `${p} (the recording rule the alert reads, 5-minute window) and ${m} of the time each agent takes to answer, timeouts and fallbacks included. The dashed line is the ${formatTarget("agentProcessingP95")} target; the ${p} staying above it fires AgentProcessingSlow.`,
    unit: "s", min: 0, threshold: target("agentProcessingP95"),
  })
    .withTarget(query(`${agentRecordNames().latency}{${jobScope()}}`, `{{agent}} ${p}`, "A"))
    .withTarget(query(
      // The record is already by (job, agent, le): no sum at every step (bench:scale).
      `histogram_quantile(${medianQuantile()}, ${agentRecordNames().agentBuckets}{${jobScope()}})`,
      `{{agent}} ${m}`, "B"));
  return { key: "agentLatency", panel };
}

export function agentOutcomesTimeseries(ctx: DashboardContext): PanelDef {
  const outcomes = agentOutcomes().all.join(zh(ctx) ? "、" : ", ");
  const panel = timeseriesPanel({
    title: zh(ctx) ? "智能体运行结果" : "Agent run outcomes",
    description: zh(ctx)
      ? `每个智能体每秒结束的运行数，按结果（${outcomes}）堆叠。error 与 timeout 是失败，fallback 是切换到了备用处理策略（运维指南 4.3）。`
      : `Runs per second of each agent, stacked by outcome (${outcomes}). error and timeout failed; fallback means the backup strategy answered (ops guide 4.3).`,
    unit: "ops", min: 0,
  })
    .span(24)
    .stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal))
    .withTarget(query(
      `sum by (agent, outcome) (rate(xinliya_agent_processing_duration_seconds_count{${scope()}}[$__rate_interval]))`,
      "{{agent}} {{outcome}}"));
  withOutcomeColours(panel, agentOutcomes().all);
  return { key: "agentOutcomes", panel };
}

export function fallbackShareTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "备用策略占比" : "Fallback share",
    description: zh(ctx)
      ? `每个智能体以备用处理策略结束的运行占比（5 分钟窗口）。虚线为阈值 ${formatTarget("agentFallbackShare")}，持续高于它触发 AgentFallbackHigh。`
      : `Share of each agent's runs that ended in the fallback strategy (5-minute window). The dashed line is the ${formatTarget("agentFallbackShare")} threshold; staying above it fires AgentFallbackHigh.`,
    unit: "percentunit", min: 0, max: 1, threshold: target("agentFallbackShare"),
  }).withTarget(query(`${agentRecordNames().fallback}{${jobScope()}}`, "{{agent}}"));
  return { key: "fallbackShare", panel };
}

export function llmErrorShareTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "LLM 调用失败率" : "LLM call failure share",
    description: zh(ctx)
      ? `每个 LLM 供应商失败调用（错误、超时、被限流）的占比（5 分钟窗口）。虚线为阈值 ${formatTarget("llmErrorShare")}，持续高于它触发 LlmApiErrorsHigh。`
      : `Share of each LLM provider's calls that failed (error, timeout, rate-limited; 5-minute window). The dashed line is the ${formatTarget("llmErrorShare")} threshold; staying above it fires LlmApiErrorsHigh.`,
    unit: "percentunit", min: 0, max: 1, threshold: target("llmErrorShare"),
  }).span(8).withTarget(query(`${agentRecordNames().llmFailed}{${jobScope()}}`, "{{provider}}"));
  return { key: "llmErrorShare", panel };
}

export function llmCallsTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "LLM 调用速率（按结果）" : "LLM calls per second by outcome",
    description: zh(ctx)
      ? `全部 LLM 调用的每秒次数（记录规则），以及每个供应商按结果的次数。每秒至少 ${target("pageMinRate")} 次调用却没有一次 success 时触发 P0 告警 LlmApiDown。`
      : `All LLM calls per second (recording rule), and each provider's calls by outcome. At least ${formatTarget("pageMinRate")} calls with no success at all fire the P0 alert LlmApiDown.`,
    unit: "reqps", min: 0,
  })
    .span(8)
    .withTarget(query(`${agentRecordNames().llmCalls}{${jobScope()}}`, zh(ctx) ? "{{job}} 全部" : "{{job}} all", "A"))
    .withTarget(query(
      `sum by (provider, outcome) (rate(xinliya_llm_requests_total{${scope()}}[$__rate_interval]))`,
      "{{provider}} {{outcome}}", "B"));
  withOutcomeColours(panel, llmOutcomes().all);
  return { key: "llmCalls", panel };
}

export function llmSuccessTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "LLM 调用成功率（全部供应商）" : "LLM call success share (all providers)",
    description: zh(ctx)
      ? "所有供应商合计的 success 调用占比（5 分钟窗口，记录规则）。降到 0 即所有调用都失败：LlmApiDown。各供应商的失败率见右侧面板。"
      : "Share of successful calls over all providers (5-minute window, recording rule). At 0 every call fails: LlmApiDown. Each provider's failure share is on the next panel.",
    unit: "percentunit", min: 0, max: 1,
  }).span(8).withTarget(query(`${agentRecordNames().llmSuccess}{${jobScope()}}`, "{{job}}"));
  return { key: "llmSuccess", panel };
}
