// Test coverage of the alerts, read from the promtool test files. Every alert needs:
// - a case where it fires;
// - a case where it is silent first and fires later (its `for` is tested);
// - a case where it never fires (the quiet side of its condition).
// Watchdog needs only the first: it is never silent.
import { seconds } from "../../catalog/duration.ts";
import { watchdog } from "../../catalog/watchdog.ts";
import type { Bundle } from "../render/index.ts";
import { bundleAlertTests, bundleRules } from "../lib/bundle-rules.ts";
import type { Problem } from "../lib/problems.ts";
import { failureItems } from "../../alerts/scenarios/items.ts";
import { SCENARIO_PREFIX } from "../render/scenarios.ts";

interface Seen { fires: boolean; waitsForFor: boolean; staysSilent: boolean }

function evalSeconds(t: string | undefined): number {
  try { return seconds(t ?? ""); } catch { return Number.NaN; }
}

export function alertCoverage(bundle: Bundle): Map<string, Seen> {
  // Group the expectations by test case and alert.
  const cases = new Map<string, { alert: string; at: number; firing: boolean }[]>();
  for (const { file, test, expectation } of bundleAlertTests(bundle)) {
    const alert = expectation.alertname ?? "";
    const key = `${file}\0${test}\0${alert}`;
    if (!cases.has(key)) cases.set(key, []);
    cases.get(key)!.push({ alert, at: evalSeconds(expectation.eval_time), firing: (expectation.exp_alerts ?? []).length > 0 });
  }
  const seen = new Map<string, Seen>();
  for (const expectations of cases.values()) {
    const alert = expectations[0]!.alert;
    const s = seen.get(alert) ?? { fires: false, waitsForFor: false, staysSilent: false };
    const firingAt = expectations.filter((e) => e.firing).map((e) => e.at);
    const silentAt = expectations.filter((e) => !e.firing).map((e) => e.at);
    if (firingAt.length > 0) s.fires = true;
    if (silentAt.some((t) => firingAt.some((f) => f > t))) s.waitsForFor = true;
    if (firingAt.length === 0) s.staysSilent = true;
    seen.set(alert, s);
  }
  return seen;
}

export function coverageProblems(bundle: Bundle): Problem[] {
  const seen = alertCoverage(bundle);
  const problems: Problem[] = [];
  for (const { rule, where } of bundleRules(bundle)) {
    if (!rule.alert) continue;
    const s = seen.get(rule.alert) ?? { fires: false, waitsForFor: false, staysSilent: false };
    if (!s.fires) problems.push({ where, message: "no promtool test expects it to fire" });
    if (rule.alert === watchdog().alert) continue;
    if (!s.waitsForFor) problems.push({ where, message: "no promtool test expects it silent before its `for` has passed, then firing" });
    if (!s.staysSilent) problems.push({ where, message: "no promtool test expects it to stay silent on the quiet side of its condition" });
  }
  return problems;
}

/**
 * Every item of the failure scenarios (alerts/scenarios/items.ts) needs a scenario in which some
 * alert fires and a quiet neighbour in which nothing it expects fires.
 */
export function scenarioCoverageProblems(bundle: Bundle): Problem[] {
  const seen = new Map<number, { fires: boolean; quiet: boolean }>();
  const byTest = new Map<string, { item: number; firing: boolean[] }>();
  for (const { file, test, expectation } of bundleAlertTests(bundle)) {
    if (!file.startsWith("prometheus/tests/scenarios-")) continue;
    const m = SCENARIO_PREFIX.exec(test);
    if (!m) continue;
    const key = `${file}\0${test}`;
    const t = byTest.get(key) ?? { item: Number(m[1]), firing: [] };
    t.firing.push((expectation.exp_alerts ?? []).length > 0);
    byTest.set(key, t);
  }
  for (const { item, firing } of byTest.values()) {
    const s = seen.get(item) ?? { fires: false, quiet: false };
    if (firing.some(Boolean)) s.fires = true;
    else s.quiet = true;
    seen.set(item, s);
  }
  const problems: Problem[] = [];
  for (const [item, title] of Object.entries(failureItems())) {
    const s = seen.get(Number(item)) ?? { fires: false, quiet: false };
    const where = `alerts/scenarios/ › item ${item} (${title})`;
    if (!s.fires) problems.push({ where, message: "no failure scenario in which an alert fires" });
    if (!s.quiet) problems.push({ where, message: "no quiet neighbour: a scenario in which nothing it expects fires" });
  }
  return problems;
}
