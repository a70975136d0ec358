// LLM 费用与首 token 时间: the LLM spending of the period against the daily budget and its even
// pace (catalog/genai.ts), and the time to first token against its p95 target, read from the GenAI
// recording rules (alerts/genai.ts) as the alerts and the agent dashboard read them.
import { genAiLabels, genAiTargets, priceTable } from "../../../catalog/genai.ts";
import { latencyQuantile } from "../../../catalog/targets.ts";
import { genAiRecordNames } from "../../../alerts/genai.ts";
import { type ReportContext, type Section, type Verdict, num, pct, worst } from "../model.ts";
import { panelChart } from "../panels.ts";

export async function llmSection(ctx: ReportContext): Promise<Section> {
  const P = ctx.period.range;
  const n = genAiRecordNames();
  const t = genAiTargets();
  const l = genAiLabels();
  const evenPace = t.dailyBudgetCny / 24;
  // The alerts' hour of spending, scaled like the rules of a local stack.
  const hour = `${Math.max(1, Math.round(3600 * ctx.period.timeScale))}s`;
  const step = `${ctx.period.step}s`;
  const verdicts: Verdict[] = [];
  const findings: string[] = [];
  const rows: string[][] = [];

  const pace = await ctx.scalar(ctx.t("本期平均 LLM 费用（元/小时）", "mean LLM spending (CNY per hour)"), `sum(avg_over_time(${n.cost}[${P}]))`);
  const peakHour = await ctx.scalar(ctx.t("最高一小时 LLM 费用（元/小时）", "highest hour of LLM spending (CNY per hour)"),
    `max_over_time((sum(avg_over_time(${n.cost}[${hour}])))[${P}:${step}])`);
  if (pace !== undefined) {
    const perDay = pace * 24;
    const v: Verdict = perDay > t.dailyBudgetCny ? "bad" : (peakHour ?? 0) > evenPace * t.budgetBurnFactor ? "watch" : "ok";
    verdicts.push(v);
    rows.push([ctx.t("本期 LLM 费用", "LLM spending in the period"), `${num((pace * ctx.period.seconds) / 3600, 2)} ${ctx.t("元", "CNY")}`, "—", "—"]);
    rows.push([ctx.t("按本期速度折合一天", "at this pace, a day"), `${num(perDay, 2)} ${ctx.t("元", "CNY")}`, `≤ ${t.dailyBudgetCny} ${ctx.t("元（日预算）", "CNY (daily budget)")}`, ctx.verdict(perDay > t.dailyBudgetCny ? "bad" : "ok")]);
    rows.push([ctx.t("日预算使用（折合）", "daily budget used (at this pace)"), pct(perDay / t.dailyBudgetCny, 1), "≤ 100%", ctx.verdict(perDay > t.dailyBudgetCny ? "bad" : "ok")]);
    rows.push([ctx.t("最高一小时的速度", "fastest hour"), `${num(peakHour, 2)} ${ctx.t("元/小时", "CNY/h")}`,
      `≤ ${num(evenPace * t.budgetBurnFactor, 2)} ${ctx.t(`元/小时（匀速的 ${t.budgetBurnFactor} 倍）`, `CNY/h (${t.budgetBurnFactor}× the even pace)`)}`,
      ctx.verdict((peakHour ?? 0) > evenPace * t.budgetBurnFactor ? "watch" : "ok")]);
    if (perDay > t.dailyBudgetCny) findings.push(ctx.t(`按本期速度一天的 LLM 费用约 ${num(perDay, 0)} 元，超过日预算 ${t.dailyBudgetCny} 元`, `at this pace a day of LLM calls costs about ${num(perDay, 0)} CNY, above the ${t.dailyBudgetCny} CNY daily budget`));
    else if (v === "watch") findings.push(ctx.t(`最高一小时的 LLM 费用速度为每小时 ${num(peakHour, 1)} 元，超过匀速的 ${t.budgetBurnFactor} 倍`, `the fastest hour spent ${num(peakHour, 1)} CNY per hour, over ${t.budgetBurnFactor}× the even pace`));
  }
  const byModel = await ctx.vector(ctx.t("各模型 LLM 费用", "LLM spending by model"), `sum by (${l.model}) (avg_over_time(${n.costByModel}[${P}]))`);
  const models = byModel.sort((a, b) => b.value - a.value).map((s) => [s.metric[l.model] ?? "?", `${num(s.value, 3)} ${ctx.t("元/小时", "CNY/h")}`]);

  const ttft = await ctx.vector(ctx.t("各供应商首 token p95（周期）", "time to first token p95 by provider (period)"),
    `histogram_quantile(${latencyQuantile()}, sum by (${l.provider}, le) (avg_over_time(${n.ttftBuckets}[${P}])))`);
  const ttftPeak = new Map((await ctx.vector(ctx.t("各供应商首 token p95 峰值", "peak time to first token p95 by provider"),
    `max by (${l.provider}) (max_over_time(${n.ttft}[${P}]))`)).map((s) => [s.metric[l.provider], s.value]));
  const ttftRows = ttft.map((s) => {
    const who = s.metric[l.provider] ?? "?";
    const peak = ttftPeak.get(who);
    const v: Verdict = s.value > t.timeToFirstTokenP95 ? "bad" : (peak ?? 0) > t.timeToFirstTokenP95 ? "watch" : "ok";
    verdicts.push(v);
    if (v === "bad") findings.push(ctx.t(`供应商 ${who} 首 token p95 为 ${num(s.value, 2)} 秒，超过 ${t.timeToFirstTokenP95} 秒`, `time to first token p95 of ${who} is ${num(s.value, 2)} s, above ${t.timeToFirstTokenP95} s`));
    else if (v === "watch") findings.push(ctx.t(`供应商 ${who} 首 token p95 曾达 ${num(peak, 2)} 秒`, `time to first token p95 of ${who} peaked at ${num(peak, 2)} s`));
    return [who, `${num(s.value, 2)} s`, `${num(peak, 2)} s`, `< ${t.timeToFirstTokenP95} s`, ctx.verdict(v)];
  });

  const charts = [];
  for (const key of ["llmCost", "llmSpendProjection", "timeToFirstToken"]) {
    const c = await panelChart(ctx, "xinliya-agent", key);
    if (c) charts.push(c);
  }
  return {
    id: "llm", title: ctx.t("LLM 费用与首 token 时间", "LLM cost and time to first token"), verdict: worst(verdicts), findings,
    tables: [
      { head: [ctx.t("费用", "Spending"), ctx.t("本期", "This period"), ctx.t("预算", "Budget"), ctx.t("结论", "Verdict")], rows },
      { head: [ctx.t("模型", "Model"), ctx.t("平均费用", "Mean spending")], rows: models },
      { head: [ctx.t("供应商", "Provider"), ctx.t("首 token p95（周期）", "first token p95 (period)"), ctx.t("峰值", "Peak"), ctx.t("目标", "Target"), ctx.t("结论", "Verdict")], rows: ttftRows },
    ],
    charts, gaps: ctx.takeGaps(),
    notes: [ctx.t(`费用按 ${priceTable().takenOn} 记录的标价计算（catalog/genai.ts），未计缓存命中与折扣。`,
      `Spending at the list prices recorded on ${priceTable().takenOn} (catalog/genai.ts), cache hits and discounts not counted.`)],
  };
}
