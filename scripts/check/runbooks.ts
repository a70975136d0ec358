// Every runbook_url resolves to a runbook of the bundle (generated/runbooks/), and every runbook
// belongs to an alert.
import type { Environment } from "../../catalog/types.ts";
import type { Bundle } from "../render/index.ts";
import { bundleRules } from "../lib/bundle-rules.ts";
import type { Problem } from "../lib/problems.ts";

/** The bundle path a runbook URL points at, or undefined when it is outside the runbook base URL. */
export function runbookFileOf(env: Environment, url: string): string | undefined {
  const base = `${env.runbookBaseUrl}/`;
  if (!url.startsWith(base)) return undefined;
  return `runbooks/${url.slice(base.length)}`;
}

export function runbookProblems(bundle: Bundle, env: Environment): Problem[] {
  const problems: Problem[] = [];
  const linked = new Set<string>();
  for (const { rule, where } of bundleRules(bundle)) {
    if (!rule.alert) continue;
    const url = rule.annotations?.runbook_url ?? "";
    const file = runbookFileOf(env, url);
    if (file === undefined) {
      problems.push({ where, message: `runbook_url "${url}" is not under the runbook base URL ${env.runbookBaseUrl}` });
    } else if (!bundle.has(file)) {
      problems.push({ where, message: `runbook_url "${url}" points at ${file}, which is not generated` });
    } else {
      linked.add(file);
    }
  }
  for (const file of bundle.keys()) {
    if (file.startsWith("runbooks/") && !linked.has(file)) problems.push({ where: file, message: "no alert links to this runbook" });
  }
  return problems;
}
