// The SLO views beside the rolling 30 days: the calendar month's error-budget burndown (Sloth's
// "month error budget burndown"), and the latency SLO (share of requests within 2 s, from the
// bucket at the target) with its own budget and burn rates. Computed from existing recording
// rules (alerts/api.ts, alerts/slo.ts), so no new rule and no new alert.
import { apiRecordNames, availabilityRecord } from "../../alerts/api.ts";
import { burnRateAlerts, errorBudgetWarning, latencyBurnWindows, latencySloObjective, sloPeriod } from "../../catalog/slo.ts";
import { rateWindow } from "../../catalog/targets.ts";
import { formatTarget, target } from "../../catalog/thresholds.ts";
import { jobScope, query, timeseriesPanel, zh } from "../common.ts";
import { barGaugePanel, budgetBands, gaugePanel } from "../kinds.ts";
import type { DashboardContext, PanelDef } from "../types.ts";

const pct = (v: number) => `${Number((v * 100).toPrecision(4))}%`;

/**
 * Budget left of the calendar month, at every step: the hourly error ratios of this month so far
 * (the 1 h SLI record, one value per hour: the month is cut into its hours), summed, over what the
 * month allows (budget × hours in the month), as Sloth's month burndown does. "This month" is the
 * month of the query's end (`@ end()`), in UTC as PromQL's month() is, so that each step of a
 * `now/M` range counts only the month's own hours. Sloth compares with Grafana's ${__to:date:M},
 * which is the browser's time zone and would mix two months near midnight; `@ end()` is plain
 * PromQL, so promtool and the live test evaluate the same text. Hourly, not 5-minute, points:
 * 768 per evaluation instead of 9216.
 */
export function monthBudgetExpr(): string {
  const errors = `(1 - ${availabilityRecord("1h")}{${jobScope()}})`;
  const thisMonth = "month() == on () month(max_over_time(vector(time())[1m:1m] @ end()))";
  return `1 - sum_over_time((${errors} and on () (${thisMonth}))[32d:1h]) / on () group_left () ((1 - ${target("availabilitySlo")}) * 24 * days_in_month())`;
}

export function monthBudgetTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "本月错误预算燃尽" : "Error budget burndown, this month",
    description: zh(ctx)
      ? `日历月（UTC）内剩余的错误预算：从月初的 100% 起，每小时扣去该小时的错误比例（${formatTarget("availabilitySlo")} 可用性 SLO）。与左侧滚动 ${sloPeriod()} 不同，它在每月 1 日重置，与按月结算的 SLA 报告一致。低于 ${pct(errorBudgetWarning())} 为橙色区，低于 0 即本月 SLO 已被突破。`
      : `The error budget left in the calendar month (UTC): from 100 % on the 1st, each hour takes away its error ratio (${formatTarget("availabilitySlo")} availability SLO). Unlike the rolling ${sloPeriod()} beside it, it resets on the 1st, as monthly SLA reports do. Orange below ${pct(errorBudgetWarning())}, below 0 this month's SLO is broken.`,
    unit: "percentunit", max: 1, threshold: [0, errorBudgetWarning()],
  }).timeFrom("now/M").withTarget(query(monthBudgetExpr(), "{{job}}"));
  panel.thresholds(budgetBands(errorBudgetWarning()));
  return { key: "monthBudget", panel };
}

/** Share of requests slower than the target over a window, request-weighted, from the 5 m records. */
function slowShare(window: string): string {
  const n = apiRecordNames();
  const s = `{${jobScope()}}`;
  const step = rateWindow();
  return `sum_over_time((${n.requests}${s} * (1 - ${n.withinTarget}${s}))[${window}:${step}]) / sum_over_time(${n.requests}${s}[${window}:${step}])`;
}

export function latencySliBarGauge(ctx: DashboardContext): PanelDef {
  const windows = [...latencyBurnWindows(), sloPeriod()];
  const panel = barGaugePanel({
    title: zh(ctx) ? `${formatTarget("apiLatencyP95")} 内完成的请求（延迟 SLO）` : `Requests within ${formatTarget("apiLatencyP95")} (latency SLO)`,
    description: zh(ctx)
      ? `各窗口内 ${formatTarget("apiLatencyP95")} 内完成的 API 请求占比，读自该边界的桶（不插值），按请求数加权。目标 ${pct(latencySloObjective())}（运维指南 1.1：响应时间 < 2 秒，p95），低于目标为红色。`
      : `Share of API requests answered within ${formatTarget("apiLatencyP95")} over each window, read from the bucket at that bound (no interpolation), request-weighted. Objective ${pct(latencySloObjective())} (ops guide 1.1: response < 2 s at p95); red below it.`,
    unit: "percentunit", decimals: 2, min: 2 * latencySloObjective() - 1, max: 1, threshold: latencySloObjective(), redBelow: true,
  }, "lastNotNull", 16);
  windows.forEach((w, i) => panel.withTarget(query(`1 - (${slowShare(w)})`, `{{job}} ${w}`, "ABCDEFGH"[i])));
  return { key: "latencySli", panel };
}

export function latencyBudgetGauge(ctx: DashboardContext): PanelDef {
  const budget = `(1 - ${latencySloObjective()})`;
  const panel = gaugePanel({
    title: zh(ctx) ? `延迟 SLO 剩余预算（${sloPeriod()}）` : `Latency SLO budget left (${sloPeriod()})`,
    description: zh(ctx)
      ? `${sloPeriod()} 内慢于 ${formatTarget("apiLatencyP95")} 的请求可占 ${pct(1 - latencySloObjective())}；这是尚未用掉的比例。低于 ${pct(errorBudgetWarning())} 为橙色，低于 0 为红色。`
      : `Up to ${pct(1 - latencySloObjective())} of the requests of ${sloPeriod()} may be slower than ${formatTarget("apiLatencyP95")}; this is the share not yet used. Orange below ${pct(errorBudgetWarning())}, red below 0.`,
    unit: "percentunit", min: 0, max: 1, bands: budgetBands(errorBudgetWarning()),
  }, 8, 8).withTarget(query(`1 - (${slowShare(sloPeriod())}) / ${budget}`, "{{job}}"));
  return { key: "latencyBudget", panel };
}

export function latencyBurnTimeseries(ctx: DashboardContext): PanelDef {
  const budget = `(1 - ${latencySloObjective()})`;
  const factors = [...new Set(Object.values(burnRateAlerts()).flat().map((p) => p.factor))].sort((a, b) => a - b);
  const panel = timeseriesPanel({
    title: zh(ctx) ? "延迟 SLO 消耗速率" : "Latency SLO burn rate",
    description: zh(ctx)
      ? `慢于 ${formatTarget("apiLatencyP95")} 的请求占比除以预算 ${pct(1 - latencySloObjective())}（1 = 恰好在 ${sloPeriod()} 内用完），按可用性告警的长窗口。虚线为可用性告警的倍数；延迟另有 ApiLatencyHigh 告警（p95，5 分钟），此处不另发告警。`
      : `Share of requests slower than ${formatTarget("apiLatencyP95")} over the ${pct(1 - latencySloObjective())} budget (1 = used up in exactly ${sloPeriod()}), over the long windows of the availability alerts. The dashed lines are those alerts' factors; latency pages through ApiLatencyHigh (p95, 5 minutes), not from here.`,
    unit: "short", min: 0, threshold: factors,
  });
  latencyBurnWindows().forEach((w, i) => panel.withTarget(query(`(${slowShare(w)}) / ${budget}`, `{{job}} ${w}`, "ABCDEFGH"[i])));
  return { key: "latencyBurn", panel };
}
