// Panel factories of the SLO dashboard: the availability SLI, the error budget left, the burn rates.
import { availabilityRecord } from "../../alerts/api.ts";
import { budgetRemainingRecord, burnRateRecord } from "../../alerts/slo.ts";
import { burnRateAlerts, sloPeriod } from "../../catalog/slo.ts";
import { formatTarget, target } from "../../catalog/thresholds.ts";
import { jobScope, query, timeseriesPanel } from "../common.ts";
import type { DashboardContext, PanelDef } from "../types.ts";

const zh = (ctx: DashboardContext) => ctx.locale === "zh";
const REF_IDS = "ABCDEFGH";

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
    title: zh(ctx) ? "剩余错误预算" : "Error budget left",
    description: zh(ctx)
      ? `${sloPeriod()} 窗口内尚未消耗的错误预算比例：100% 表示没有 5xx，0 以下表示 ${formatTarget("availabilitySlo")} 的 SLO 已被突破。`
      : `Share of the ${sloPeriod()} error budget not yet spent: 100% means no 5xx at all, below 0 the ${formatTarget("availabilitySlo")} SLO is broken.`,
    unit: "percentunit", max: 1, threshold: 0, redBelow: true,
  }).withTarget(query(`${budgetRemainingRecord()}{${jobScope()}}`, "{{job}}"));
  return { key: "errorBudget", panel };
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
