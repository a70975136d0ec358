// render: definitions → every file of generated/, in memory. Pure: no I/O, same input, same bytes.
// It validates every definition first and throws one RenderError that lists them all.
import { ruleDomains } from "../../alerts/index.ts";
import { type RoutingContext, type RoutingDefs, alertmanagerConfig, alertmanagerTemplates, routingDefs, routingValidation } from "../../alerts/routing.ts";
import type { RuleContext, RuleGroupDef } from "../../alerts/types.ts";
import { dashboards as defaultDashboards } from "../../dashboards/index.ts";
import { type DashboardLinks, buildDashboard } from "../../dashboards/common.ts";
import type { BuiltDashboard, DashboardContext, DashboardDef } from "../../dashboards/types.ts";
import type { Environment, Locale } from "../../catalog/types.ts";
import { dashboardExpressions, expressionProblems, knownSeries } from "../lib/expressions.ts";
import { type Problem, RenderError } from "../lib/problems.ts";
import type { AnnotationContext, PanelIndex } from "./annotations.ts";
import { dashboardProvisioning, datasourceProvisioning } from "./grafana.ts";
import { dashboardLinks } from "./links.ts";
import { prometheusConfig, prometheusFlagsFile } from "./prometheus.ts";
import { retentionProblem } from "../../catalog/retention.ts";
import { lintConfig } from "./lint-config.ts";
import { dataTierFiles } from "./data-tier.ts";
import { ruleFile, ruleFilePath, validateRuleGroups } from "./rules.ts";
import { ruleTestFiles, validateRuleTests } from "./ruletests.ts";
import { scaleAlertmanagerConfig, scaleRuleFile } from "./timescale.ts";
import { toJson, toYaml } from "./yaml.ts";
import { runbooks as defaultRunbooks } from "../../alerts/runbooks/index.ts";
import type { RunbookDef } from "../../alerts/runbooks/types.ts";
import { renderRunbook, runbookPath, validateRunbooks } from "./runbooks.ts";
import { failureScenarios as defaultScenarios } from "../../alerts/scenarios/index.ts";
import type { ScenarioFile } from "../../alerts/scenarios/types.ts";
import { scenarioTestFiles, validateScenarios } from "./scenarios.ts";
import { ruleGuardProblems } from "./guards.ts";

/** Relative path under generated/ → file content. */
export type Bundle = Map<string, string>;

export interface RenderOptions {
  env: Environment;
  locale: Locale;
  /** Replaceable for tests; default: every domain of alerts/. */
  ruleGroups?: (ctx: RuleContext) => RuleGroupDef[];
  /** Replaceable for tests; default: every dashboard of dashboards/. */
  dashboards?: (ctx: DashboardContext) => DashboardDef[];
  /** Replaceable for tests; default: the catalog's notification policy and alerts/routing. */
  routing?: (ctx: RoutingContext) => RoutingDefs;
  /** Replaceable for tests; default: every runbook of alerts/runbooks/. */
  runbooks?: () => Record<string, RunbookDef>;
  /** Replaceable for tests; default: alerts/scenarios/ (none when ruleGroups is replaced). */
  scenarios?: (ctx: RuleContext) => ScenarioFile[];
}

/** Grafana's dashboard-linter configuration: `dashboard-linter lint --config generated/grafana/.lint …`. */
export const LINT_CONFIG_PATH = "grafana/.lint";

export function dashboardPath(uid: string): string {
  return `grafana/dashboards/${uid}.json`;
}

function buildAll(defs: DashboardDef[], ctx: DashboardContext, links: DashboardLinks, problems: Problem[]): BuiltDashboard[] {
  const built: BuiltDashboard[] = [];
  const uids = new Set<string>();
  for (const def of defs) {
    if (uids.has(def.uid)) problems.push({ where: dashboardPath(def.uid), message: "dashboard uid is used twice" });
    uids.add(def.uid);
    try {
      built.push(buildDashboard(def, ctx, links));
    } catch (e) {
      problems.push({ where: dashboardPath(def.uid), message: (e as Error).message });
    }
  }
  return built;
}

/**
 * The rule groups. A definition that throws while it is built (a missing `for`, say) becomes a
 * problem naming its TypeScript file, instead of a crash deep inside a helper.
 */
function buildRuleGroups(options: RenderOptions, problems: Problem[]): RuleGroupDef[] {
  const ctx = { env: options.env };
  if (options.ruleGroups) {
    try { return options.ruleGroups(ctx); } catch (e) {
      problems.push({ where: "alerts/ (rule groups)", message: (e as Error).message });
      throw new RenderError(problems);
    }
  }
  const groups: RuleGroupDef[] = [];
  for (const d of ruleDomains()) {
    try { groups.push(d.build(ctx)); } catch (e) { problems.push({ where: d.file, message: (e as Error).message }); }
  }
  if (problems.length > 0) throw new RenderError(problems);
  return groups;
}

function buildScenarios(options: RenderOptions, problems: Problem[]): ScenarioFile[] {
  const build = options.scenarios ?? (options.ruleGroups ? () => [] : defaultScenarios);
  try { return build({ env: options.env }); } catch (e) {
    problems.push({ where: "alerts/scenarios/", message: (e as Error).message });
    return [];
  }
}

export function render(options: RenderOptions): Bundle {
  const { env, locale } = options;
  const problems: Problem[] = [];
  const groups = buildRuleGroups(options, problems);
  const defs = (options.dashboards ?? defaultDashboards)({ env, locale });
  const built = buildAll(defs, { env, locale }, dashboardLinks(env, locale, groups, defs), problems);

  const panels: PanelIndex = Object.fromEntries(built.map((d) => [d.uid, d.panelIds]));
  const ctx: AnnotationContext = { env, locale, panels };
  const records = groups.flatMap((g) => g.rules.flatMap((r) => (r.kind === "record" ? [r.record] : [])));
  const known = knownSeries(records);
  problems.push(...validateRuleGroups(ctx, groups, known));
  for (const group of groups) problems.push(...validateRuleTests(ctx, group));
  const scenarios = buildScenarios(options, problems);
  problems.push(...validateScenarios(ctx, groups, scenarios));
  problems.push(...ruleGuardProblems(options, groups));
  const retention = retentionProblem();
  if (retention) problems.push({ where: "catalog/retention.ts", message: retention });
  const runbookDefs = (options.runbooks ?? defaultRunbooks)();
  problems.push(...validateRunbooks(groups, runbookDefs));
  for (const d of built) {
    for (const at of dashboardExpressions(dashboardPath(d.uid), d.json)) problems.push(...expressionProblems(at, known));
  }
  const domains = groups.map((g) => g.domain);
  for (const domain of new Set(domains)) {
    if (domains.filter((d) => d === domain).length > 1) {
      problems.push({ where: ruleFilePath(domain), message: "two rule groups write the same file" });
    }
  }
  const routing = (options.routing ?? routingDefs)({ env, locale });
  problems.push(...routingValidation({ env, locale }, routing));
  if (problems.length > 0) throw new RenderError(problems);

  const files: [string, string][] = [];
  const scale = env.timeScale;
  for (const group of groups) {
    const doc = ruleFile(ctx, group);
    files.push([ruleFilePath(group.domain), toYaml(scale ? scaleRuleFile(doc, scale) : doc)]);
    if (scale) continue; // a scaled demo bundle is tested through the production one
    for (const [path, doc] of ruleTestFiles(ctx, group)) files.push([path, toYaml(doc)]);
  }
  if (!scale) for (const [path, doc] of scenarioTestFiles(ctx, groups, scenarios)) files.push([path, toYaml(doc)]);
  const ruleFiles = groups.map((g) => ruleFilePath(g.domain).replace(/^prometheus\//, ""));
  files.push(["prometheus/prometheus.yml", toYaml(prometheusConfig(env, ruleFiles))]);
  files.push(["prometheus/flags.txt", prometheusFlagsFile()]);
  files.push(...dataTierFiles(env, toYaml));
  const amConfig = alertmanagerConfig({ env, locale }, routing);
  files.push(["alertmanager/alertmanager.yml", toYaml(scale ? scaleAlertmanagerConfig(amConfig, scale) : amConfig)]);
  for (const [file, text] of alertmanagerTemplates({ env, locale })) files.push([`alertmanager/${file}`, text]);
  for (const d of built) files.push([dashboardPath(d.uid), toJson(d.json)]);
  files.push([LINT_CONFIG_PATH, toYaml(lintConfig(built))]);
  files.push(["grafana/provisioning/datasources/prometheus.yml", toYaml(datasourceProvisioning(env))]);
  files.push(["grafana/provisioning/dashboards/xinliya.yml", toYaml(dashboardProvisioning(env))]);
  // A record several groups write (the API's bucket shards, alerts/api-buckets.ts) is the `or` of their expressions.
  const recordExprs = new Map<string, string>();
  for (const r of groups.flatMap((g) => g.rules)) if (r.kind === "record") recordExprs.set(r.record, recordExprs.has(r.record) ? `${recordExprs.get(r.record)} or ${r.expr}` : r.expr);
  for (const alert of groups.flatMap((g) => g.rules.flatMap((r) => (r.kind === "alert" ? [r] : [])))) {
    files.push([runbookPath(alert.name), renderRunbook({ ...ctx, dashboards: built, records: recordExprs }, alert, runbookDefs[alert.name]!)]);
  }
  files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(files);
}
