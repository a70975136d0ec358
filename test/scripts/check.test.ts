import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type CheckResult, runChecks } from "../../scripts/check/index.ts";
import { repoRoot } from "../../scripts/lib/options.ts";
import { options, renderTo } from "../helpers.ts";

function problemsOf(results: CheckResult[]): string[] {
  return results.flatMap((r) => r.problems.map((p) => `[${r.name}] ${p.where}: ${p.message}`));
}

/**
 * A freshly rendered folder with one file edited by `edit`; checks run on it with drift on.
 * promtool's unit tests run only where the case is about them (`unitTests`): the others prove
 * another check, and the committed generated/ is checked with every unit test above.
 */
function checkEdited(file: string, edit: (s: string) => string, unitTests = false): string[] {
  const dir = renderTo();
  const full = path.join(dir, file);
  const before = fs.readFileSync(full, "utf8");
  const after = edit(before);
  expect(after, "the edit must change the file").not.toBe(before);
  fs.writeFileSync(full, after);
  return problemsOf(runChecks({ dir, ...options(), unitTests }));
}

describe("check", () => {
  it("passes on the committed generated/ with the real promtool and amtool", { timeout: 180_000 }, () => {
    const results = runChecks({ dir: path.join(repoRoot(), "generated"), ...options() });
    expect(results.map((r) => r.name)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^drift/), expect.stringMatching(/promtool/), expect.stringMatching(/amtool/),
      expect.stringMatching(/JSON Schemas/), expect.stringMatching(/PromQL/),
    ]));
    expect(problemsOf(results)).toEqual([]);
  });

  it("names a hand-edited generated file (drift)", () => {
    const problems = checkEdited("grafana/provisioning/datasources/prometheus.yml", (s) => s.replace("isDefault: true", "isDefault: false"));
    expect(problems).toEqual([expect.stringMatching(/^\[drift.*generated\/grafana\/provisioning\/datasources\/prometheus\.yml: stale or edited by hand/)]);
  });

  it("names missing and extra files (drift)", () => {
    const dir = renderTo();
    fs.rmSync(path.join(dir, "prometheus/tests/system.yml"));
    fs.writeFileSync(path.join(dir, "prometheus/rules/old.yml"), "groups: []\n");
    const problems = problemsOf(runChecks({ dir, ...options() })).join("\n");
    expect(problems).toMatch(/generated\/prometheus\/tests\/system\.yml: missing/);
    expect(problems).toMatch(/generated\/prometheus\/rules\/old\.yml: extra/);
  });

  it("names the rule whose expression does not parse, through our parser and promtool", () => {
    const problems = checkEdited("prometheus/rules/system.yml", (s) => s.replace("instance:node_memory_utilisation:ratio > 0.85", "instance:node_memory_utilisation:ratio > > 0.85"));
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\[PromQL.*prometheus\/rules\/system\.yml › xinliya\.system › HostMemoryHigh: PromQL does not parse/),
      expect.stringMatching(/^\[promtool.*check rules --lint-fatal prometheus\/rules\/system\.yml: failed/),
    ]));
  });

  it("names the rule that reads a metric outside the closed list", () => {
    const problems = checkEdited("prometheus/rules/system.yml", (s) => s.replace("instance:node_memory_utilisation:ratio > 0.85", "node_memory_Foo_bytes > 0.85"));
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/HostMemoryHigh: metric "node_memory_Foo_bytes" is not declared/),
    ]));
  });

  it("names the alert with an unknown priority", () => {
    const problems = checkEdited("prometheus/rules/system.yml", (s) => s.replace("priority: P1", "priority: P5"));
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\[alert labels.*HostDiskSpaceHigh: unknown priority "P5"/),
    ]));
  });

  it("names the dashboard and panel that break the Grafana schema", () => {
    const problems = checkEdited("grafana/dashboards/xinliya-system.json", (s) => s.replace('"w": 12', '"w": 30'));
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\[JSON Schemas.*grafana\/dashboards\/xinliya-system\.json: dashboard\.jsonschema\.json: \/panels\/\d+\/gridPos\/w must be <= 24/),
    ]));
  });

  it("names a promtool test whose rule_files entry matches nothing", () => {
    const problems = checkEdited("prometheus/tests/system.yml", (s) => s.replace("../rules/system.yml", "../rules/sytem.yml"));
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/prometheus\/tests\/system\.yml: rule_files entry "\.\.\/rules\/sytem\.yml" matches no file/),
    ]));
  });

  it("fails promtool's unit tests when a threshold is edited by hand", () => {
    const problems = checkEdited("prometheus/rules/system.yml", (s) => s.replace("> 0.9\n", "> 0.95\n"), true);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\[promtool.*test rules prometheus\/tests\/system\.yml: failed[\s\S]*HostDiskSpaceHigh/),
    ]));
  });

  it("names an Alertmanager config that amtool rejects", () => {
    const problems = checkEdited("alertmanager/alertmanager.yml", (s) => s.replace("receiver: sre-ticket", "receiver: nobody"));
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\[amtool.*alertmanager\/alertmanager\.yml: failed[\s\S]*nobody/),
    ]));
  });
});
