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
