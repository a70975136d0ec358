// The house style of every dashboard: templated datasource, job/instance variables, read-only,
// stable panel ids, threshold lines from the catalog, and a description and unit on every panel.
import * as common from "@grafana/grafana-foundation-sdk/common";
import * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import * as prometheus from "@grafana/grafana-foundation-sdk/prometheus";
import * as timeseries from "@grafana/grafana-foundation-sdk/timeseries";
import { grafanaDatasource } from "../catalog/grafana.ts";
import { jobs } from "../catalog/selectors.ts";
import { addNoTraffic } from "./no-traffic.ts";
import type { BuiltDashboard, DashboardContext, DashboardDef } from "./types.ts";
import type { GrafanaUnit } from "./units.ts";

/** True when the dashboard is rendered in Chinese, the default locale. */
export function zh(ctx: DashboardContext): boolean {
  return ctx.locale === "zh";
}

/** Every panel and variable queries the datasource chosen in the `datasource` variable. */
export function datasourceRef(): { type: string; uid: string } {
  return { type: "prometheus", uid: "${datasource}" };
}

/** Matchers for the `job` and `instance` variables, to put inside a selector's braces. */
export function scope(): string {
  return 'job=~"$job", instance=~"$instance"';
}

/** The `job` matcher alone, for recorded series aggregated above the instance. */
export function jobScope(): string {
  return 'job=~"$job"';
}

/** The metrics that a dashboard's queries select with `label=~"$label"`. */
function metricsScopedBy(exprs: string[], label: string): string[] {
  const re = new RegExp(`([a-zA-Z_:][\\w:]*)\\{[^}]*\\b${label}=~"\\$${label}"`, "g");
  return [...new Set(exprs.flatMap((e) => [...e.matchAll(re)].map((m) => m[1]!)))].sort();
}

/**
 * `job` lists the jobs of the dashboard's own metrics, and `instance` the instances of the chosen
 * jobs among the metrics its queries filter by instance (chained on `job`): picking a node on the
 * system dashboard offers no API process, and the API dashboard lists no node.
 */
export function variableQueries(exprs: string[]): { job: string; instance: string } {
  const jobs = metricsScopedBy(exprs, "job");
  const instances = metricsScopedBy(exprs, "instance");
  const names = (ms: string[]) => (ms.length === 1 ? ms[0]! : `{__name__=~"${ms.join("|")}"`);
  const job = jobs.length ? `label_values(${names(jobs)}${jobs.length === 1 ? "" : "}"}, job)` : "label_values(up, job)";
  const of = instances.length ? instances : ["up"];
  const instance = of.length === 1
    ? `label_values(${of[0]}{job=~"$job"}, instance)`
    : `label_values({__name__=~"${of.join("|")}", job=~"$job"}, instance)`;
  return { job, instance };
}

function variables(ctx: DashboardContext, exprs: string[], singleInstance = false) {
  const q = variableQueries(exprs);
  // The labels Grafana's dashboard-linter demands (template-*-rule), in both locales.
  const text = { ds: "Data source", job: "Job", instance: "Instance" };
  const queryVariable = (name: string, label: string, query: string) =>
    new dashboard.QueryVariableBuilder(name)
      .label(label)
      .datasource(datasourceRef())
      .query(query)
      .definition(query)
      .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
      .sort(dashboard.VariableSort.AlphabeticalAsc);
  const multi = (name: string, label: string, query: string) =>
    queryVariable(name, label, query)
      .multi(true)
      .includeAll(true)
      .allValue(".+")
      .current({ selected: true, text: ["All"], value: ["$__all"] });
  // One host at a time: Grafana selects the first instance, and there is no "All".
  const single = (name: string, label: string, query: string) =>
    queryVariable(name, label, query)
      .multi(false)
      .includeAll(false);
  return [
    new dashboard.DatasourceVariableBuilder("datasource").label(text.ds).type("prometheus")
      .current({ selected: true, text: grafanaDatasource().name, value: grafanaDatasource().uid }),
    multi("job", text.job, q.job),
    singleInstance ? single("instance", text.instance, q.instance) : multi("instance", text.instance, q.instance),
  ];
}

/** A Prometheus target on the templated datasource. */
export function query(expr: string, legend: string, refId = "A"): prometheus.DataqueryBuilder {
  return new prometheus.DataqueryBuilder()
    .datasource(datasourceRef())
    .expr(expr)
    .legendFormat(legend)
    .refId(refId)
    .range();
}

/**
 * Green below, red from `value` up (orange from the first of several values, red from the last);
 * with `redBelow`, red below `value` and green from it. Values come from the catalog.
 */
export function thresholdAt(value: number | readonly number[], redBelow = false): dashboard.ThresholdsConfigBuilder {
  const values = typeof value === "number" ? [value] : [...value];
  const base = null as unknown as number;
  const steps = redBelow
    ? [{ value: base, color: "red" }, { value: values[0]!, color: "green" }]
    : [{ value: base, color: "green" }, ...values.map((v, i) => ({ value: v, color: i === values.length - 1 ? "red" : "orange" }))];
  return new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps(steps);
}

export interface TimeseriesOptions {
  title: string;
  description: string;
  unit: GrafanaUnit;
  /** Draws the alert threshold(s) as dashed lines. */
  threshold?: number | readonly number[];
  /** The indicator is bad below its threshold (success rates, scores). */
  redBelow?: boolean;
  min?: number;
  max?: number;
}

export function timeseriesPanel(o: TimeseriesOptions): timeseries.PanelBuilder {
  const panel = new timeseries.PanelBuilder()
    .title(o.title)
    .description(o.description)
    .datasource(datasourceRef())
    .unit(o.unit)
    .height(8)
    .span(12)
    .lineWidth(1)
    .fillOpacity(10)
    .tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending))
    .legend(new common.VizLegendOptionsBuilder()
      .displayMode(common.LegendDisplayMode.Table)
      .placement(common.LegendPlacement.Bottom)
      .showLegend(true)
      .calcs(["mean", "max", "lastNotNull"]));
  if (o.min !== undefined) panel.min(o.min);
  if (o.max !== undefined) panel.max(o.max);
  if (o.threshold !== undefined) {
    panel
      .thresholds(thresholdAt(o.threshold, o.redBelow))
      .thresholdsStyle(new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.Dashed));
  }
  return panel;
}

export interface LinkTarget {
  title: string;
  url: string;
}

/** What a dashboard links to besides its own panels; render knows it, the definitions don't. */
export interface DashboardLinks {
  /** Every other dashboard of the bundle, linked from the header. */
  dashboards: { uid: string; title: string }[];
  /** Runbook links for a panel, given where it is and the PromQL of its targets. */
  panelLinks: (panel: { uid: string; key: string; exprs: string[] }) => LinkTarget[];
}

/** The bundle's dashboards, by their common tag, in one dropdown (as kubernetes-mixin links them). */
export const BUNDLE_TAG = "xinliya";

function headerLink(ctx: DashboardContext): dashboard.DashboardLinkBuilder {
  const title = ctx.locale === "zh" ? "心理鸭看板" : "Xinliya dashboards";
  return new dashboard.DashboardLinkBuilder(title)
    .type(dashboard.DashboardLinkType.Dashboards)
    .tags([BUNDLE_TAG])
    .asDropdown(true)
    .includeVars(true)
    .keepTime(true)
    .targetBlank(false)
    .tooltip(title)
    .icon("external link")
    .url("");
}

/** Firing alerts (ALERTS, the Watchdog heartbeat aside) as annotations, titled with their priority. */
function alertAnnotation(ctx: DashboardContext): dashboard.AnnotationQueryBuilder {
  return new dashboard.AnnotationQueryBuilder()
    .name(ctx.locale === "zh" ? "触发中的告警" : "Firing alerts")
    .datasource(datasourceRef())
    .enable(true)
    .iconColor("red")
    .expr('ALERTS{alertstate="firing", alertname!="Watchdog"}')
    .step("60s")
    .titleFormat("[{{priority}}] {{alertname}}")
    .tagKeys("priority,severity,alertname")
    .textFormat("{{job}} {{instance}}")
    .useValueForTime(false);
}

/**
 * Restarts of the API backend and the business exporter: their `process_start_time_seconds` moved
 * within the last two annotation steps. Not scoped by `$job`: a backend restart matters on every view.
 */
function restartAnnotation(ctx: DashboardContext): dashboard.AnnotationQueryBuilder {
  const j = jobs(ctx.env);
  return new dashboard.AnnotationQueryBuilder()
    .name(ctx.locale === "zh" ? "进程重启" : "Restarts")
    .datasource(datasourceRef())
    .enable(true)
    .iconColor("purple")
    .expr(`changes(process_start_time_seconds{job=~"${j.backend}|${j.businessExporter}"}[2m]) > 0`)
    .step("60s")
    .titleFormat(ctx.locale === "zh" ? "{{job}} 重启" : "{{job}} restarted")
    .tagKeys("job,instance")
    .textFormat("{{instance}}")
    .useValueForTime(false);
}

/**
 * What the SDK sets that Grafana 12.3+ reads differently: `placement: "inControlsMenu"` hides a
 * header link or an annotation in a menu; we want them in the header.
 */
function dropPlacement(json: dashboard.Dashboard): void {
  for (const l of json.links ?? []) delete (l as { placement?: unknown }).placement;
  for (const a of json.annotations?.list ?? []) delete (a as { placement?: unknown }).placement;
}

/**
 * A stat, a gauge, or a bar gauge of latest values shows one number per series: its queries are
 * instant (one evaluation, not one per step: a week-over-week [7d] window is read once), and a stat
 * draws no sparkline.
 */
function instantSingleValues(json: dashboard.Dashboard): void {
  for (const p of (json.panels ?? []) as { type?: string; targets?: Record<string, unknown>[]; options?: Record<string, unknown> }[]) {
    const calcs = (p.options?.reduceOptions as { calcs?: string[] } | undefined)?.calcs ?? [];
    const oneNumber = p.type === "stat" || p.type === "gauge" || (p.type === "bargauge" && calcs.every((c) => c === "lastNotNull"));
    if (!oneNumber) continue;
    for (const t of p.targets ?? []) { t.instant = true; t.range = false; }
    if (p.type === "stat" && p.options) p.options.graphMode = "none";
  }
}

function runbookLink(target: LinkTarget): dashboard.DashboardLinkBuilder {
  return new dashboard.DashboardLinkBuilder(target.title)
    .type(dashboard.DashboardLinkType.Link)
    .url(target.url)
    .icon("doc")
    .tooltip(target.title)
    .targetBlank(true)
    .includeVars(false)
    .keepTime(false)
    .asDropdown(false)
    .tags([]);
}

/**
 * A panel's id, derived from its key alone (FNV-1a, in 1000–999999), so that adding or moving a
 * panel never renumbers another: a `dashboard_url` in a page sent last week still opens the panel
 * it named. Rows get small ids (1, 2, ...), which nothing links to.
 */
export function panelId(key: string): number {
  let hash = 0x811c9dc5;
  for (const ch of key) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return 1000 + (hash % 999000);
}

function definitionExprs(def: DashboardDef): string[] {
  return def.rows.flatMap((r) => r.panels.flatMap((p) =>
    (p.panel.build().targets ?? []).map((t) => String((t as { expr?: unknown }).expr ?? ""))));
}

/** Builds a dashboard definition; panel ids come from the panels' keys (panelId). */
export function buildDashboard(def: DashboardDef, ctx: DashboardContext, links?: DashboardLinks): BuiltDashboard {
  const builder = new dashboard.DashboardBuilder(def.title[ctx.locale])
    .uid(def.uid)
    .description(def.description[ctx.locale])
    .tags([BUNDLE_TAG, "generated"])
    .readonly()
    .timezone("browser")
    .refresh(def.refresh ?? "1m")
    .time({ from: "now-6h", to: "now" })
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .variables(variables(ctx, definitionExprs(def), def.singleInstance))
    .annotation(alertAnnotation(ctx))
    .annotation(restartAnnotation(ctx))
    .links([headerLink(ctx)]);
  const panelIds: Record<string, number> = {};
  const owner = new Map<number, string>();
  let rowId = 1;
  for (const row of def.rows) {
    builder.withRow(new dashboard.RowBuilder(row.title[ctx.locale]).id(rowId++));
    for (const { key, panel } of row.panels) {
      if (Object.hasOwn(panelIds, key)) {
        throw new Error(`dashboard ${def.uid}: panel key "${key}" is used twice`);
      }
      const id = panelId(key);
      if (owner.has(id)) throw new Error(`dashboard ${def.uid}: panel keys "${owner.get(id)}" and "${key}" hash to the same id ${id}: rename one`);
      owner.set(id, key);
      panelIds[key] = id;
      const exprs = (panel.build().targets ?? []).map((t) => String((t as { expr?: unknown }).expr ?? ""));
      const runbooks = links?.panelLinks({ uid: def.uid, key, exprs }) ?? [];
      if (runbooks.length > 0) panel.links(runbooks.map(runbookLink));
      builder.withPanel(panel.id(id));
    }
  }
  const json = builder.build();
  dropPlacement(json);
  instantSingleValues(json);
  for (const panel of json.panels ?? []) addNoTraffic(panel as never, ctx);
  return { uid: def.uid, json, panelIds };
}
