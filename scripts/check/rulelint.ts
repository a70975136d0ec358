// Lint of the alert rules as written in the files (mixtool's rules, and ours): names, the labels
// routing relies on, and the annotations the on-call engineer reads.
import { priorities } from "../../catalog/priorities.ts";
import { watchdog } from "../../catalog/watchdog.ts";
import type { Bundle } from "../render/index.ts";
import { bundleRules } from "../lib/bundle-rules.ts";
import type { Problem } from "../lib/problems.ts";

const ANNOTATIONS = ["summary", "description", "runbook_url", "dashboard_url"];
const CAMEL_CASE = /^[A-Z][a-zA-Z0-9]*$/;
const MAX_NAME = 40;

function labelProblems(alert: string, labels: Record<string, string>): string[] {
  const severityOf = new Map(priorities().map((p) => [p.name as string, p.severity as string]));
  const { priority, severity = "" } = labels;
  if (alert === watchdog().alert) {
    const out: string[] = [];
    if (priority !== undefined) out.push(`must carry no priority: it has its own route to ${watchdog().receiver}`);
    if (severity !== watchdog().severity) out.push(`severity "${severity}" must be "${watchdog().severity}"`);
    return out;
  }
  if (priority === undefined) return [`has no priority label: only ${watchdog().alert} may go without one`];
  if (!severityOf.has(priority)) return [`unknown priority "${priority}" (known: ${[...severityOf.keys()].join(", ")})`];
  if (severityOf.get(priority) !== severity) return [`severity "${severity}" does not match priority ${priority} (${severityOf.get(priority)})`];
  return [];
}

export function ruleLintProblems(bundle: Bundle): Problem[] {
  const problems: Problem[] = [];
  for (const { rule, where } of bundleRules(bundle)) {
    if (!rule.alert) continue;
    const found: string[] = [];
    if (!CAMEL_CASE.test(rule.alert) || rule.alert.length > MAX_NAME) {
      found.push(`alert names are CamelCase and at most ${MAX_NAME} characters`);
    }
    found.push(...labelProblems(rule.alert, rule.labels ?? {}));
    for (const a of ANNOTATIONS) {
      if (!rule.annotations?.[a]) found.push(`annotation ${a} is missing`);
    }
    if (rule.annotations?.summary?.includes("{{")) found.push("summary must be fixed text, without a template");
    if (rule.annotations?.description && !rule.annotations.description.includes("{{")) {
      found.push("description must be templated (name the instance or the value)");
    }
    problems.push(...found.map((message) => ({ where, message })));
  }
  return problems;
}
