// The rules and promtool tests as written in a bundle's files, for the checks that read them.
import yaml from "js-yaml";
import type { Bundle } from "../render/index.ts";

export interface RuleShape {
  alert?: string;
  record?: string;
  expr?: unknown;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface LocatedRule {
  file: string;
  group: string;
  rule: RuleShape;
  /** `file › group › name`, for problems. */
  where: string;
}

function load(content: string): unknown {
  try {
    return yaml.load(content);
  } catch {
    return undefined; // reported by the schema check
  }
}

export function bundleRules(bundle: Bundle): LocatedRule[] {
  const out: LocatedRule[] = [];
  for (const [file, content] of bundle) {
    if (!file.startsWith("prometheus/rules/")) continue;
    const doc = load(content) as { groups?: { name?: string; rules?: RuleShape[] }[] } | undefined;
    for (const group of doc?.groups ?? []) {
      for (const rule of group.rules ?? []) {
        const name = rule.alert ?? rule.record ?? "(unnamed)";
        out.push({ file, group: group.name ?? "", rule, where: `${file} › ${group.name} › ${name}` });
      }
    }
  }
  return out;
}

export interface AlertTestShape {
  eval_time?: string;
  alertname?: string;
  exp_alerts?: unknown[];
}

/** Every alert expectation of every promtool test file, with the file and the test's name. */
export function bundleAlertTests(bundle: Bundle): { file: string; test: string; expectation: AlertTestShape }[] {
  const out: { file: string; test: string; expectation: AlertTestShape }[] = [];
  for (const [file, content] of bundle) {
    if (!file.startsWith("prometheus/tests/")) continue;
    const doc = load(content) as { tests?: { name?: string; alert_rule_test?: AlertTestShape[] }[] } | undefined;
    for (const test of doc?.tests ?? []) {
      for (const expectation of test.alert_rule_test ?? []) out.push({ file, test: test.name ?? "", expectation });
    }
  }
  return out;
}
