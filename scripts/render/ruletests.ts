// TypeScript test cases → promtool unit-test files. Expected labels and annotations are built by
// the same functions as the rules, so a test checks what the on-call engineer will really read.
import type { AlertDef, RuleGroupDef, RuleTestCase } from "../../alerts/types.ts";
import type { Problem } from "../lib/problems.ts";
import { type AnnotationContext, alertAnnotations, alertLabels, concreteArgs } from "./annotations.ts";
import { externalLabels } from "./prometheus.ts";
import { ruleFilePath } from "./rules.ts";

export const DEFAULT_EVALUATION_INTERVAL = "1m";

/** `<domain>.yml` for the default evaluation interval, `<domain>-eval<interval>.yml` for another. */
export function testFilePath(domain: string, evaluationInterval = DEFAULT_EVALUATION_INTERVAL): string {
  const suffix = evaluationInterval === DEFAULT_EVALUATION_INTERVAL ? "" : `-eval${evaluationInterval}`;
  return `prometheus/tests/${domain}${suffix}.yml`;
}

function intervalOf(test: RuleTestCase): string {
  return test.evaluationInterval ?? DEFAULT_EVALUATION_INTERVAL;
}

/** The alerts of these groups, by name. */
export function alertIndex(groups: RuleGroupDef[]): Map<string, AlertDef> {
  return new Map(groups.flatMap((g) => g.rules.flatMap((r) => (r.kind === "alert" ? [[r.name, r] as const] : []))));
}

type Expectations = RuleTestCase["expect"];

/**
 * The problems of a test's alert expectations, shared by the boundary cases and the failure
 * scenarios: an alert that `alerts` lacks (`unknown` says where it was looked for), and firing
 * labels its annotations cannot be rendered from.
 */
export function expectationProblems(
  ctx: AnnotationContext, alerts: Map<string, AlertDef>, expect: Expectations, where: string, unknown: string,
): Problem[] {
  const problems: Problem[] = [];
  for (const e of expect) {
    const alert = alerts.get(e.alert);
    if (!alert) {
      problems.push({ where, message: `expects alert "${e.alert}", which ${unknown}` });
      continue;
    }
    for (const f of e.firing) {
      try {
        alertAnnotations(ctx, alert, concreteArgs(f.labels, f.value, externalLabels(ctx.env)));
      } catch (err) {
        problems.push({ where, message: `${e.alert} at ${e.at}: ${(err as Error).message}` });
      }
    }
  }
  return problems;
}

/** promtool's `alert_rule_test` for validated expectations: exact labels and rendered annotations. */
export function alertRuleTests(ctx: AnnotationContext, alerts: Map<string, AlertDef>, expect: Expectations): unknown[] {
  const external = externalLabels(ctx.env);
  return expect.map((e) => {
    const alert = alerts.get(e.alert)!;
    return {
      eval_time: e.at,
      alertname: e.alert,
      exp_alerts: e.firing.map((f) => ({
        exp_labels: { ...f.labels, ...alertLabels(alert) },
        exp_annotations: alertAnnotations(ctx, alert, concreteArgs(f.labels, f.value, external)),
      })),
    };
  });
}

export function validateRuleTests(ctx: AnnotationContext, group: RuleGroupDef): Problem[] {
  const alerts = alertIndex([group]);
  const problems: Problem[] = [];
  for (const test of group.tests) {
    const where = `${testFilePath(group.domain, intervalOf(test))} › ${test.name}`;
    if (test.series.length === 0) problems.push({ where, message: "a test needs input series" });
    problems.push(...expectationProblems(ctx, alerts, test.expect, where, `group ${group.group} does not define`));
  }
  return problems;
}

/** The promtool test files of a group: path → document, one per evaluation interval. */
export function ruleTestFiles(ctx: AnnotationContext, group: RuleGroupDef): [string, unknown][] {
  const intervals = [...new Set(group.tests.map(intervalOf))];
  if (intervals.length === 0) intervals.push(DEFAULT_EVALUATION_INTERVAL);
  return intervals.map((interval) => [
    testFilePath(group.domain, interval),
    ruleTestFile(ctx, group, group.tests.filter((t) => intervalOf(t) === interval), interval),
  ]);
}

function ruleTestFile(ctx: AnnotationContext, group: RuleGroupDef, tests: RuleTestCase[], evaluationInterval: string): unknown {
  const alerts = alertIndex([group]);
  const external = externalLabels(ctx.env);
  const reads = group.reads ?? [];
  const ruleFile = (domain: string) => `../rules/${ruleFilePath(domain).split("/").pop()}`;
  return {
    rule_files: [...reads.map((r) => ruleFile(r.domain)), ruleFile(group.domain)],
    evaluation_interval: evaluationInterval,
    // Without an order promtool evaluates the groups of several files in random order.
    ...(reads.length > 0 ? { group_eval_order: [...reads.map((r) => r.group), group.group] } : {}),
    tests: tests.map((test) => ({
      name: test.name,
      interval: test.interval,
      external_labels: external,
      input_series: test.series.map((s) => ({ series: s.series, values: s.values })),
      alert_rule_test: alertRuleTests(ctx, alerts, test.expect),
    })),
  };
}
