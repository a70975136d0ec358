// Rule groups → Prometheus rule files, after validating every definition.
import { forDurations } from "../../catalog/targets.ts";
import { priorityNames } from "../../catalog/priorities.ts";
import { watchdog } from "../../catalog/watchdog.ts";
import { seconds } from "../../catalog/duration.ts";
import { LOCALES } from "../../catalog/types.ts";
import type { AlertDef, RuleGroupDef } from "../../alerts/types.ts";
import { expressionProblems } from "../lib/expressions.ts";
import type { Problem } from "../lib/problems.ts";
import { type AnnotationContext, alertAnnotations, alertLabels, goTemplateArgs } from "./annotations.ts";

const ALERT_NAME = /^[A-Z][a-zA-Z0-9]*$/;
const RECORD_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_]+$/;

export function ruleFilePath(domain: string): string {
  return `prometheus/rules/${domain}.yml`;
}

/** Where a rule is, for error messages: file, group and rule. */
export function ruleWhere(group: RuleGroupDef, name: string): string {
  return `${ruleFilePath(group.domain)} › ${group.group} › ${name}`;
}

function alertProblems(ctx: AnnotationContext, group: RuleGroupDef, alert: AlertDef): Problem[] {
  const where = ruleWhere(group, alert.name);
  const out: string[] = [];
  if (!ALERT_NAME.test(alert.name) || alert.name.length > 40) {
    out.push("alert names are CamelCase and at most 40 characters");
  }
  const isWatchdog = alert.name === watchdog().alert;
  if (alert.priority === null) {
    if (!isWatchdog) out.push(`has no priority: only ${watchdog().alert} may go without one`);
  } else if (isWatchdog) {
    out.push(`must have no priority: it goes to its own route (${watchdog().receiver}), never to people`);
  } else if (!priorityNames().includes(alert.priority)) {
    out.push(`unknown priority "${alert.priority}" (known: ${priorityNames().join(", ")})`);
  }
  const forDuration = forDurations()[alert.name];
  if (isWatchdog) {
    if (forDuration !== undefined) out.push("must fire at once: remove its `for` from catalog/targets.ts forDurations()");
  } else if (forDuration === undefined) out.push("has no `for` in catalog/targets.ts forDurations()");
  else {
    try { seconds(forDuration); } catch (e) { out.push((e as Error).message); }
  }
  for (const locale of LOCALES) {
    if (alert.summary[locale].includes("{{")) out.push(`summary (${locale}) must be fixed text, without a template`);
    if (!alert.description[locale](goTemplateArgs()).includes("{{")) {
      out.push(`description (${locale}) must be templated (name the instance or the value)`);
    }
  }
  try {
    alertAnnotations(ctx, alert, goTemplateArgs());
  } catch (e) {
    out.push((e as Error).message);
  }
  return out.map((message) => ({ where, message }));
}

/** Every problem of the groups' definitions; `known` is the closed list of series names. */
export function validateRuleGroups(ctx: AnnotationContext, groups: RuleGroupDef[], known: Set<string>): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const group of groups) {
    if (group.interval !== undefined) {
      try { seconds(group.interval); } catch (e) { problems.push({ where: `${ruleFilePath(group.domain)} › ${group.group}`, message: `interval: ${(e as Error).message}` }); }
    }
    for (const rule of group.rules) {
      const name = rule.kind === "alert" ? rule.name : rule.record;
      const where = ruleWhere(group, name);
      if (rule.kind === "alert" && seen.has(name)) problems.push({ where, message: "alert name is used twice" });
      seen.add(name);
      if (rule.kind === "record" && !RECORD_NAME.test(rule.record)) {
        problems.push({ where, message: "recording rules are named level:metric:operations" });
      }
      problems.push(...expressionProblems({ where, expr: rule.expr }, known));
      if (rule.kind === "alert") problems.push(...alertProblems(ctx, group, rule));
    }
  }
  return problems;
}

export function ruleFile(ctx: AnnotationContext, group: RuleGroupDef): unknown {
  const rules = group.rules.map((rule) => {
    if (rule.kind === "record") return { record: rule.record, expr: rule.expr };
    const forDuration = forDurations()[rule.name];
    return {
      alert: rule.name,
      expr: rule.expr,
      ...(forDuration === undefined ? {} : { for: forDuration }),
      labels: alertLabels(rule),
      annotations: alertAnnotations(ctx, rule, goTemplateArgs()),
    };
  });
  return { groups: [{ name: group.group, ...(group.interval ? { interval: group.interval } : {}), rules }] };
}
