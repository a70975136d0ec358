// Panels of the agent dashboard for LLM tokens, cost and time to first token (issue 14), on the
// OpenTelemetry GenAI conventions. They read the recording rules of alerts/genai.ts, which accept
// both export forms; one panel shows which form the backend writes.
import { genAiRecordNames, projectedBudgetShare } from "../../alerts/genai.ts";
import { genAiExportPaths, genAiLabels, genAiTargets, priceTable, rateLimitErrorTypes } from "../../catalog/genai.ts";
import { anyOf } from "../../alerts/promql.ts";
import { jobScope, query, scope, timeseriesPanel, zh } from "../common.ts";
import type { DashboardContext, PanelDef } from "../types.ts";

const t = (ctx: DashboardContext, a: string, b: string) => (zh(ctx) ? a : b);
const l = genAiLabels();
const n = () => genAiRecordNames();
const sel = () => `{${jobScope()}}`;

export function llmTokensTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: t(ctx, "LLM token 用量", "LLM tokens"),
    description: t(ctx, "每秒消耗的 token（gen_ai.client.token.usage），按 token 类型（输入、输出）与模型。", "Tokens per second (gen_ai.client.token.usage) by token type (input, output) and model."),
    unit: "short", min: 0,
  }).withTarget(query(`sum by (${l.tokenType}) (rate(${genAiExportPaths().tokenUsage}_sum{${scope()}}[$__rate_interval]))`, `{{${l.tokenType}}}`))
    .withTarget(query(`sum by (${l.model}, ${l.tokenType}) (${n().tokens}${sel()})`, `{{${l.model}}} {{${l.tokenType}}}`, "B"));
  return { key: "llmTokens", panel };
}

export function genAiExportFormTimeseries(ctx: DashboardContext): PanelDef {
  const p = genAiExportPaths();
  const form = (names: Record<string, string>, suffix: string) => Object.entries(names)
    .map(([f, name]) => `label_replace(sum(rate(${name}${suffix}{${scope()}}[$__rate_interval])), "form", "${f}", "", "")`).join(" or ");
  const panel = timeseriesPanel({
    title: t(ctx, "LLM 调用（按导出形式）", "LLM calls by export form"),
    description: t(ctx, `每秒 LLM 调用与首 token 计时，按后端写出的指标名形式：OTel Prometheus 导出器（${p.duration["otel-prometheus-exporter"]}）或 OTLP 转换（${p.duration.otlp}）。告警与其他面板两种都读。`,
      `LLM calls and first-token timings per second, by the name form the backend writes: the OTel Prometheus exporter (${p.duration["otel-prometheus-exporter"]}) or the OTLP translation (${p.duration.otlp}). Alerts and the other panels read both.`),
    unit: "reqps", min: 0,
  }).withTarget(query(form(p.duration, "_count"), t(ctx, "调用 {{form}}", "calls {{form}}")))
    .withTarget(query(form(p.timeToFirstChunk, "_count"), t(ctx, "首 token {{form}}", "first token {{form}}"), "B"));
  return { key: "genAiExportForm", panel };
}

export function llmCostTimeseries(ctx: DashboardContext): PanelDef {
  const g = genAiTargets();
  const pace = (g.dailyBudgetCny / 24) * g.budgetBurnFactor;
  const panel = timeseriesPanel({
    title: t(ctx, "LLM 每小时费用（元）", "LLM cost per hour (CNY)"),
    description: t(ctx, `按价格表（${priceTable().takenOn} 的价格，元/百万 token）计算的每小时费用，合计与按模型。虚线为日预算 ${g.dailyBudgetCny} 元匀速的 ${g.budgetBurnFactor} 倍，1 小时均值超过即触发 LlmBudgetBurnHigh。`,
      `Hourly cost from the price table (prices of ${priceTable().takenOn}, CNY per million tokens), total and by model. The dashed line is ${g.budgetBurnFactor}× the even pace of the ${g.dailyBudgetCny} CNY daily budget; an hour's mean above it fires LlmBudgetBurnHigh.`),
    unit: "short", min: 0, threshold: pace,
  }).withTarget(query(`sum(${n().cost}${sel()})`, t(ctx, "合计", "total")))
    .withTarget(query(`sum by (${l.model}) (${n().costByModel}${sel()})`, `{{${l.model}}}`, "B"));
  return { key: "llmCost", panel };
}

export function llmSpendProjectionTimeseries(ctx: DashboardContext): PanelDef {
  const g = genAiTargets();
  const panel = timeseriesPanel({
    title: t(ctx, "今日 LLM 费用预测（占日预算）", "Today's projected LLM spend (share of the budget)"),
    description: t(ctx, `今天（北京时间）到目前为止按最近一天的平均速度、剩余时间按最近 1 小时速度估算的全天费用占日预算 ${g.dailyBudgetCny} 元的比例。红线为 100%，超过即触发 LlmBudgetExhaustedBeforeDayEnd；下方为每会话小时的费用（元）。`,
      `The day's (Beijing time) spend: so far at the last day's mean pace, the rest at the last hour's pace, as a share of the ${g.dailyBudgetCny} CNY daily budget. The red line is 100 %; above it LlmBudgetExhaustedBeforeDayEnd fires. Below, the cost per conversation-hour (CNY).`),
    unit: "percentunit", min: 0, threshold: 1,
  }).withTarget(query(projectedBudgetShare(sel()), "{{job}}"))
    .withTarget(query(`${n().costPerConversation}${sel()}`, t(ctx, "每会话小时费用", "cost per conversation-hour"), "B"));
  return { key: "llmSpendProjection", panel };
}

export function timeToFirstTokenTimeseries(ctx: DashboardContext): PanelDef {
  const target = genAiTargets().timeToFirstTokenP95;
  const panel = timeseriesPanel({
    title: t(ctx, "首个 token 时间 p95", "Time to first token, p95"),
    description: t(ctx, `每个供应商首个 token 的 p95（gen_ai.client.operation.time_to_first_chunk），以及每秒计时的首 token 数。红线为目标 ${target} 秒，持续超过触发 LlmTimeToFirstTokenSlow。`,
      `p95 time to first token of each provider (gen_ai.client.operation.time_to_first_chunk), and timed first tokens per second. The red line is the ${target} s target; staying above it fires LlmTimeToFirstTokenSlow.`),
    unit: "s", min: 0, threshold: target,
  }).withTarget(query(`${n().ttft}${sel()}`, `{{${l.provider}}}`))
    .withTarget(query(`sum by (${l.provider}) (${n().ttftBuckets}{${jobScope()}, le="+Inf"})`, t(ctx, "{{" + l.provider + "}} 首 token/秒", "{{" + l.provider + "}} first tokens/s"), "B"));
  return { key: "timeToFirstToken", panel };
}

export function genAiRateLimitedTimeseries(ctx: DashboardContext): PanelDef {
  const share = genAiTargets().rateLimitShare;
  const calls = `sum by (${l.provider}) (${n().calls}${sel()})`;
  const limited = `sum by (${l.provider}) (${n().calls}{${jobScope()}, ${l.error}=~"${anyOf(rateLimitErrorTypes())}"})`;
  const panel = timeseriesPanel({
    title: t(ctx, "被限流或额度用尽的调用占比", "Calls refused for rate or quota"),
    description: t(ctx, `每个供应商被拒绝（${rateLimitErrorTypes().join("、")}）的调用占比。红线为 ${share * 100}%，持续超过触发 LlmProviderRateLimited。`,
      `Share of each provider's calls refused (${rateLimitErrorTypes().join(", ")}). The red line is ${share * 100}%; staying above it fires LlmProviderRateLimited.`),
    unit: "percentunit", min: 0, max: 1, threshold: share,
  }).withTarget(query(`(${limited} or 0 * ${calls}) / ${calls}`, `{{${l.provider}}}`));
  return { key: "genAiRateLimited", panel };
}
