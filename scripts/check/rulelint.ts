// Lint of the alert rules as written in the files: the labels and annotations that routing and
// the on-call engineer rely on.
import yaml from "js-yaml";
import { priorities } from "../../catalog/priorities.ts";
import type { Bundle } from "../render/index.ts";
import type { Problem } from "../lib/problems.ts";

const ANNOTATIONS = ["summary", "description", "runbook_url", "dashboard_url"];

interface RuleShape { alert?: string; labels?: Record<string, string>; annotations?: Record<string, string> }

export function ruleLintProblems(bundle: Bundle): Problem[] {
  const severityOf = new Map(priorities().map((p) => [p.name as string, p.severity as string]));
  const problems: Problem[] = [];
  for (const [file, content] of bundle) {
    if (!file.startsWith("prometheus/rules/")) continue;
    let doc: { groups?: { name?: string; rules?: RuleShape[] }[] } | undefined;
    try { doc = yaml.load(content) as typeof doc; } catch { continue; } // reported by the schema check
    for (const group of doc?.groups ?? []) {
      for (const rule of group.rules ?? []) {
        if (!rule.alert) continue;
        const where = `${file} › ${group.name} › ${rule.alert}`;
        const { priority = "", severity = "" } = rule.labels ?? {};
        if (!severityOf.has(priority)) {
          problems.push({ where, message: `unknown priority "${priority}" (known: ${[...severityOf.keys()].join(", ")})` });
        } else if (severityOf.get(priority) !== severity) {
          problems.push({ where, message: `severity "${severity}" does not match priority ${priority} (${severityOf.get(priority)})` });
        }
        for (const a of ANNOTATIONS) {
          if (!rule.annotations?.[a]) problems.push({ where, message: `annotation ${a} is missing` });
        }
      }
    }
  }
  return problems;
}
