// The dashboard lint: the rules of Grafana's dashboard-linter (official-lint.ts, with the linter's
// `.lint` exclusions file, generated/grafana/.lint) and our house rules, stricter in places (the
// job/instance matchers where the series has them, every counter inside rate/irate/increase).
// Each finding names dashboard, panel and target, and the rule it breaks.
import yaml from "js-yaml";
import { metrics, seriesNames } from "../../catalog/metrics.ts";
import { grafanaUnits } from "../../dashboards/units.ts";
import { type Bundle, LINT_CONFIG_PATH } from "../render/index.ts";
import type { LintConfig } from "../render/lint-config.ts";
import { type LintResult, officialLint } from "./official-lint.ts";
import { dashboardPanels } from "../lib/expressions.ts";
import { type Selector, analysePromql, expandGrafanaVariables } from "../lib/promql.ts";
import type { Problem } from "../lib/problems.ts";

type Json = Record<string, any>;
interface Finding { panel: string; rule: string; where: string; message: string }

const TEMPLATED = "${datasource}";
const RATE_FUNCTIONS = new Set(["rate", "irate", "increase"]);

/** `single`: the `.lint` file excludes the official template-instance-rule for this dashboard. */
function variableFindings(file: string, dash: Json, single = false): Finding[] {
  const vars: Json[] = dash.templating?.list ?? [];
  const out: Finding[] = [];
  const add = (rule: string, message: string) => out.push({ panel: "*", rule, where: file, message });
  const ds = vars.filter((v) => v.type === "datasource");
  if (ds.length !== 1 || ds[0]!.name !== "datasource" || ds[0]!.query !== "prometheus") {
    add("template-datasource-rule", "needs exactly one Prometheus datasource variable named `datasource`");
  }
  for (const name of ["job", "instance"]) {
    const v = vars.find((x) => x.name === name);
    if (!v) { add(`template-${name}-rule`, `has no \`${name}\` variable`); continue; }
    const oneHost = single && name === "instance";
    const choice = oneHost ? v.multi === false && v.includeAll === false : v.multi === true && v.includeAll === true && v.allValue === ".+";
    const ok = v.type === "query" && v.datasource?.uid === TEMPLATED && choice && v.refresh === 2;
    if (!ok && oneHost) add(`template-${name}-rule`, `\`${name}\` of a single-host view must be a single-select query variable on \${datasource}, without "all", refreshed on time range change`);
    else if (!ok) add(`template-${name}-rule`, `\`${name}\` must be a multi-select query variable on \${datasource}, with "all" = .+ and refresh on time range change`);
  }
  if (dash.editable !== false) add("dashboard-editable-rule", "dashboards must not be editable");
  return out;
}

interface MetricFacts { counters: Set<string>; scoped: Set<string> }

function metricFacts(): MetricFacts {
  const counters = new Set<string>();
  const scoped = new Set<string>();
  for (const m of metrics()) {
    for (const s of seriesNames(m)) {
      const histogramPart = (m.type === "histogram" || m.type === "summary") && /_(bucket|sum|count)$/.test(s);
      if (m.type === "counter" || histogramPart) counters.add(s);
      if (!m.synthetic) scoped.add(s);
    }
  }
  return { counters, scoped };
}

/** The labels a series is known to carry: scraped metrics have both; recording rules by level. */
function requiredScope(metric: string, facts: MetricFacts): string[] {
  if (facts.scoped.has(metric)) return ["job", "instance"];
  if (!metric.includes(":")) return [];
  const level = metric.split(":")[0]!.split("_");
  return ["job", "instance"].filter((l) => level.includes("instance") || level.includes(l));
}

function targetFindings(raw: string, facts: MetricFacts): { rule: string; message: string }[] {
  const out: { rule: string; message: string }[] = [];
  const { errors, selectors } = analysePromql(expandGrafanaVariables(raw));
  for (const e of errors) out.push({ rule: "target-promql-rule", message: `PromQL does not parse: ${e}` });
  for (const s of selectors as Selector[]) {
    const inRate = s.functions[0] !== undefined && RATE_FUNCTIONS.has(s.functions[0]);
    const range = s.range ? raw.slice(s.range.from, s.range.to) : "";
    const overRange = s.functions[0] === "increase" && range === "$__range"; // a share over the selected range
    if (inRate && s.range && range !== "$__rate_interval" && !overRange) {
      out.push({ rule: "target-rate-interval-rule", message: `${s.functions[0]}(${s.metric}[…]) must use $__rate_interval, not ${raw.slice(s.range.from, s.range.to)}` });
    }
    if (facts.counters.has(s.metric) && !inRate) {
      out.push({ rule: "target-counter-agg-rule", message: `counter ${s.metric} must be inside rate, irate or increase` });
    }
    const missing = requiredScope(s.metric, facts).filter((l) => !s.labels.includes(l));
    if (missing.length > 0) {
      out.push({ rule: "target-job-instance-rule", message: `${s.metric} needs ${missing.map((l) => `${l}=~"$${l}"`).join(" and ")}` });
    }
  }
  return out;
}

function panelFindings(file: string, panel: Json, facts: MetricFacts, units: Set<string>): Finding[] {
  const title = String(panel.title ?? "");
  const where = `${file} › panel ${panel.id} "${title}"`;
  const out: Finding[] = [];
  const add = (rule: string, message: string, at = where) => out.push({ panel: title, rule, where: at, message });
  if (!title) add("panel-title-description-rule", "has no title");
  if (panel.type === "row") return out;
  if (!panel.description) add("panel-title-description-rule", "has no description");
  if (panel.datasource?.uid !== TEMPLATED) add("panel-datasource-rule", "must use the templated datasource ${datasource}");
  if (panel.type !== "text" && !units.has(panel.fieldConfig?.defaults?.unit)) {
    add("panel-units-rule", `unit "${panel.fieldConfig?.defaults?.unit ?? ""}" is not a valid Grafana unit`);
  }
  for (const target of panel.targets ?? []) {
    const at = `${where} › target ${target.refId}`;
    if (target.datasource && target.datasource.uid !== TEMPLATED) add("panel-datasource-rule", "target must use ${datasource}", at);
    for (const f of targetFindings(String(target.expr ?? ""), facts)) add(f.rule, f.message, at);
  }
  return out;
}

/** Exclusion entries match as in the linter's ConfigurationEntry.IsMatch (dashboard and panel titles). */
function excluded(config: LintConfig, r: LintResult): boolean {
  const rule = config.exclusions?.[r.rule];
  if (!rule) return false;
  if (!rule.entries?.length) return true;
  return rule.entries.some((e) => (!e.dashboard || e.dashboard === r.dashboard) && (!e.panel || r.panel === undefined || e.panel === r.panel));
}

function readLintConfig(bundle: Bundle, problems: Problem[]): LintConfig {
  const text = bundle.get(LINT_CONFIG_PATH);
  if (text === undefined) { problems.push({ where: LINT_CONFIG_PATH, message: "the dashboard-linter configuration is missing" }); return { exclusions: {} }; }
  const config = (yaml.load(text) ?? {}) as LintConfig;
  for (const [rule, entries] of Object.entries(config.exclusions ?? {})) {
    for (const e of entries.entries ?? []) {
      if (!e.reason) problems.push({ where: LINT_CONFIG_PATH, message: `exclusion of ${rule} for "${e.dashboard}" › "${e.panel}" has no reason` });
    }
  }
  return config;
}

export function dashboardLintProblems(bundle: Bundle): Problem[] {
  const facts = metricFacts();
  const units = grafanaUnits();
  const problems: Problem[] = [];
  const config = readLintConfig(bundle, problems);
  for (const [file, content] of bundle) {
    if (!file.startsWith("grafana/dashboards/")) continue;
    let dash: Json;
    try { dash = JSON.parse(content); } catch { continue; } // reported by the schema check
    const panels = dashboardPanels(dash) as Json[];
    const single = excluded(config, { rule: "template-instance-rule", severity: "error", dashboard: String(dash.title ?? ""), message: "" });
    const findings = [...variableFindings(file, dash, single), ...panels.flatMap((p) => panelFindings(file, p, facts, units))];
    for (const f of findings) problems.push({ where: f.where, message: `[${f.rule}] ${f.message}` });
    for (const r of officialLint(dash, panels)) {
      if (excluded(config, r)) continue;
      const where = [file, r.panel !== undefined ? `panel "${r.panel}"` : undefined, r.targetIdx !== undefined ? `target ${r.targetIdx}` : undefined].filter(Boolean).join(" › ");
      problems.push({ where, message: `[dashboard-linter ${r.rule}, ${r.severity}] ${r.message}` });
    }
  }
  return problems;
}
