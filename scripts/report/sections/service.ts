// 服务水平: availability and success against 99.9 % and 99.5 %, p95 latency against 2 s, the
// error budget left and the burn rate over the period.
import { formatTarget, target } from "../../../catalog/thresholds.ts";
import { latencyQuantile } from "../../../catalog/targets.ts";
import { type ReportContext, type Section, type Verdict, num, pct, worst } from "../model.ts";
import { panelChart } from "../panels.ts";

export async function serviceSection(ctx: ReportContext): Promise<Section> {
  const P = ctx.period.range;
  const slo = target("availabilitySlo"), success = target("apiSuccessRate"), latency = target("apiLatencyP95");
  const verdicts: Verdict[] = [];
  const findings: string[] = [];
  const rows: string[][] = [];

  const availability = await ctx.scalar(ctx.t("周期可用性", "availability over the period"),
    `1 - sum(sum_over_time(job:http_server_requests_failed:rate5m[${P}])) / sum(sum_over_time(job:http_server_requests:rate5m[${P}]))`);
  if (availability !== undefined) {
    const v: Verdict = availability >= slo ? "ok" : availability >= success ? "watch" : "bad";
    verdicts.push(v);
    rows.push([ctx.t("可用性（非 5xx 占比）", "Availability (non-5xx share)"), pct(availability, 3), `SLO ${formatTarget("availabilitySlo")} · ${ctx.t("成功率", "success")} ${formatTarget("apiSuccessRate")}`, ctx.verdict(v)]);
    if (v !== "ok") findings.push(ctx.t(`可用性 ${pct(availability, 3)} 低于 SLO ${formatTarget("availabilitySlo")}`, `availability ${pct(availability, 3)} is below the ${formatTarget("availabilitySlo")} SLO`)
      + (v === "bad" ? ctx.t(`，且低于成功率目标 ${formatTarget("apiSuccessRate")}`, `, and below the ${formatTarget("apiSuccessRate")} success target`) : ""));
  }

  const q = latencyQuantile();
  const p95 = await ctx.scalar(ctx.t("周期 p95 响应时间", "p95 response time over the period"),
    `histogram_quantile(${q}, sum by (le) (rate(http_server_request_duration_seconds_bucket[${P}])))`);
  const p95Peak = await ctx.scalar(ctx.t("p95 峰值（5 分钟窗口）", "peak p95 (5 m windows)"),
    `max(max_over_time(job:http_server_request_duration_seconds:p95_rate5m[${P}]))`);
  if (p95 !== undefined) {
    const v: Verdict = p95 > latency ? "bad" : (p95Peak ?? 0) > latency ? "watch" : "ok";
    verdicts.push(v);
    rows.push([ctx.t("p95 响应时间（周期）", "p95 response time (period)"), `${num(p95, 3)} s`, `< ${formatTarget("apiLatencyP95")}`, ctx.verdict(v)]);
    rows.push([ctx.t("p95 峰值（5 分钟窗口）", "peak p95 (5 m windows)"), `${num(p95Peak, 3)} s`, `< ${formatTarget("apiLatencyP95")}`, ctx.verdict((p95Peak ?? 0) > latency ? "watch" : "ok")]);
    if (v === "bad") findings.push(ctx.t(`响应时间 p95 为 ${num(p95, 2)} s，超过 ${formatTarget("apiLatencyP95")}`, `p95 response time ${num(p95, 2)} s is above ${formatTarget("apiLatencyP95")}`));
    else if (v === "watch") findings.push(ctx.t(`p95 曾达到 ${num(p95Peak, 2)} s（超过 ${formatTarget("apiLatencyP95")}）`, `p95 peaked at ${num(p95Peak, 2)} s (above ${formatTarget("apiLatencyP95")})`));
  }

  const budget = await ctx.scalar(ctx.t("剩余错误预算", "error budget left"), "min(job:http_server_error_budget_remaining:ratio_rate30d)");
  const burnPeak = await ctx.scalar(ctx.t("1 小时消耗速率峰值", "peak 1 h burn rate"), `max(max_over_time(job:http_server_error_budget_burn:rate1h[${P}]))`);
  if (budget !== undefined) {
    const v: Verdict = budget <= 0 ? "bad" : (burnPeak ?? 0) > 1 ? "watch" : "ok";
    verdicts.push(v);
    rows.push([ctx.t("剩余错误预算（SLO 周期）", "error budget left (SLO period)"), pct(budget, 1), "> 0", ctx.verdict(v)]);
    rows.push([ctx.t("1 小时消耗速率峰值", "peak 1 h burn rate"), `${num(burnPeak, 2)}×`, "≤ 1×", ctx.verdict((burnPeak ?? 0) > 1 ? "watch" : "ok")]);
    if (v === "bad") findings.push(ctx.t("错误预算已用尽", "the error budget is spent"));
    else if (v === "watch") findings.push(ctx.t(`预算消耗速率曾达 ${num(burnPeak, 1)}×`, `the budget burned at up to ${num(burnPeak, 1)}×`));
  }

  const charts = [];
  for (const [uid, key] of [["xinliya-api", "latencyPercentiles"], ["xinliya-api", "successRate"], ["xinliya-slo", "burnRateFast"]] as const) {
    const c = await panelChart(ctx, uid, key);
    if (c) charts.push(c);
  }
  return {
    id: "service", title: ctx.t("服务水平", "Service levels"), verdict: worst(verdicts), findings,
    tables: [{ head: [ctx.t("指标", "Indicator"), ctx.t("本期", "This period"), ctx.t("目标", "Target"), ctx.t("结论", "Verdict")], rows }],
    charts, gaps: ctx.takeGaps(),
  };
}
