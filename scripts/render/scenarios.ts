// Failure scenarios (alerts/scenarios/) → promtool test files. A scenario may expect any alert of
// the bundle: its file loads the rule files of the alerts it expects and of the groups they read.
import type { RuleGroupDef } from "../../alerts/types.ts";
import type { FailureScenario, ScenarioFile } from "../../alerts/scenarios/types.ts";
import type { Problem } from "../lib/problems.ts";
import type { AnnotationContext } from "./annotations.ts";
import { externalLabels } from "./prometheus.ts";
import { ruleFilePath } from "./rules.ts";
import { DEFAULT_EVALUATION_INTERVAL, alertIndex, alertRuleTests, expectationProblems } from "./ruletests.ts";

/** The prefix of a scenario's promtool name: the coverage check reads the item back from it. */
export const SCENARIO_PREFIX = /^#(\d+) /;

export function scenarioFilePath(domain: string, evaluationInterval = DEFAULT_EVALUATION_INTERVAL): string {
  const suffix = evaluationInterval === DEFAULT_EVALUATION_INTERVAL ? "" : `-eval${evaluationInterval}`;
  return `prometheus/tests/scenarios-${domain}${suffix}.yml`;
}

const intervalOf = (s: FailureScenario) => s.evaluationInterval ?? DEFAULT_EVALUATION_INTERVAL;

export function validateScenarios(ctx: AnnotationContext, groups: RuleGroupDef[], files: ScenarioFile[]): Problem[] {
  const alerts = alertIndex(groups);
  const problems: Problem[] = [];
  const names = new Set<string>();
  for (const file of files) {
    for (const s of file.scenarios) {
      const where = `${file.source} › #${s.item} ${s.name}`;
      if (names.has(s.name)) problems.push({ where, message: "two scenarios have this name" });
      names.add(s.name);
      if (s.series.length === 0) problems.push({ where, message: "a scenario needs input series" });
      if (s.expect.length === 0) problems.push({ where, message: "a scenario needs at least one expectation" });
      problems.push(...expectationProblems(ctx, alerts, s.expect, where, "no rule group defines"));
    }
  }
  return problems;
}

/**
 * The groups a file's scenarios need: those that define the alerts they expect, and the groups
 * those read (their recording rules), in the order of the bundle. Loading only these keeps
 * promtool's work to what the scenarios look at.
 */
function groupsFor(groups: RuleGroupDef[], scenarios: FailureScenario[]): RuleGroupDef[] {
  const expected = new Set(scenarios.flatMap((s) => s.expect.map((e) => e.alert)));
  const checked = scenarios.flatMap((s) => (s.checks ?? []).map((c) => c.expr)).join(" ");
  const needed = new Set<string>();
  const add = (g: RuleGroupDef) => {
    if (needed.has(g.group)) return;
    needed.add(g.group);
    for (const r of g.reads ?? []) { const dep = groups.find((x) => x.group === r.group); if (dep) add(dep); }
  };
  for (const g of groups) {
    if (g.rules.some((r) => (r.kind === "alert" ? expected.has(r.name) : checked.includes(r.record)))) add(g);
  }
  return groups.filter((g) => needed.has(g.group));
}

export function scenarioTestFiles(ctx: AnnotationContext, groups: RuleGroupDef[], files: ScenarioFile[]): [string, unknown][] {
  const alerts = alertIndex(groups);
  const external = externalLabels(ctx.env);
  const out: [string, unknown][] = [];
  for (const file of files) {
    for (const interval of [...new Set(file.scenarios.map(intervalOf))]) {
      const scenarios = file.scenarios.filter((s) => intervalOf(s) === interval);
      const used = groupsFor(groups, scenarios);
      out.push([scenarioFilePath(file.domain, interval), {
        rule_files: used.map((g) => `../rules/${ruleFilePath(g.domain).split("/").pop()}`),
        evaluation_interval: interval,
        group_eval_order: used.map((g) => g.group),
        tests: scenarios.map((s) => ({
          name: `#${s.item} ${s.name}`,
          interval: s.interval,
          external_labels: external,
          input_series: s.series.map((x) => ({ series: x.series, values: x.values })),
          ...(s.checks?.length ? {
            promql_expr_test: s.checks.map((c) => ({
              expr: c.expr,
              eval_time: c.at,
              exp_samples: c.samples.map((x) => ({
                labels: `{${Object.entries(x.labels).map(([k, v]) => `${k}="${v}"`).join(", ")}}`,
                value: x.value,
              })),
            })),
          } : {}),
          alert_rule_test: alertRuleTests(ctx, alerts, s.expect),
        })),
      }]);
    }
  }
  return out;
}
