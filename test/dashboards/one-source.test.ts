import { afterEach, describe, expect, it, vi } from "vitest";
import { type TargetName, targets } from "../../catalog/targets.ts";
import { bundleRules } from "../../scripts/lib/bundle-rules.ts";
import { metricsReadThrough } from "../../scripts/lib/metric-reads.ts";
import { analysePromql, expandGrafanaVariables } from "../../scripts/lib/promql.ts";
import { render } from "../../scripts/render/index.ts";
import { options } from "../helpers.ts";
import { built, exprsOf, thresholdValues } from "./built.ts";
import { dataShown, dataUndrawn } from "./data-shown.ts";

// One source of numbers: targets() is the real catalog with `moved` values on top. Moving a
// target must move the alert that compares it and every panel that draws it.
const state = vi.hoisted(() => ({ moved: {} as Record<string, number> }));
vi.mock("../../catalog/targets.ts", async (importOriginal) =>
  (await import("../movable-targets.ts")).movableTargets(importOriginal, () => state.moved));

afterEach(() => {
  state.moved = {};
});

/** Where each target must show: the alert that compares it, the panels that draw it as a threshold
 * and the panels whose query computes with it (headroom = threshold − peak). Written here, from the
 * issue and the ops guide, not derived from the code. */
const SHOWN: Partial<Record<TargetName, { alert: string; thresholds: string[]; exprs?: string[] }>> = {
  cpuUtilisation: { alert: "HostCpuHigh", thresholds: ["xinliya-system/cpu", "xinliya-system/instances", "xinliya-capacity/cpuTrend7d", "xinliya-capacity/cpuTrend30d"], exprs: ["xinliya-capacity/headroom"] },
  memoryUtilisation: { alert: "HostMemoryHigh", thresholds: ["xinliya-system/memory", "xinliya-system/instances", "xinliya-capacity/memoryTrend7d", "xinliya-capacity/memoryTrend30d"], exprs: ["xinliya-capacity/headroom"] },
  diskUtilisation: { alert: "HostDiskSpaceHigh", thresholds: ["xinliya-system/disk", "xinliya-system/instances", "xinliya-system/filesystems", "xinliya-capacity/diskTrend7d", "xinliya-capacity/diskTrend30d", "xinliya-capacity/diskFull"], exprs: ["xinliya-capacity/headroom"] },
  diskFillFloor: { alert: "HostDiskWillFillIn24h", thresholds: ["xinliya-system/disk"] },
  diskFillHorizon: { alert: "HostDiskWillFillIn24h", thresholds: ["xinliya-capacity/diskFull"], exprs: ["xinliya-system/diskForecast"] },
  apiLatencyP95: { alert: "ApiLatencyHigh", thresholds: ["xinliya-api/latency", "xinliya-api/latencyPercentiles", "xinliya-api/routes", "xinliya-api/latencyByRoute", "xinliya-overview/apiLatency"] },
  apiSuccessRate: { alert: "ApiSuccessRateLow", thresholds: ["xinliya-api/successRate", "xinliya-api/routes", "xinliya-api/successRateByRoute", "xinliya-overview/successRate"] },
  backendMinSuccessRate: { alert: "BackendUnavailable", thresholds: ["xinliya-api/backendAvailability"] },
  agentProcessingP95: { alert: "AgentProcessingSlow", thresholds: ["xinliya-agent/agentLatency", "xinliya-agent/llmLatencyByModel", "xinliya-overview/agentLatency"] },
  availabilitySlo: { alert: "ApiErrorBudgetBurnFast", thresholds: ["xinliya-slo/availability", "xinliya-slo/availabilityWindows", "xinliya-overview/availability"] },
  llmErrorShare: { alert: "LlmApiErrorsHigh", thresholds: ["xinliya-agent/llmErrorShare"] },
  agentFallbackShare: { alert: "AgentFallbackHigh", thresholds: ["xinliya-agent/fallbackShare"] },
  conversationQuality: { alert: "ConversationQualityLow", thresholds: ["xinliya-business/qualityScore"] },
  lowRatingShare: { alert: "UserSatisfactionLow", thresholds: ["xinliya-business/lowRatingShare"] },
  backupMaxAge: { alert: "BackupMissing", thresholds: ["xinliya-operations/backupAge", "xinliya-operations/backups"] },
  authFailureRate: { alert: "AuthFailuresHigh", thresholds: ["xinliya-operations/authFailures"] },
  notificationFailureShare: { alert: "AlertmanagerNotificationsFailing", thresholds: ["xinliya-operations/notifications"] },
  ...dataShown(),
  // Issue 10.
  agentFailureShare: { alert: "AgentRunsFailing", thresholds: ["xinliya-agent/agentFailedShare"] },
  authOutageShare: { alert: "AuthLoginsFailing", thresholds: ["xinliya-operations/authFailedShare"] },
  inodeUtilisation: { alert: "HostInodesHigh", thresholds: ["xinliya-system/hostShares"] },
  clockOffset: { alert: "HostClockSkew", thresholds: ["xinliya-system/hostClock"] },
};

/** Halfway between the value and the top of its range, kept short (6 significant digits). */
function movedValue(name: TargetName): number {
  const t = targets()[name];
  return Number((t.value + (t.range[1] - t.value) / 2).toPrecision(6));
}

/** The bundle's rules, parsed once per bundle (every case reads them many times). */
const parsed = new WeakMap<Map<string, string>, ReturnType<typeof bundleRules>>();
function rulesOf(bundle: Map<string, string>): ReturnType<typeof bundleRules> {
  if (!parsed.has(bundle)) parsed.set(bundle, bundleRules(bundle));
  return parsed.get(bundle)!;
}

/** An expression and those of the recording rules it reads. */
function withRecords(bundle: Map<string, string>, expr: string): string[] {
  const rules = rulesOf(bundle).map((r) => r.rule);
  const records = new Map(rules.flatMap((r) => (r.record ? [[r.record, String(r.expr)] as const] : [])));
  return [expr, ...[...metricsReadThrough(expr, records, (s) => s)].flatMap((m) => (records.has(m) ? [records.get(m)!] : []))];
}

/** The numbers the alert compares, in its expression and in the recording rules it reads. */
function alertNumbers(bundle: Map<string, string>, alert: string): number[] {
  const expr = String(rulesOf(bundle).map((r) => r.rule).find((r) => r.alert === alert)!.expr);
  const exprs = withRecords(bundle, expr);
  // Issue 10: the latency alerts read the bucket at the target, a number in an `le` matcher.
  return exprs.flatMap((e) => [...analysePromql(e).numbers, ...[...e.matchAll(/le=~?"([0-9.]+)/g)].map((m) => Number(m[1]))]);
}

function panelNumbers(bundle: Map<string, string>, at: string, kind: "thresholds" | "exprs"): number[] {
  const [uid, key] = at.split("/") as [string, string];
  const panel = built("zh", bundle).get(uid)!.panel(key);
  return kind === "thresholds"
    ? thresholdValues(panel)
    // A panel that draws a recorded forecast (issue 17) computes with the target in that record.
    : exprsOf(panel).flatMap((e) => withRecords(bundle, expandGrafanaVariables(e))).flatMap((e) => analysePromql(e).numbers);
}

describe("one source of numbers: a catalog target moves its alert and its panels together", () => {
  const names = Object.keys(SHOWN) as TargetName[];

  it("lists every target that an alert compares with a level a panel can draw", () => {
    // pageMinRate (a traffic floor) and lowRatingMax (which ratings are low) are not levels of a
    // shown series; lowRatingMax colours the rating bars instead (tested below).
    expect(Object.keys(targets()).filter((n) => !names.includes(n as TargetName)).sort()).toEqual([
      // Issue 10: per-job backup ages (a series on backupFreshness, not a line), floors, minimum samples and
      // levels of alerts whose panels draw another line.
      "backupMaxAgeContinuous", "backupMaxAgeHourly", "cpuStealShare", "diskFastFillHorizon", "llmMinSuccessShare",
      "lowRatingMax", "pageMinRate", "qualityMinSample", "safetyAgentFailureShare", "satisfactionMinSample",
      ...dataUndrawn(),
    ].sort());
  });

  // The unmoved bundle is the same for every case: rendered once.
  let unmoved: Map<string, string> | undefined;
  it.each(names)("moving %s moves its alert and every panel that shows it", (name) => {
    const old = targets()[name].value;
    const before = (unmoved ??= render(options()));
    const value = movedValue(name);
    expect(value).not.toBe(old);
    state.moved = { [name]: value };
    const after = render(options());
    const { alert, thresholds, exprs = [] } = SHOWN[name]!;
    expect(alertNumbers(before, alert), `${alert} before`).toContain(old);
    expect(alertNumbers(after, alert), `${alert} after`).toContain(value);
    expect(alertNumbers(after, alert), `${alert} after`).not.toContain(old);
    for (const at of thresholds) {
      expect(panelNumbers(before, at, "thresholds"), `${at} before`).toContain(old);
      expect(panelNumbers(after, at, "thresholds"), `${at} after`).toContain(value);
    }
    for (const at of exprs) {
      expect(panelNumbers(before, at, "exprs"), `${at} before`).toContain(old);
      expect(panelNumbers(after, at, "exprs"), `${at} after`).toContain(value);
    }
  });

  it("colours the ratings up to lowRatingMax red on the rating distribution", () => {
    const red = () => (built("zh", render(options())).get("xinliya-business")!.panel("ratingDistribution").fieldConfig.overrides as { matcher: { options: string } }[])
      .map((o) => o.matcher.options);
    expect(red()).toEqual(["1 分", "2 分"]);
    state.moved = { lowRatingMax: 3 };
    expect(red()).toEqual(["1 分", "2 分", "3 分"]);
  });
});
