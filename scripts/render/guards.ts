// Guards of what the rules need, each naming the TypeScript definition (file › alert):
// - a number typed into a rule that merely equals a catalog target (it does not move with it);
// - a P0 alert without the minimum-count traffic floor (pageMinEvents(), catalog/thresholds.ts);
// - an alert that reports the loss of a data source feeding a P0 alert, yet is below P1.
// A missing `for` is caught where the definitions are built (catalog/targets.ts forOf, rules.ts).
import { ruleDomains, ruleGroups as defaultRuleGroups } from "../../alerts/index.ts";
import type { AlertDef, RuleContext, RuleGroupDef } from "../../alerts/types.ts";
import { metrics } from "../../catalog/metrics.ts";
import { targets, type TargetName } from "../../catalog/targets.ts";
import { pageMinEvents, structuralNumbers, withTracedTargets } from "../../catalog/thresholds.ts";
import { watchdog } from "../../catalog/watchdog.ts";
import type { Environment, MetricSource } from "../../catalog/types.ts";
import { metricNamer, metricsReadThrough } from "../lib/metric-reads.ts";
import type { Problem } from "../lib/problems.ts";
import { analysePromql } from "../lib/promql.ts";

interface GuardOptions {
  env: Environment;
  ruleGroups?: (ctx: RuleContext) => RuleGroupDef[];
}

function sourceFile(domain: string): string {
  return ruleDomains().find((d) => d.file === `alerts/${domain}.ts`)?.file ?? `alerts/${domain}.ts (${domain})`;
}

const ruleName = (r: RuleGroupDef["rules"][number]) => (r.kind === "alert" ? r.name : r.record);

/**
 * A number of a traced rule that is not traced, nor structure or policy (catalog/thresholds.ts
 * structuralNumbers: allowed as they are, not traced, so a typed literal that equals one of them is
 * not caught), was typed into the rule.
 */
function literalProblems(groups: RuleGroupDef[], traced: RuleGroupDef[], timeScale?: number): Problem[] {
  const byValue = new Map<number, TargetName[]>();
  for (const [name, t] of Object.entries(targets()) as [TargetName, { value: number }][]) {
    byValue.set(t.value, [...(byValue.get(t.value) ?? []), name]);
  }
  const allowed = structuralNumbers(timeScale);
  const problems: Problem[] = [];
  traced.forEach((group, gi) => {
    group.rules.forEach((rule, ri) => {
      const where = `${sourceFile(group.domain)} › ${ruleName(rule)}`;
      const original = groups[gi]?.rules[ri];
      if (!original || ruleName(original) !== ruleName(rule)) return;
      for (const n of new Set(analysePromql(rule.expr).numbers)) {
        const names = byValue.get(n) ?? byValue.get(-n);
        if (!names || allowed.has(n)) continue;
        problems.push({
          where,
          message: `the number ${n} is typed into the rule: it equals ${names.map((x) => `targets().${x}`).join(" and ")} but does not move with it; read it with target(…)`,
        });
      }
    });
  });
  return problems;
}

function floorProblems(traced: RuleGroupDef[]): Problem[] {
  const floor = withTracedTargets(() => pageMinEvents());
  const problems: Problem[] = [];
  for (const group of traced) {
    for (const rule of group.rules) {
      if (rule.kind !== "alert" || rule.priority !== "P0" || rule.noTrafficFloor || rule.name === watchdog().alert) continue;
      if (!analysePromql(rule.expr).numbers.includes(floor)) {
        problems.push({
          where: `${sourceFile(group.domain)} › ${rule.name}`,
          message: "a P0 alert needs a traffic floor: at least pageMinEvents() events in its window (alerts/promql.ts withFloor), or a `noTrafficFloor` reason when it counts no events",
        });
      }
    }
  }
  return problems;
}

/** The sources each alert reads, through its recording rules. */
function sourcesRead(groups: RuleGroupDef[]): Map<string, Set<MetricSource>> {
  const records = new Map(groups.flatMap((g) => g.rules.flatMap((r) => (r.kind === "record" ? [[r.record, r.expr] as const] : []))));
  const out = new Map<string, Set<MetricSource>>();
  // One namer and one index for every alert: each builds the metric catalog (4 s of a test run's CPU per alert).
  const name = metricNamer();
  const byName = new Map(metrics().map((m) => [m.name, m] as const));
  for (const r of groups.flatMap((g) => g.rules)) {
    if (r.kind !== "alert") continue;
    const sources = new Set<MetricSource>();
    for (const m of metricsReadThrough(r.expr, records, name)) {
      const def = byName.get(m);
      if (def) sources.add(def.source);
    }
    out.set(r.name, sources);
  }
  return out;
}

function dependencyProblems(groups: RuleGroupDef[]): Problem[] {
  const read = sourcesRead(groups);
  const alerts = groups.flatMap((g) => g.rules.flatMap((r) => (r.kind === "alert" ? [[g, r] as [RuleGroupDef, AlertDef]] : [])));
  const p0 = alerts.filter(([, a]) => a.priority === "P0");
  const problems: Problem[] = [];
  for (const [group, alert] of alerts) {
    if (alert.priority === "P0" || alert.priority === "P1" || alert.priority === null) continue;
    for (const source of alert.watches ?? []) {
      const blinded = p0.filter(([, a]) => read.get(a.name)?.has(source)).map(([, a]) => a.name);
      if (blinded.length === 0) continue;
      problems.push({
        where: `${sourceFile(group.domain)} › ${alert.name}`,
        message: `is ${alert.priority}, but it reports the loss of ${source}, which feeds the P0 alert(s) ${blinded.join(", ")}: make it P0 or P1`,
      });
    }
  }
  return problems;
}

export function ruleGuardProblems(options: GuardOptions, groups: RuleGroupDef[]): Problem[] {
  const build = options.ruleGroups ?? defaultRuleGroups;
  let traced: RuleGroupDef[];
  try {
    traced = withTracedTargets(() => build({ env: options.env }));
  } catch (e) {
    return [{ where: "alerts/ (rules built with traced targets)", message: (e as Error).message }];
  }
  return [...literalProblems(groups, traced, options.env.timeScale), ...floorProblems(traced), ...dependencyProblems(groups)];
}
