// Our own dashboard lint, after the rules of Grafana's dashboard-linter (a Go tool we cannot
// install here). Each finding names dashboard, panel and target, and the rule it breaks.
import { metrics, seriesNames } from "../../catalog/metrics.ts";
import { lintExclusions } from "../../dashboards/lint-exclusions.ts";
import { grafanaUnits } from "../../dashboards/units.ts";
import type { Bundle } from "../render/index.ts";
import { dashboardPanels } from "../lib/expressions.ts";
import { type Selector, analysePromql, expandGrafanaVariables } from "../lib/promql.ts";
import type { Problem } from "../lib/problems.ts";

type Json = Record<string, any>;
interface Finding { panel: string; rule: string; where: string; message: string }

const TEMPLATED = "${datasource}";
const RATE_FUNCTIONS = new Set(["rate", "irate", "increase"]);

function variableFindings(file: string, dash: Json): Finding[] {
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
    const ok = v.type === "query" && v.datasource?.uid === TEMPLATED && v.multi === true && v.includeAll === true
      && v.allValue === ".+" && v.refresh === 2;
    if (!ok) add(`template-${name}-rule`, `\`${name}\` must be a multi-select query variable on \${datasource}, with "all" = .+ and refresh on time range change`);
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
    if (inRate && s.range && raw.slice(s.range.from, s.range.to) !== "$__rate_interval") {
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

export function dashboardLintProblems(bundle: Bundle): Problem[] {
  const facts = metricFacts();
  const units = grafanaUnits();
  const exclusions = lintExclusions();
  const problems: Problem[] = [];
  for (const [file, content] of bundle) {
    if (!file.startsWith("grafana/dashboards/")) continue;
    let dash: Json;
    try { dash = JSON.parse(content); } catch { continue; } // reported by the schema check
    const findings = [
      ...variableFindings(file, dash),
      ...dashboardPanels(dash).flatMap((p) => panelFindings(file, p as Json, facts, units)),
    ];
    for (const f of findings) {
      const excluded = exclusions.some((x) => x.dashboard === dash.uid && (x.panel === "*" || x.panel === f.panel) && x.rule === f.rule);
      if (!excluded) problems.push({ where: f.where, message: `[${f.rule}] ${f.message}` });
    }
  }
  return problems;
}
