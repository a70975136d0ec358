// SLO 与错误预算 — the 99.9 % availability SLO of the API and its error budget (ops guide 1.1).
import { sloPeriod } from "../catalog/slo.ts";
import * as p from "./panels/slo.ts";
import * as v from "./panels/slo-views.ts";
import type { DashboardContext, DashboardDef, PanelDef } from "./types.ts";

const wide = (d: PanelDef): PanelDef => { (d.panel as unknown as { span(n: number): unknown }).span(24); return d; };

export function sloDashboard(ctx: DashboardContext): DashboardDef {
  return {
    uid: "xinliya-slo",
    refresh: "5m",
    title: { zh: "SLO 与错误预算", en: "SLO and error budget" },
    description: {
      zh: "API 可用性 SLO、剩余错误预算（滚动 30 天与日历月）与多窗口消耗速率，与错误预算告警使用同一组记录规则；以及 2 秒内完成的延迟 SLO。",
      en: "API availability SLO, error budget left (rolling 30 days and calendar month) and multi-window burn rates, from the recording rules the burn-rate alerts read; and the latency SLO of requests within 2 s.",
    },
    rows: [
      {
        title: { zh: "当前", en: "Now" },
        panels: [p.availabilityWindowsBarGauge(ctx), p.budgetRemainingGauge(ctx)],
      },
      {
        title: { zh: "趋势", en: "Over time" },
        panels: [wide(p.availabilityTimeseries(ctx))],
      },
      {
        title: { zh: `错误预算：滚动 ${sloPeriod()} 与本月`, en: `Error budget: rolling ${sloPeriod()} and this month` },
        panels: [p.errorBudgetTimeseries(ctx), v.monthBudgetTimeseries(ctx)],
      },
      {
        title: { zh: "消耗速率", en: "Burn rates" },
        panels: [p.burnRateFastTimeseries(ctx), p.burnRateSlowTimeseries(ctx)],
      },
      {
        title: { zh: "延迟 SLO", en: "Latency SLO" },
        panels: [v.latencySliBarGauge(ctx), v.latencyBudgetGauge(ctx), wide(v.latencyBurnTimeseries(ctx))],
      },
    ],
  };
}
