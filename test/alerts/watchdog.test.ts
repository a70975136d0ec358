import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ruleGroups } from "../../alerts/index.ts";
import type { AlertDef, RuleContext, RuleGroupDef } from "../../alerts/types.ts";
import { watchdog } from "../../catalog/watchdog.ts";
import { ruleLintProblems } from "../../scripts/check/rulelint.ts";
import { runTool } from "../../scripts/check/tools.ts";
import { bundleRules } from "../../scripts/lib/bundle-rules.ts";
import { RenderError } from "../../scripts/lib/problems.ts";
import { render } from "../../scripts/render/index.ts";
import { options, renderTo } from "../helpers.ts";

function patched(name: string, patch: Partial<AlertDef>) {
  return (ctx: RuleContext): RuleGroupDef[] => ruleGroups(ctx).map((g) => ({
    ...g,
    rules: g.rules.map((r) => (r.kind === "alert" && r.name === name ? { ...r, ...patch } : r)),
  }));
}

function renderProblems(groups: (ctx: RuleContext) => RuleGroupDef[]): string[] {
  try {
    render({ ...options(), ruleGroups: groups });
  } catch (e) {
    expect(e).toBeInstanceOf(RenderError);
    return (e as RenderError).problems.map((p) => `${p.where}: ${p.message}`);
  }
  throw new Error("render did not fail");
}

describe("Watchdog, the dead man's switch", () => {
  it("is vector(1) with severity none, no priority and no `for`", () => {
    const rule = bundleRules(render(options())).find((r) => r.rule.alert === watchdog().alert)!.rule;
    expect(rule.expr).toBe("vector(1)");
    expect(rule.labels).toEqual({ severity: "none" });
    expect(rule.for).toBeUndefined();
    expect(rule.annotations!.description).toContain("{{ $externalLabels.environment }}");
  });

  it("is the only alert render lets go without a priority, and must go without one", () => {
    expect(renderProblems(patched("HostCpuHigh", { priority: null }))).toEqual([
      "prometheus/rules/system.yml › xinliya.system › HostCpuHigh: has no priority: only Watchdog may go without one",
    ]);
    expect(renderProblems(patched("Watchdog", { priority: "P0" }))).toEqual([
      "prometheus/rules/meta.yml › xinliya.meta › Watchdog: must have no priority: it goes to its own route (deadmans-switch), never to people",
    ]);
  });

  it("is the only exception the rule lint accepts", () => {
    const bundle = render(options());
    bundle.set("prometheus/rules/meta.yml", bundle.get("prometheus/rules/meta.yml")!.replace("severity: none", "priority: P3\n          severity: info"));
    bundle.set("prometheus/rules/system.yml", bundle.get("prometheus/rules/system.yml")!.replace("priority: P1\n", ""));
    expect(ruleLintProblems(bundle).map((p) => `${p.where}: ${p.message}`)).toEqual([
      "prometheus/rules/meta.yml › xinliya.meta › Watchdog: must carry no priority: it has its own route to deadmans-switch",
      'prometheus/rules/meta.yml › xinliya.meta › Watchdog: severity "info" must be "none"',
      "prometheus/rules/system.yml › xinliya.system › HostDiskSpaceHigh: has no priority label: only Watchdog may go without one",
    ]);
  });

  it("always fires in its promtool test, which fails once the rule can stop", () => {
    const dir = renderTo();
    const test = fs.readFileSync(path.join(dir, "prometheus/tests/meta.yml"), "utf8");
    expect(test).toContain("eval_time: 0m");
    expect(test).toContain("eval_time: 1h");
    expect(test).toContain("environment: production");
    expect(runTool("promtool", ["test", "rules", "prometheus/tests/meta.yml"], dir).code).toBe(0);
    const rules = path.join(dir, "prometheus/rules/meta.yml");
    fs.writeFileSync(rules, fs.readFileSync(rules, "utf8").replace("expr: vector(1)", "expr: vector(1) and on() up == 1"));
    const broken = runTool("promtool", ["test", "rules", "prometheus/tests/meta.yml"], dir);
    expect(broken.code).toBe(1);
    expect(broken.output).toContain("Watchdog: fires even when every scrape target is down");
  });
});
