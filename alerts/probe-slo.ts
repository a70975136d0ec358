// The second uptime SLI of the 99.9 % objective (ops guide 1.1; issue 13 §3 "Uptime"): the share of
// the strict HTTPS probes of the API's public health endpoint that succeed (blackbox_exporter, from
// outside the backend), over the same windows and with the same multi-window, multi-burn-rate
// scheme as the request-based SLI (alerts/slo.ts). It sees what the request SLI cannot: an outage
// in front of the backend (proxy, DNS, certificate) during which the backend counts no request.
// The strict module is what users' clients do: a certificate that fails verification is downtime.
import { type BurnWindowPair, burnRateAlerts, sloPeriod } from "../catalog/slo.ts";
import { rateWindow } from "../catalog/targets.ts";
import { formatTarget, pageMinEvents, target } from "../catalog/thresholds.ts";
import type { Locale } from "../catalog/types.ts";
import { dataJob } from "./data-common.ts";
import { burnWindows, sliWindows } from "./slo.ts";
import type { AlertDef, RecordDef, RuleContext, RuleGroupDef } from "./types.ts";

export type ProbeBurnAlert = "ApiProbeBudgetBurnFast" | "ApiProbeBudgetBurnSlow";

/** The request-based alert whose window pairs each probe alert takes (catalog/slo.ts). */
const SAME_AS: Record<ProbeBurnAlert, "ApiErrorBudgetBurnFast" | "ApiErrorBudgetBurnSlow"> = {
  ApiProbeBudgetBurnFast: "ApiErrorBudgetBurnFast",
  ApiProbeBudgetBurnSlow: "ApiErrorBudgetBurnSlow",
};

export function probeBurnPairs(alert: ProbeBurnAlert): BurnWindowPair[] {
  return burnRateAlerts()[SAME_AS[alert]];
}

export function probeAvailabilityRecord(window: string): string {
  return `instance:probe_availability:ratio_rate${window}`;
}

export function probeBurnRecord(window: string): string {
  return `instance:probe_error_budget_burn:rate${window}`;
}

/** Failed probes in a window: the paging floor counts them. */
export function probeFailedRecord(window: string): string {
  return `instance:probe_failed:count${window}`;
}

export function probeBudgetRemainingRecord(): string {
  return `instance:probe_error_budget_remaining:ratio_rate${sloPeriod()}`;
}

const BY = "job, instance";

/** The long windows of the paging pairs: each needs its failed-probe count. */
export function flooredWindows(): string[] {
  return [...new Set(probeBurnPairs("ApiProbeBudgetBurnFast").map((p) => p.long))];
}

function records(): RecordDef[] {
  const strict = dataJob("probe");
  const budget = `(1 - ${target("availabilitySlo")})`;
  const base = probeAvailabilityRecord(rateWindow());
  // Probes run at a fixed interval, so the mean of the 5-minute shares is the share of the window.
  const sli: RecordDef[] = sliWindows().map((w) => ({
    kind: "record",
    record: probeAvailabilityRecord(w),
    expr: w === rateWindow()
      ? `avg by (${BY}) (avg_over_time(probe_success{${strict}}[${w}]))`
      : `avg_over_time(${base}[${w}])`,
  }));
  const failed: RecordDef[] = flooredWindows().map((w) => ({
    kind: "record",
    record: probeFailedRecord(w),
    expr: `sum by (${BY}) (count_over_time(probe_success{${strict}}[${w}])) - sum by (${BY}) (sum_over_time(probe_success{${strict}}[${w}]))`,
  }));
  const burn: RecordDef[] = burnWindows().map((w) => ({
    kind: "record", record: probeBurnRecord(w), expr: `(1 - ${probeAvailabilityRecord(w)}) / ${budget}`,
  }));
  const remaining: RecordDef = {
    kind: "record", record: probeBudgetRemainingRecord(), expr: `1 - (1 - ${probeAvailabilityRecord(sloPeriod())}) / ${budget}`,
  };
  return [...sli, ...failed, ...burn, remaining];
}

/**
 * A paging pair also needs pageMinEvents() failed probes in its long window: at a 30 s scrape, one
 * hour holds 120 probes and the budget of 14.4× is 1.7 of them, so two probes lost to the network
 * between prober and API would page at night. A real outage reaches the count within minutes (and
 * ApiProbeFailed pages a total one after its own `for`).
 */
function condition(pairs: BurnWindowPair[], floored: boolean): string {
  return pairs.map((p) => {
    const pair = `${probeBurnRecord(p.long)} > ${p.factor} and ${probeBurnRecord(p.short)} > ${p.factor}`;
    return floored ? `(${pair} and on (${BY}) ${probeFailedRecord(p.long)} >= ${pageMinEvents()})` : `(${pair})`;
  }).join(" or ");
}

function pairText(pairs: BurnWindowPair[], locale: Locale): string {
  return locale === "zh"
    ? pairs.map((p) => `${p.long} 与 ${p.short} 窗口均超过 ${p.factor} 倍`).join("，或")
    : pairs.map((p) => `above ${p.factor}× over both ${p.long} and ${p.short}`).join(", or ");
}

function burnAlert(name: ProbeBurnAlert): AlertDef {
  const fast = name === "ApiProbeBudgetBurnFast";
  const pairs = probeBurnPairs(name);
  const slo = formatTarget("availabilitySlo");
  return {
    kind: "alert",
    name,
    expr: condition(pairs, fast),
    priority: fast ? "P0" : "P2",
    summary: fast
      ? { zh: "外部探测的错误预算正在快速消耗", en: "The external probes burn the error budget fast" }
      : { zh: "外部探测的错误预算正在持续消耗", en: "The external probes burn the error budget steadily" },
    description: {
      zh: (t) => `从外部探测 ${t.label("instance")} 的失败比例使错误预算以 ${slo} 可用性 SLO 允许速率的 ${t.value("number")} 倍消耗（条件：${pairText(pairs, "zh")}${fast ? `，且长窗口内至少 ${pageMinEvents()} 次探测失败` : ""}）。这是与请求成功率并行的第二个可用性指标。`,
      en: (t) => `Failed external probes of ${t.label("instance")} spend the error budget ${t.value("number")} times as fast as the ${slo} availability SLO allows (condition: ${pairText(pairs, "en")}${fast ? `, with at least ${pageMinEvents()} failed probes in the long window` : ""}). This is the second uptime SLI, beside the request success rate.`,
    },
    dashboard: { uid: "xinliya-data", panel: "probeBudget" },
  };
}

export function probeSloRules(_ctx: RuleContext): RuleGroupDef {
  return {
    domain: "probe-slo",
    group: "xinliya.probe-slo",
    rules: [...records(), burnAlert("ApiProbeBudgetBurnFast"), burnAlert("ApiProbeBudgetBurnSlow")],
    tests: [],
  };
}
