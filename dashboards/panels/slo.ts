// Panel factories of the SLO dashboard: the availability SLI, the error budget left, the burn rates.
import { availabilityRecord } from "../../alerts/api.ts";
import { budgetRemainingRecord, burnRateRecord, sliWindows } from "../../alerts/slo.ts";
import { burnRateAlerts, errorBudgetWarning, sloPeriod } from "../../catalog/slo.ts";
import { formatTarget, target } from "../../catalog/thresholds.ts";
import { jobScope, query, timeseriesPanel, zh } from "../common.ts";
import { barGaugePanel, budgetBands, gaugePanel } from "../kinds.ts";
import type { DashboardContext, PanelDef } from "../types.ts";

const REF_IDS = "ABCDEFGHIJKLMNOP";

export function availabilityTimeseries(ctx: DashboardContext): PanelDef {
  const period = sloPeriod();
  const panel = timeseriesPanel({
    title: zh(ctx) ? `可用性（${period} 滚动窗口）` : `Availability (rolling ${period})`,
    description: zh(ctx)
      ? `非 5xx 响应占比，按 ${period} 与 1d 滚动窗口计算。虚线为 SLO 目标 ${formatTarget("availabilitySlo")}（运维指南 1.1）。`
      : `Share of non-5xx responses over rolling ${period} and 1d windows. The dashed line is the ${formatTarget("availabilitySlo")} SLO (ops guide 1.1).`,
    unit: "percentunit", max: 1, threshold: target("availabilitySlo"), redBelow: true,
  })
    .withTarget(query(`${availabilityRecord(period)}{${jobScope()}}`, `{{job}} ${period}`, "A"))
    .withTarget(query(`${availabilityRecord("1d")}{${jobScope()}}`, "{{job}} 1d", "B"));
  return { key: "availability", panel };
}

export function errorBudgetTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? `剩余错误预算（最近 ${sloPeriod()}）` : `Error budget left (last ${sloPeriod()})`,
    description: zh(ctx)
      ? `${sloPeriod()} 窗口内尚未消耗的错误预算比例，显示最近 ${sloPeriod()} 的变化：100% 表示没有 5xx，0 以下表示 ${formatTarget("availabilitySlo")} 的 SLO 已被突破。`
      : `Share of the ${sloPeriod()} error budget not yet spent, over the last ${sloPeriod()}: 100% means no 5xx at all, below 0 the ${formatTarget("availabilitySlo")} SLO is broken.`,
    unit: "percentunit", max: 1, threshold: 0, redBelow: true,
  }).timeFrom(sloPeriod()).withTarget(query(`${budgetRemainingRecord()}{${jobScope()}}`, "{{job}}"));
  return { key: "errorBudget", panel };
}

/** The bars start at 2 × SLO − 1, so that the objective sits in their middle: 99.9 % → from 99.8 %. */
function barStart(): number {
  return Number((2 * target("availabilitySlo") - 1).toPrecision(6));
}

export function availabilityWindowsBarGauge(ctx: DashboardContext): PanelDef {
  const windows = sliWindows();
  let panel = barGaugePanel({
    title: zh(ctx) ? "各窗口的可用性" : "Availability over every window",
    description: zh(ctx)
      ? `当前的非 5xx 响应占比，按错误预算告警所用的每个窗口（${windows.join("、")}）。低于 SLO 目标 ${formatTarget("availabilitySlo")} 的窗口为红色；短窗口反映当下，长窗口反映预算。`
      : `The current share of non-5xx responses over every window the burn-rate alerts read (${windows.join(", ")}). Windows below the ${formatTarget("availabilitySlo")} SLO are red; short windows show now, long ones the budget.`,
    unit: "percentunit", decimals: 3, min: barStart(), max: 1, threshold: target("availabilitySlo"), redBelow: true,
  }, "lastNotNull", 16);
  windows.forEach((w, i) => {
    panel = panel.withTarget(query(`${availabilityRecord(w)}{${jobScope()}}`, `{{job}} ${w}`, REF_IDS[i]));
  });
  return { key: "availabilityWindows", panel };
}

export function budgetRemainingGauge(ctx: DashboardContext): PanelDef {
  const panel = gaugePanel({
    title: zh(ctx) ? "当前剩余错误预算" : "Error budget left now",
    description: zh(ctx)
      ? `${sloPeriod()} 窗口内尚未消耗的错误预算比例（当前值）。低于 ${errorBudgetWarning() * 100}% 为橙色，低于 0 为红色： ${formatTarget("availabilitySlo")} 的 SLO 已被突破。`
      : `Share of the ${sloPeriod()} error budget not yet spent (now). Orange below ${errorBudgetWarning() * 100} %, red below 0: the ${formatTarget("availabilitySlo")} SLO is broken.`,
    unit: "percentunit", min: 0, max: 1, bands: budgetBands(errorBudgetWarning()),
  }, 8, 8).withTarget(query(`${budgetRemainingRecord()}{${jobScope()}}`, "{{job}}"));
  return { key: "budgetRemaining", panel };
}

function burnRatePanel(ctx: DashboardContext, alert: "ApiErrorBudgetBurnFast" | "ApiErrorBudgetBurnSlow", key: string): PanelDef {
  const pairs = burnRateAlerts()[alert];
  const windows = pairs.flatMap((p) => [p.long, p.short]);
  const factors = [...new Set(pairs.map((p) => p.factor))].sort((a, b) => a - b);
  const rule = pairs.map((p) => `${p.long}/${p.short} > ${p.factor}×`).join(zh(ctx) ? " 或 " : " or ");
  const fast = alert === "ApiErrorBudgetBurnFast";
  let panel = timeseriesPanel({
    title: zh(ctx) ? `错误预算消耗速率（${fast ? "快速" : "慢速"}）` : `Error budget burn rate (${fast ? "fast" : "slow"})`,
    description: zh(ctx)
      ? `各窗口的消耗速率（1 = 恰好在 ${sloPeriod()} 内用完预算）。一对窗口同时超过其倍数即触发 ${alert}：${rule}。虚线为这些倍数。`
      : `Burn rate per window (1 = the budget lasts exactly ${sloPeriod()}). ${alert} fires when both windows of a pair exceed its factor: ${rule}. The dashed lines are the factors.`,
    unit: "short", min: 0, threshold: factors,
  });
  windows.forEach((w, i) => {
    panel = panel.withTarget(query(`${burnRateRecord(w)}{${jobScope()}}`, `{{job}} ${w}`, REF_IDS[i]));
  });
  return { key, panel };
}

export function burnRateFastTimeseries(ctx: DashboardContext): PanelDef {
  return burnRatePanel(ctx, "ApiErrorBudgetBurnFast", "burnRateFast");
}

export function burnRateSlowTimeseries(ctx: DashboardContext): PanelDef {
  return burnRatePanel(ctx, "ApiErrorBudgetBurnSlow", "burnRateSlow");
}
