// The rules of Grafana's dashboard-linter (github.com/grafana/dashboard-linter, lint/rule_*.go),
// each with the linter's own name, condition and severity, in TypeScript (the Go tool cannot be
// installed here). Findings are matched against the linter's own `.lint` configuration format
// (exclusions and warnings by rule; entries by dashboard title, panel title, target index).
import { type Selector, analysePromql, expandGrafanaVariables } from "../lib/promql.ts";

type Json = Record<string, any>;

export interface LintResult {
  rule: string;
  severity: "error" | "warning";
  dashboard: string;
  panel?: string;
  targetIdx?: number;
  message: string;
}

const QUERY_PANELS = new Set(["stat", "singlestat", "graph", "table", "timeseries", "gauge"]);
const DATASOURCE_PANELS = new Set(["singlestat", "graph", "table", "timeseries"]);
const LABEL_FUNCTIONS = new Set(["label_names", "label_values", "metrics", "query_result"]);

function templateFindings(d: Json, add: (rule: string, message: string, severity?: "warning") => void): void {
  const list: Json[] = d.templating?.list ?? [];
  const datasources = list.filter((t) => t.type === "datasource");
  if (datasources.length === 0) add("template-datasource-rule", "does not have a templated data source");
  for (const t of datasources) {
    const specific = `${String(t.query).toLowerCase()}_datasource`;
    const names = datasources.length === 1 ? ["datasource", specific] : [specific];
    const labels = datasources.length === 1 ? ["Data source", `${t.query[0].toUpperCase()}${t.query.slice(1)} data source`] : [];
    if (!names.includes(t.name)) add("template-datasource-rule", `templated data source variable named '${t.name}', should be named '${names.join("' or '")}'`);
    if (!labels.includes(t.label)) add("template-datasource-rule", `templated data source variable labeled '${t.label}', should be labeled '${labels.join("' or '")}'`, "warning");
  }
  const prometheus = datasources[0]?.query === "prometheus";
  if (prometheus) {
    for (const name of ["job", "instance"]) {
      const rule = `template-${name}-rule`;
      const t = list.find((x) => x.name === name);
      if (!t) { add(rule, `is missing the ${name} template`); continue; }
      const uid = typeof t.datasource === "string" ? t.datasource : t.datasource?.uid;
      if (!["$datasource", "${datasource}", "$prometheus_datasource", "${prometheus_datasource}"].includes(uid)) add(rule, `${name} template should use datasource '$datasource', is currently '${uid}'`);
      if (t.type !== "query") add(rule, `${name} template should be a Prometheus query, is currently '${t.type}'`);
      const title = `${name[0]!.toUpperCase()}${name.slice(1)}`;
      if (t.label !== title) add(rule, `${name} template should be a labeled '${title}', is currently '${t.label}'`, "warning");
      if (!t.multi) add(rule, `${name} template should be a multi select`);
      if (t.allValue !== ".+") add(rule, `${name} template allValue should be '.+', is currently '${t.allValue}'`);
    }
    for (const t of list.filter((x) => x.type === "query")) {
      const q = typeof t.query === "string" ? t.query : t.query?.query ?? "";
      const m = /([a-z_]+)\((.+)\)/.exec(q);
      const inner = m ? (m[1] === "label_values" ? m[2]!.replace(/,\s*\w+\s*$/, "") : m[2]!) : "";
      const bad = !m ? "invalid 'query'" : !LABEL_FUNCTIONS.has(m[1]!) ? `invalid 'function': ${m[1]}`
        : analysePromql(expandGrafanaVariables(inner)).errors[0];
      if (bad) add("template-label-promql-rule", `template '${t.name}' invalid templated label '${q}': ${bad}`);
    }
  }
  for (const t of list.filter((x) => x.type === "query")) {
    if (t.refresh !== 2) add("template-on-time-change-reload-rule", `templated datasource variable named '${t.name}', should be set to be refreshed 'On Time Range Change (value 2)', is currently '${t.refresh}'`);
  }
  if (d.editable) add("uneditable-dashboard", "is editable, it should be set to 'editable: false'");
}

function unitOf(p: Json): { unit: string; mapped: boolean } {
  let unit = "";
  let mapped = false;
  for (const o of p.fieldConfig?.overrides ?? []) {
    for (const prop of o.properties ?? []) {
      if (prop.id === "unit") unit = String(prop.value);
      if (prop.id === "mappings" && prop.value != null) mapped = true;
    }
  }
  if (!unit) unit = p.fieldConfig?.defaults?.unit ?? "";
  if (p.fieldConfig?.defaults?.mappings != null) mapped = true;
  return { unit, mapped };
}

function selectorFindings(raw: string, s: Selector): { rule: string; message: string }[] {
  const out: { rule: string; message: string }[] = [];
  for (const label of ["job", "instance"]) {
    const ms = (s.matchers ?? []).filter((m) => m.label === label);
    const ok = ms.some((m) => m.op === "=~" && raw.slice(m.value.from, m.value.to) === `$${label}`);
    if (!ok) out.push({ rule: `target-${label}-rule`, message: `invalid PromQL query '${raw}': ${label} selector ${ms.length ? `is not =~ $${label}` : "not found"}` });
  }
  const range = s.range ? raw.slice(s.range.from, s.range.to) : undefined;
  if (range !== undefined && range !== "$__rate_interval" && (s.functions[0] === "rate" || s.functions[0] === "irate")) {
    out.push({ rule: "target-rate-interval-rule", message: `invalid PromQL query '${raw}': should use $__rate_interval` });
  }
  const bare = s.metric.endsWith("_total") && (s.matchers ?? []).length === 0;
  if (bare && !(range !== undefined && ["rate", "irate", "increase"].includes(s.functions[0] ?? ""))) {
    out.push({ rule: "target-counter-agg-rule", message: `counter metric '${s.metric}' is not aggregated with rate, irate, or increase` });
  }
  return out;
}

/** Every result of the official rules on one dashboard JSON (rows' nested panels included). */
export function officialLint(d: Json, panels: Json[]): LintResult[] {
  const title = String(d.title ?? "");
  const out: LintResult[] = [];
  templateFindings(d, (rule, message, severity) => out.push({ rule, severity: severity ?? "error", dashboard: title, message }));
  const prometheus = (d.templating?.list ?? []).find((t: Json) => t.type === "datasource")?.query === "prometheus";
  for (const p of panels) {
    const add = (rule: string, message: string, targetIdx?: number) =>
      out.push({ rule, severity: "error", dashboard: title, panel: String(p.title ?? ""), targetIdx, message });
    if (DATASOURCE_PANELS.has(p.type)) {
      const uid = typeof p.datasource === "string" ? p.datasource : p.datasource?.uid;
      const names = (d.templating?.list ?? []).filter((t: Json) => t.type === "datasource").flatMap((t: Json) => [`$${t.name}`, `\${${t.name}}`]);
      if (!names.includes(uid)) add("panel-datasource-rule", `does not use a templated datasource, uses '${uid}'`);
    }
    if (QUERY_PANELS.has(p.type)) {
      if (!p.title || !p.description) add("panel-title-description-rule", `has missing title or description, currently has title '${p.title ?? ""}' and description: '${p.description ?? ""}'`);
      const { unit, mapped } = unitOf(p);
      const reducesText = p.type === "stat" && (p.options?.reduceOptions?.fields ?? "") !== "";
      if (!reducesText && !mapped && !OFFICIAL_UNITS.has(unit)) add("panel-units-rule", `has no or invalid units defined: '${unit}'`);
      if (!p.targets) add("panel-no-targets-rule", "has no targets");
    }
    (p.targets ?? []).forEach((t: Json, idx: number) => {
      const raw = String(t.expr ?? "");
      if (!prometheus || raw === "") return;
      const { errors, selectors } = analysePromql(expandGrafanaVariables(raw));
      if (errors.length > 0) { add("target-promql-rule", `invalid PromQL query '${raw}': ${errors[0]}`, idx); return; }
      for (const s of selectors) for (const f of selectorFindings(raw, s)) add(f.rule, f.message, idx);
    });
  }
  return out;
}

// lint/rule_panel_units.go: the units the official rule accepts (Grafana's categories.ts).
const OFFICIAL_UNITS = new Set(`none string short percent percentunit humidity dB hex0x hex sci locale pixel
accMS2 accFS2 accG degree radian grad arcmin arcsec areaM2 areaF2 areaMI2 flops mflops gflops tflops pflops eflops zflops yflops
ppm conppb conngm3 conngNm3 conμgm3 conμgNm3 conmgm3 conmgNm3 congm3 congNm3 conmgdL conmmolL
bytes decbytes bits decbits kbytes deckbytes mbytes decmbytes gbytes decgbytes tbytes dectbytes pbytes decpbytes
pps binBps Bps binbps bps KiBs Kibits KBs Kbits MiBs Mibits MBs Mbits GiBs Gibits GBs Gbits TiBs Tibits TBs Tbits PiBs Pibits PBs Pbits
dateTimeAsIso dateTimeAsIsoNoDateIfToday dateTimeAsUS dateTimeAsUSNoDateIfToday dateTimeAsLocal dateTimeAsLocalNoDateIfToday dateTimeAsSystem dateTimeFromNow
hertz ns µs ms s m h d dtdurationms dtdurations dthms dtdhms timeticks clockms clocks
cps ops reqps rps wps iops cpm opm rpm wpm mps mpm bool bool_yes_no bool_on_off`.split(/\s+/));
