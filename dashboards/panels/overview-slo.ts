// Panel factories of the on-call overview: each number of the ops guide against its target, read
// from the recording rules the alerts compare, so that a red number here is an alert there.
import { agentRecordNames } from "../../alerts/agents.ts";
import { apiRecordNames, availabilityRecord } from "../../alerts/api.ts";
import { quantileName } from "../../alerts/promql.ts";
import { budgetRemainingRecord } from "../../alerts/slo.ts";
import { errorBudgetWarning, sloPeriod } from "../../catalog/slo.ts";
import { latencyQuantile, rateWindow } from "../../catalog/targets.ts";
import { formatTarget, target } from "../../catalog/thresholds.ts";
import { jobScope, query, scope, zh } from "../common.ts";
import { budgetBands, gaugePanel, statPanel } from "../kinds.ts";
import type { DashboardContext, PanelDef } from "../types.ts";

export function availabilityStat(ctx: DashboardContext): PanelDef {
  const period = sloPeriod();
  const panel = statPanel({
    title: zh(ctx) ? `可用性（${period}）` : `Availability (${period})`,
    description: zh(ctx)
      ? `最近 ${period} 的非 5xx 响应占比，低于 SLO 目标 ${formatTarget("availabilitySlo")}（运维指南 1.1）为红色。`
      : `Share of non-5xx responses over the last ${period}; red below the ${formatTarget("availabilitySlo")} SLO (ops guide 1.1).`,
    unit: "percentunit", decimals: 3, threshold: target("availabilitySlo"), redBelow: true,
  }).withTarget(query(`${availabilityRecord(period)}{${jobScope()}}`, "{{job}}"));
  return { key: "availability", panel };
}

export function errorBudgetGauge(ctx: DashboardContext): PanelDef {
  const panel = gaugePanel({
    title: zh(ctx) ? "剩余错误预算" : "Error budget left",
    description: zh(ctx)
      ? `${sloPeriod()} 错误预算尚未消耗的比例；低于 ${errorBudgetWarning() * 100}% 为橙色（该放慢发布了），低于 0 即 ${formatTarget("availabilitySlo")} 的 SLO 已被突破（红色）。消耗速度见「SLO 与错误预算」看板。`
      : `Share of the ${sloPeriod()} error budget not yet spent; orange below ${errorBudgetWarning() * 100} % (time to slow releases), red below 0: the ${formatTarget("availabilitySlo")} SLO is broken. How fast it burns: the "SLO and error budget" dashboard.`,
    unit: "percentunit", min: 0, max: 1, bands: budgetBands(errorBudgetWarning()),
  }).withTarget(query(`${budgetRemainingRecord()}{${jobScope()}}`, "{{job}}"));
  return { key: "errorBudget", panel };
}

export function successRateStat(ctx: DashboardContext): PanelDef {
  const panel = statPanel({
    title: zh(ctx) ? "请求成功率" : "Request success rate",
    description: zh(ctx)
      ? `最近 ${rateWindow()} 的非 5xx 响应占比，低于目标 ${formatTarget("apiSuccessRate")}（运维指南 2.1）为红色，持续即 ApiSuccessRateLow。`
      : `Share of non-5xx responses over the last ${rateWindow()}; red below the ${formatTarget("apiSuccessRate")} target (ops guide 2.1), and ApiSuccessRateLow when it lasts.`,
    unit: "percentunit", decimals: 2, threshold: target("apiSuccessRate"), redBelow: true,
  }).withTarget(query(`${apiRecordNames().availability}{${jobScope()}}`, "{{job}}"));
  return { key: "successRate", panel };
}

export function apiLatencyStat(ctx: DashboardContext): PanelDef {
  const p = quantileName(latencyQuantile());
  const panel = statPanel({
    title: zh(ctx) ? `API 响应时间 ${p}` : `API response time ${p}`,
    description: zh(ctx)
      ? `最近 ${rateWindow()} 的 API 响应时间 ${p}，超过目标 ${formatTarget("apiLatencyP95")}（运维指南 1.1）为红色，持续即 ApiLatencyHigh。`
      : `${p} API response time over the last ${rateWindow()}; red above the ${formatTarget("apiLatencyP95")} target (ops guide 1.1), and ApiLatencyHigh when it lasts.`,
    unit: "s", decimals: 2, threshold: target("apiLatencyP95"),
  }).withTarget(query(`${apiRecordNames().latency}{${jobScope()}}`, "{{job}}"));
  return { key: "apiLatency", panel };
}

export function agentLatencyStat(ctx: DashboardContext): PanelDef {
  const p = quantileName(latencyQuantile());
  const panel = statPanel({
    title: zh(ctx) ? `智能体处理时间 ${p}` : `Agent processing time ${p}`,
    description: zh(ctx)
      ? `每个智能体最近 ${rateWindow()} 的处理时间 ${p}，超过目标 ${formatTarget("agentProcessingP95")}（运维指南 2.1）为红色，持续即 AgentProcessingSlow。`
      : `${p} processing time of each agent over the last ${rateWindow()}; red above the ${formatTarget("agentProcessingP95")} target (ops guide 2.1), and AgentProcessingSlow when it lasts.`,
    unit: "s", decimals: 2, threshold: target("agentProcessingP95"),
  }, 8).withTarget(query(`${agentRecordNames().latency}{${jobScope()}}`, "{{agent}}"));
  return { key: "agentLatency", panel };
}

function usersStat(ctx: DashboardContext, key: string, metric: string, title: { zh: string; en: string }, what: { zh: string; en: string }): PanelDef {
  const panel = statPanel({
    title: title[ctx.locale],
    description: zh(ctx)
      ? `${what.zh}（所有导出器实例之和）。突然跌到 0 多半是后端或导出器出了问题，而不是用户走了。`
      : `${what.en} (summed over the exporter instances). A sudden drop to 0 is more often the backend or the exporter than the users leaving.`,
    unit: "short", decimals: 0,
  }, 12, 4).withTarget(query(`sum(${metric}{${scope()}})`, title[ctx.locale]));
  return { key, panel };
}

export function activeSessionsStat(ctx: DashboardContext): PanelDef {
  return usersStat(ctx, "activeSessions", "xinliya_active_sessions",
    { zh: "活跃会话数", en: "Active sessions" }, { zh: "当前正在进行的对话数", en: "Conversations in progress" });
}

export function concurrentUsersStat(ctx: DashboardContext): PanelDef {
  return usersStat(ctx, "concurrentUsers", "xinliya_concurrent_users",
    { zh: "并发用户数", en: "Concurrent users" }, { zh: "当前在线的用户数", en: "Users connected right now" });
}
