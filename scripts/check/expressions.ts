// Every PromQL expression in the files, rules and dashboards alike: it parses, and it reads only
// metrics of the closed list (the catalog, plus the recording rules found in the rule files).
import yaml from "js-yaml";
import type { Bundle } from "../render/index.ts";
import {
  type Located, dashboardExpressions, expressionProblems, knownSeries, recordedNames, ruleFileExpressions,
} from "../lib/expressions.ts";
import type { Problem } from "../lib/problems.ts";

function safeParse(file: string, content: string): unknown {
  try {
    return file.endsWith(".json") ? JSON.parse(content) : yaml.load(content);
  } catch {
    return undefined; // reported by the schema check
  }
}

export function expressionCheckProblems(bundle: Bundle): Problem[] {
  const ruleDocs: unknown[] = [];
  const located: Located[] = [];
  for (const [file, content] of bundle) {
    if (file.startsWith("prometheus/rules/")) {
      const doc = safeParse(file, content);
      ruleDocs.push(doc);
      located.push(...ruleFileExpressions(file, doc));
    } else if (file.startsWith("grafana/dashboards/")) {
      located.push(...dashboardExpressions(file, safeParse(file, content)));
    }
  }
  if (located.length === 0) return [{ where: "generated", message: "no PromQL expression found: nothing was checked" }];
  const known = knownSeries(recordedNames(ruleDocs));
  return located.flatMap((at) => expressionProblems(at, known));
}
