import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type TargetName, targets } from "../../catalog/targets.ts";
import { runChecks } from "../../scripts/check/index.ts";
import { exprLintProblems } from "../../scripts/check/exprlint.ts";
import { writeBundle } from "../../scripts/lib/bundle-io.ts";
import { bundleRules } from "../../scripts/lib/bundle-rules.ts";
import { render } from "../../scripts/render/index.ts";
import { options, tempDir } from "../helpers.ts";
import { pageMinEvents } from "../../catalog/thresholds.ts";

// targets() returns the real catalog with `moved` values on top: every rule, text, test and panel
// must follow, and no number may stay behind in a rule.
const state = vi.hoisted(() => ({ moved: {} as Record<string, number> }));
vi.mock("../../catalog/targets.ts", async (importOriginal) =>
  (await import("../movable-targets.ts")).movableTargets(importOriginal, () => state.moved));

afterEach(() => {
  state.moved = {};
});

/** Halfway between the value and the top of its range, kept short (6 significant digits). */
function movedValue(name: TargetName): number {
  const t = targets()[name];
  const v = Number((t.value + (t.range[1] - t.value) / 2).toPrecision(6));
  return t.unit === "count" ? Math.round(v) : v;
}

const only = (prefix: string, bundle: Map<string, string>) => [...bundle].filter(([f]) => f.startsWith(prefix));
const exprs = (bundle: Map<string, string>) => bundleRules(bundle).map((r) => String(r.rule.expr));

describe("every threshold of the rules comes from the catalog", () => {
  const names = Object.keys(targets()) as TargetName[];

  // The unmoved bundle is the same for every case: rendered once.
  let unmoved: Map<string, string> | undefined;
  it.each(names)("moving %s moves its rule and its promtool tests, and leaves no stray number", (name) => {
    const before = (unmoved ??= render(options()));
    const value = movedValue(name);
    expect(value).not.toBe(targets()[name].value);
    state.moved = { [name]: value };
    const after = render(options());
    expect(only("prometheus/rules/", after), "a rule changes").not.toEqual(only("prometheus/rules/", before));
    expect(only("prometheus/tests/", after), "its tests change").not.toEqual(only("prometheus/tests/", before));
    const written = name === "lowRatingMax"
      ? Array.from({ length: value }, (_, i) => i + 1).join("|") // lowRatingMax: the ratings 1..max
      : name === "pageMinRate"
        ? String(pageMinEvents()) // the floor is a count: pageMinRate over the rate window
        : String(value);
    expect(exprs(after).some((e) => e.includes(written)), `some rule reads ${written}`).toBe(true);
    expect(exprLintProblems(after)).toEqual([]);
  });

  it("flags a threshold typed into a rule by hand", () => {
    const bundle = render(options());
    const file = "prometheus/rules/system.yml";
    bundle.set(file, bundle.get(file)!.replace("instance:node_memory_utilisation:ratio > 0.85", "instance:node_memory_utilisation:ratio > 0.86"));
    expect(exprLintProblems(bundle)).toEqual([{
      where: "prometheus/rules/system.yml › xinliya.system › HostMemoryHigh",
      message: "number 0.86 is not a catalog value: put the threshold in catalog/targets.ts and import it",
    }]);
  });

  it("with every target moved at once, the generated promtool tests still pass against the moved rules", { timeout: 240_000 }, () => {
    state.moved = Object.fromEntries(names.map((n) => [n, movedValue(n)]));
    const dir = path.join(tempDir(), "generated");
    // The failure scenarios (scenarios-*.yml) are written from raw failures at the catalog's own
    // numbers, not derived from them: moving every target at once is not what they describe.
    const bundle = render(options());
    for (const file of [...bundle.keys()]) if (file.startsWith("prometheus/tests/scenarios-")) bundle.delete(file);
    writeBundle(dir, bundle);
    expect(fs.readFileSync(path.join(dir, "prometheus/rules/system.yml"), "utf8")).toContain("> 0.895");
    const problems = runChecks({ dir, ...options(), drift: false })
      // The scenarios were left out on purpose, and the alerts of issue 10 are tested by them alone.
      .filter((r) => !r.name.startsWith("every issue-10 failure item") && !r.name.startsWith("every alert has promtool tests"))
      .flatMap((r) => r.problems.map((p) => `${p.where}: ${p.message}`));
    expect(problems).toEqual([]);
  });
});
