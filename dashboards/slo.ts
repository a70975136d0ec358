// SLO 与错误预算 — the 99.9 % availability SLO of the API and its error budget (ops guide 1.1).
import * as p from "./panels/slo.ts";
import type { DashboardContext, DashboardDef } from "./types.ts";

export function sloDashboard(ctx: DashboardContext): DashboardDef {
  return {
    uid: "xinliya-slo",
    refresh: "5m",
    title: { zh: "SLO 与错误预算", en: "SLO and error budget" },
    description: {
      zh: "API 可用性 SLO、剩余错误预算与多窗口消耗速率，与错误预算告警使用同一组记录规则。",
      en: "API availability SLO, error budget left and multi-window burn rates, from the recording rules the burn-rate alerts read.",
    },
    rows: [
      {
        title: { zh: "当前", en: "Now" },
        panels: [p.availabilityWindowsBarGauge(ctx), p.budgetRemainingGauge(ctx)],
      },
      {
        title: { zh: "趋势", en: "Over time" },
        panels: [p.availabilityTimeseries(ctx), p.errorBudgetTimeseries(ctx)],
      },
      {
        title: { zh: "消耗速率", en: "Burn rates" },
        panels: [p.burnRateFastTimeseries(ctx), p.burnRateSlowTimeseries(ctx)],
      },
    ],
  };
}
