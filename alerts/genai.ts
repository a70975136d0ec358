// LLM tokens, cost and latency on the OpenTelemetry GenAI conventions (issue 14), from the backend.
// Both export-path names (catalog/genai.ts genAiExportPaths()) are accepted by one recording rule
// each; every alert and panel reads the rules, never a raw form.
import { genAiExportPaths, genAiLabels, genAiTargets, priceTable, rateLimitErrorTypes } from "../catalog/genai.ts";
import { jobMatcher } from "../catalog/selectors.ts";
import { latencyQuantile, rateWindow } from "../catalog/targets.ts";
import { genAiTests } from "./cases/genai.ts";
import { anyOf, quantileName } from "./promql.ts";
import type { AlertDef, RecordDef, RuleContext, RuleGroupDef } from "./types.ts";

export function genAiRecordNames() {
  const w = rateWindow();
  return {
    calls: `job_provider_model_error:gen_ai_client_operations:rate${w}`,
    ttftBuckets: `job_provider_le:gen_ai_client_operation_time_to_first_chunk_bucket:rate${w}`,
    ttft: `job_provider:gen_ai_client_operation_time_to_first_chunk:${quantileName(latencyQuantile())}_rate${w}`,
    tokens: `job_provider_model_type:gen_ai_client_token_usage:rate${w}`,
    costByModel: `job_provider_model:gen_ai_cost_cny_per_hour:rate${w}`,
    cost: `job:gen_ai_cost_cny_per_hour:rate${w}`,
    costPerConversation: `job:gen_ai_cost_cny_per_conversation_hour:ratio_rate${w}`,
  };
}

/** `sum by (…) (rate(<form>…))` for each export form, joined with `or`: one rule, either name. */
function eitherForm(forms: Record<string, string>, suffix: string, by: string, job: string, w: string): string {
  return Object.values(forms).map((name) => `sum by (${by}) (rate(${name}${suffix}{${job}}[${w}]))`).join(" or ");
}

function records(ctx: RuleContext): RecordDef[] {
  const job = jobMatcher(ctx.env, "backend");
  const w = rateWindow();
  const l = genAiLabels();
  const p = genAiExportPaths();
  const n = genAiRecordNames();
  const cost = priceTable().prices.flatMap((price) => (["input", "output"] as const).map((type) =>
    `${n.tokens}{${l.provider}="${price.provider}", ${l.model}="${price.model}", ${l.tokenType}="${type}"} * ${(price[type] * 3600) / 1e6}`));
  return [
    { kind: "record", record: n.calls, expr: eitherForm(p.duration, "_count", `job, ${l.provider}, ${l.model}, ${l.error}`, job, w) },
    { kind: "record", record: n.ttftBuckets, expr: eitherForm(p.timeToFirstChunk, "_bucket", `job, ${l.provider}, le`, job, w) },
    { kind: "record", record: n.ttft, expr: `histogram_quantile(${latencyQuantile()}, ${n.ttftBuckets})` },
    { kind: "record", record: n.tokens, expr: `sum by (job, ${l.provider}, ${l.model}, ${l.tokenType}) (rate(${p.tokenUsage}_sum{${job}}[${w}]))` },
    // Tokens per second × CNY per million tokens × 3600 / 10⁶ = CNY per hour; unpriced models cost nothing here.
    { kind: "record", record: n.costByModel, expr: `sum by (job, ${l.provider}, ${l.model}) (${cost.join(" or ")})` },
    { kind: "record", record: n.cost, expr: `sum by (job) (${n.costByModel})` },
    {
      kind: "record", record: n.costPerConversation,
      expr: `${n.cost} / ignoring (job) group_left () sum(xinliya_active_sessions{${jobMatcher(ctx.env, "businessExporter")}})`,
    },
  ];
}

/**
 * Projected spend of the (Beijing) day, in CNY·s/h (compare with the budget × 3600): the last day's
 * mean pace for the seconds gone, the last hour's pace for the seconds left.
 */
export function projectedDaySpend(selector = ""): string {
  const n = genAiRecordNames();
  const off = genAiTargets().dayOffsetSeconds;
  const elapsed = `((time() + ${off}) % 86400)`;
  const left = `(86400 - (time() + ${off}) % 86400)`;
  return `avg_over_time(${n.cost}${selector}[1d]) * ${elapsed} + avg_over_time(${n.cost}${selector}[1h]) * ${left}`;
}

/** The projected spend of the day as a share of the daily budget: above 1, it runs out before the day ends. */
export function projectedBudgetShare(selector = ""): string {
  return `(${projectedDaySpend(selector)}) / ${genAiTargets().dailyBudgetCny * 3600}`;
}

function alerts(): AlertDef[] {
  const n = genAiRecordNames();
  const t = genAiTargets();
  const l = genAiLabels();
  const pace = (t.dailyBudgetCny / 24) * t.budgetBurnFactor;
  const limited = `sum by (job, ${l.provider}) (${n.calls}{${l.error}=~"${anyOf(rateLimitErrorTypes())}"})`;
  const panel = (key: string) => ({ uid: "xinliya-agent", panel: key });
  return [
    {
      kind: "alert", name: "LlmBudgetBurnHigh", expr: `avg_over_time(${n.cost}[1h]) > ${pace}`, priority: "P2",
      summary: { zh: "LLM 费用消耗过快", en: "LLM spending burns the budget too fast" },
      description: {
        zh: (a) => `最近 1 小时 LLM 费用为每小时 ${a.value("number")} 元，超过日预算 ${t.dailyBudgetCny} 元匀速消耗的 ${t.budgetBurnFactor} 倍（${a.label("job")}）。`,
        en: (a) => `LLM spending over the last hour is ${a.value("number")} CNY per hour, over ${t.budgetBurnFactor}× the even pace of the ${t.dailyBudgetCny} CNY daily budget (${a.label("job")}).`,
      },
      dashboard: panel("llmCost"),
    },
    {
      kind: "alert", name: "LlmBudgetExhaustedBeforeDayEnd", expr: `${projectedBudgetShare()} > 1`, priority: "P1",
      summary: { zh: "LLM 日预算将在今天结束前用完", en: "The LLM daily budget runs out before the day ends" },
      description: {
        zh: (a) => `按最近 1 小时的速度，${a.label("job")} 今天（北京时间）的 LLM 费用预计超过日预算 ${t.dailyBudgetCny} 元，会在今天结束前用完。`,
        en: (a) => `At the last hour's pace, the LLM spending of ${a.label("job")} today (Beijing time) is projected above the ${t.dailyBudgetCny} CNY daily budget: it runs out before the day ends.`,
      },
      dashboard: panel("llmSpendProjection"),
    },
    {
      kind: "alert", name: "LlmProviderRateLimited",
      expr: `(${limited} or 0 * sum by (job, ${l.provider}) (${n.calls})) / sum by (job, ${l.provider}) (${n.calls}) > ${t.rateLimitShare}`,
      priority: "P1",
      summary: { zh: "LLM 供应商限流或额度用尽", en: "An LLM provider rate-limits us or the quota is used up" },
      description: {
        zh: (a) => `供应商 ${a.label(l.provider)} 最近 ${rateWindow()} 有 ${a.value("percent")} 的调用被拒绝（HTTP 429 或 insufficient_quota），高于 ${t.rateLimitShare * 100}%。`,
        en: (a) => `${a.value("percent")} of the calls to provider ${a.label(l.provider)} over the last ${rateWindow()} were refused (HTTP 429 or insufficient_quota), above ${t.rateLimitShare * 100}%.`,
      },
      dashboard: panel("genAiRateLimited"),
    },
    {
      kind: "alert", name: "LlmTimeToFirstTokenSlow", expr: `${n.ttft} > ${t.timeToFirstTokenP95}`, priority: "P1",
      summary: { zh: "LLM 首个 token 返回过慢", en: "LLM time to first token is too slow" },
      description: {
        zh: (a) => `供应商 ${a.label(l.provider)} 最近 ${rateWindow()} 首个 token 的 p95 为 ${a.value("duration")}，超过目标 ${t.timeToFirstTokenP95} 秒。`,
        en: (a) => `The p95 time to first token of provider ${a.label(l.provider)} over the last ${rateWindow()} is ${a.value("duration")}, above the ${t.timeToFirstTokenP95} s target.`,
      },
      dashboard: panel("timeToFirstToken"),
    },
  ];
}

export function genAiRules(ctx: RuleContext): RuleGroupDef {
  return { domain: "genai", group: "xinliya.genai", rules: [...records(ctx), ...alerts()], tests: genAiTests(ctx) };
}
