// Panel factories of the agent and LLM dashboard (ops guide 2.1, 4.3 智能体异常).
import { agentRecordNames } from "../../alerts/agents.ts";
import { quantileName } from "../../alerts/promql.ts";
import { latencyQuantile } from "../../catalog/targets.ts";
import { formatTarget, target } from "../../catalog/thresholds.ts";
import { jobScope, query, scope, timeseriesPanel } from "../common.ts";
import type { DashboardContext, PanelDef } from "../types.ts";

const zh = (ctx: DashboardContext) => ctx.locale === "zh";

export function agentLatencyTimeseries(ctx: DashboardContext): PanelDef {
  const p = quantileName(latencyQuantile());
  const panel = timeseriesPanel({
    title: zh(ctx) ? `智能体处理时间 ${p}` : `Agent processing time ${p}`,
    description: zh(ctx)
      ? `每个智能体生成回答所需时间的 ${p}（5 分钟窗口，含超时与备用策略）。虚线为目标 ${formatTarget("agentProcessingP95")}，持续高于它触发 AgentProcessingSlow。`
      : `${p} of the time each agent takes to answer (5-minute window, timeouts and fallbacks included). The dashed line is the ${formatTarget("agentProcessingP95")} target; staying above it fires AgentProcessingSlow.`,
    unit: "s", min: 0, threshold: target("agentProcessingP95"),
  }).withTarget(query(`${agentRecordNames().latency}{${jobScope()}}`, "{{agent}}"));
  return { key: "agentLatency", panel };
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
  }).withTarget(query(`${agentRecordNames().llmFailed}{${jobScope()}}`, "{{provider}}"));
  return { key: "llmErrorShare", panel };
}

export function llmCallsTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "LLM 调用速率（按结果）" : "LLM calls per second by outcome",
    description: zh(ctx)
      ? "每个供应商按结果统计的每秒 LLM 调用数。有调用但 success 为 0 时触发 P0 告警 LlmApiDown。"
      : "LLM calls per second of each provider by outcome. Calls with no success at all fire the P0 alert LlmApiDown.",
    unit: "reqps", min: 0,
  }).withTarget(query(
    `sum by (provider, outcome) (rate(xinliya_llm_requests_total{${scope()}}[$__rate_interval]))`,
    "{{provider}} {{outcome}}"));
  return { key: "llmCalls", panel };
}
