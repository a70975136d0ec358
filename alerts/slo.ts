// The 99.9 % availability SLO of the API (ops guide 1.1): the SLI over every window, the burn
// rates, the error budget left, and the multi-window, multi-burn-rate alerts. It reads the 5-minute
// request records of the API domain (api.ts).
import { apiBucketReads } from "./api-buckets.ts";
import { seconds } from "../catalog/duration.ts";
import { type BurnWindowPair, burnRateAlerts, sloPeriod } from "../catalog/slo.ts";
import { rateWindow } from "../catalog/targets.ts";
import { formatTarget, target } from "../catalog/thresholds.ts";
import type { Duration, Locale } from "../catalog/types.ts";
import { apiRecordNames, availabilityOver, availabilityRecord } from "./api.ts";
import { withMeanRateFloor } from "./promql.ts";
import { sloTests } from "./cases/slo.ts";
import type { AlertDef, RecordDef, RuleContext, RuleGroupDef } from "./types.ts";

const bySeconds = (a: Duration, b: Duration) => seconds(a) - seconds(b);

/** Every window a burn-rate alert reads. */
export function burnWindows(): Duration[] {
  const pairs = Object.values(burnRateAlerts()).flat();
  return [...new Set(pairs.flatMap((p) => [p.long, p.short]))].sort(bySeconds);
}

/** Every window of the availability SLI: the burn-rate windows and the SLO period. */
export function sliWindows(): Duration[] {
  return [...new Set([rateWindow(), ...burnWindows(), sloPeriod()])].sort(bySeconds);
}

export function burnRateRecord(window: Duration): string {
  return `job:http_server_error_budget_burn:rate${window}`;
}

export function budgetRemainingRecord(): string {
  return `job:http_server_error_budget_remaining:ratio_rate${sloPeriod()}`;
}

function records(): RecordDef[] {
  const api = apiRecordNames();
  const budget = `(1 - ${target("availabilitySlo")})`;
  // Longer windows add up the 5-minute rates: request-weighted, and far cheaper than a raw 30-day rate.
  const sli: RecordDef[] = sliWindows().filter((w) => w !== rateWindow()).map((w) => ({
    kind: "record",
    record: availabilityRecord(w),
    expr: availabilityOver(w, `sum_over_time(${api.failed}[${w}])`, `sum_over_time(${api.requests}[${w}])`),
  }));
  const burn: RecordDef[] = burnWindows().map((w) => ({
    kind: "record",
    record: burnRateRecord(w),
    expr: `(1 - ${availabilityRecord(w)}) / ${budget}`,
  }));
  const remaining: RecordDef = {
    kind: "record",
    record: budgetRemainingRecord(),
    expr: `1 - (1 - ${availabilityRecord(sloPeriod())}) / ${budget}`,
  };
  return [...sli, ...burn, remaining];
}

/**
 * The pairs of a burn-rate alert. A paging one also needs a minimum count of failed requests in
 * each long window: two failures on a quiet night burn "fast" (a large share of few requests), and
 * page nobody; a real outage, even at night, reaches the count within minutes. A total outage with
 * no request at all is BackendUnavailable's (it spends budget through uptime, not through this).
 * The count is the API group's recorded 5xx rate over the long window (promql.ts withMeanRateFloor),
 * not increase() over the raw `_count` series: over 6 h those were the group's cost (bench:scale).
 */
function condition(pairs: BurnWindowPair[], floored: boolean, timeScale?: number): string {
  return pairs
    .map((p) => {
      const pair = `(${burnRateRecord(p.long)} > ${p.factor} and ${burnRateRecord(p.short)} > ${p.factor})`;
      return floored ? `(${withMeanRateFloor(pair, apiRecordNames().failed, "job", p.long, timeScale)})` : pair;
    })
    .join(" or ");
}

function pairText(pairs: BurnWindowPair[], locale: Locale): string {
  return locale === "zh"
    ? pairs.map((p) => `${p.long} 与 ${p.short} 窗口均超过 ${p.factor} 倍`).join("，或")
    : pairs.map((p) => `above ${p.factor}× over both ${p.long} and ${p.short}`).join(", or ");
}

function burnAlert(ctx: RuleContext, name: "ApiErrorBudgetBurnFast" | "ApiErrorBudgetBurnSlow", fast: boolean): AlertDef {
  const pairs = burnRateAlerts()[name];
  const slo = formatTarget("availabilitySlo");
  return {
    kind: "alert",
    name,
    expr: condition(pairs, fast, ctx.env.timeScale),
    priority: fast ? "P0" : "P2",
    summary: fast
      ? { zh: "API 错误预算正在快速消耗", en: "The API error budget is burning fast" }
      : { zh: "API 错误预算正在持续消耗", en: "The API error budget is burning steadily" },
    description: {
      zh: (t) => `服务 ${t.label("job")} 的错误预算消耗速率为 ${slo} 可用性 SLO 允许速率的 ${t.value("number")} 倍（条件：${pairText(pairs, "zh")}）。按此速率，${sloPeriod()} 的错误预算将提前耗尽。`,
      en: (t) => `${t.label("job")} spends its error budget ${t.value("number")} times as fast as the ${slo} availability SLO allows (condition: ${pairText(pairs, "en")}). At this rate the ${sloPeriod()} budget runs out early.`,
    },
    dashboard: { uid: "xinliya-slo", panel: fast ? "burnRateFast" : "burnRateSlow" },
  };
}

export function sloRules(ctx: RuleContext): RuleGroupDef {
  return {
    domain: "slo",
    group: "xinliya.slo",
    rules: [
      ...records(),
      burnAlert(ctx, "ApiErrorBudgetBurnFast", true),
      burnAlert(ctx, "ApiErrorBudgetBurnSlow", false),
    ],
    tests: sloTests(ctx),
    reads: [...apiBucketReads(), { domain: "api", group: "xinliya.api" }],
  };
}
