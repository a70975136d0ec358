import { describe, expect, it } from "vitest";
import { ruleGroups } from "../../alerts/index.ts";
import type { RuleContext, RuleGroupDef, RuleTestCase } from "../../alerts/types.ts";
import { alertCoverage, coverageProblems } from "../../scripts/check/coverage.ts";
import { render } from "../../scripts/render/index.ts";
import { safetyAlerts } from "../../catalog/safety.ts";
import { options } from "../helpers.ts";
import { failureScenarios } from "../../alerts/scenarios/index.ts";
import { bundleRules } from "../../scripts/lib/bundle-rules.ts";

/** Every group with the test cases that `keep` rejects left out. */
function withoutTests(keep: (t: RuleTestCase) => boolean) {
  return (ctx: RuleContext): RuleGroupDef[] => ruleGroups(ctx).map((g) => ({ ...g, tests: g.tests.filter(keep) }));
}

const about = (alert: string) => (t: RuleTestCase) => t.expect.some((e) => e.alert === alert);

describe("alert test coverage", () => {
  it("is complete: every alert fires, waits for its `for` and stays silent on the quiet side", () => {
    const bundle = render(options());
    expect(coverageProblems(bundle)).toEqual([]);
    const seen = alertCoverage(bundle);
    // As many as the rule domains define, counted from the definitions, not copied here.
    const defined = ruleGroups({ env: options().env }).flatMap((g) => g.rules).filter((r) => r.kind === "alert");
    expect(seen.size).toBe(defined.length);
    for (const [alert, s] of seen) {
      expect(s.fires, alert).toBe(true);
      if (alert !== "Watchdog") expect(s, alert).toEqual({ fires: true, waitsForFor: true, staysSilent: true });
    }
  });

  it("names an alert that has no test at all", () => {
    const bundle = render({ ...options(), scenarios: failureScenarios, ruleGroups: withoutTests((t) => !about("HostMemoryHigh")(t)) });
    expect(coverageProblems(bundle).map((p) => `${p.where}: ${p.message}`)).toEqual([
      "prometheus/rules/system.yml › xinliya.system › HostMemoryHigh: no promtool test expects it to fire",
      "prometheus/rules/system.yml › xinliya.system › HostMemoryHigh: no promtool test expects it silent before its `for` has passed, then firing",
      "prometheus/rules/system.yml › xinliya.system › HostMemoryHigh: no promtool test expects it to stay silent on the quiet side of its condition",
    ]);
  });

  it("names an alert whose `for` is untested, or whose quiet side is", () => {
    const noFor = render({ ...options(), scenarios: failureScenarios, ruleGroups: withoutTests((t) => !(about("HostCpuHigh")(t) && t.name.includes("waits for its for"))) });
    expect(coverageProblems(noFor).map((p) => p.message)).toEqual(["no promtool test expects it silent before its `for` has passed, then firing"]);
    const noQuiet = render({ ...options(), scenarios: failureScenarios, ruleGroups: withoutTests((t) => !(about("BackupFailed")(t) && t.expect.every((e) => e.firing.length === 0))) });
    expect(coverageProblems(noQuiet).map((p) => `${p.where}: ${p.message}`)).toEqual([
      "prometheus/rules/operations.yml › xinliya.operations › BackupFailed: no promtool test expects it to stay silent on the quiet side of its condition",
    ]);
  });
});
