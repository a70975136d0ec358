// TypeScript test cases → promtool unit-test files. Expected labels and annotations are built by
// the same functions as the rules, so a test checks what the on-call engineer will really read.
import type { AlertDef, RuleGroupDef } from "../../alerts/types.ts";
import type { Problem } from "../lib/problems.ts";
import { type AnnotationContext, alertAnnotations, alertLabels, concreteArgs } from "./annotations.ts";
import { ruleFilePath } from "./rules.ts";

export function testFilePath(domain: string): string {
  return `prometheus/tests/${domain}.yml`;
}

function alertsOf(group: RuleGroupDef): Map<string, AlertDef> {
  return new Map(group.rules.flatMap((r) => (r.kind === "alert" ? [[r.name, r] as const] : [])));
}

export function validateRuleTests(ctx: AnnotationContext, group: RuleGroupDef): Problem[] {
  const alerts = alertsOf(group);
  const problems: Problem[] = [];
  for (const test of group.tests) {
    const where = `${testFilePath(group.domain)} › ${test.name}`;
    if (test.series.length === 0) problems.push({ where, message: "a test needs input series" });
    for (const e of test.expect) {
      const alert = alerts.get(e.alert);
      if (!alert) {
        problems.push({ where, message: `expects alert "${e.alert}", which group ${group.group} does not define` });
        continue;
      }
      for (const f of e.firing) {
        try {
          alertAnnotations(ctx, alert, concreteArgs(f.labels, f.value));
        } catch (err) {
          problems.push({ where, message: `${e.alert} at ${e.at}: ${(err as Error).message}` });
        }
      }
    }
  }
  return problems;
}

export function ruleTestFile(ctx: AnnotationContext, group: RuleGroupDef): unknown {
  const alerts = alertsOf(group);
  return {
    rule_files: [`../rules/${ruleFilePath(group.domain).split("/").pop()}`],
    evaluation_interval: "1m",
    tests: group.tests.map((test) => ({
      name: test.name,
      interval: test.interval,
      input_series: test.series.map((s) => ({ series: s.series, values: s.values })),
      alert_rule_test: test.expect.map((e) => {
        const alert = alerts.get(e.alert)!;
        return {
          eval_time: e.at,
          alertname: e.alert,
          exp_alerts: e.firing.map((f) => ({
            exp_labels: { ...f.labels, ...alertLabels(alert) },
            exp_annotations: alertAnnotations(ctx, alert, concreteArgs(f.labels, f.value)),
          })),
        };
      }),
    })),
  };
}
