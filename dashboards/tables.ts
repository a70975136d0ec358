// Table panels: one instant query per column, merged on their labels into one row per series
// (per instance, per filesystem, per backup ...). Each value column has its name, its unit and,
// when the catalog gives one, its threshold, which colours the cell.
import * as common from "@grafana/grafana-foundation-sdk/common";
import * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import * as table from "@grafana/grafana-foundation-sdk/table";
import { type Judged, styled, tableQuery, thresholdsOf } from "./kinds.ts";

export interface Column extends Omit<Judged, "description" | "title"> {
  name: string;
  expr: string;
  /** Value → text (and colour), e.g. 1 → "成功", 0 → "失败". */
  mappings?: Record<string, { text: string; color: string }>;
}

export interface TableOptions {
  title: string;
  description: string;
  /** Label columns, in order: label name → column title. */
  labels: Record<string, string>;
  columns: Column[];
  /** The column to sort by, and whether descending. */
  sortBy?: { column: string; desc: boolean };
  /** Drill-down: the cells of these label columns link to the detail view of their row (see drillDown). */
  links?: { labels: string[]; title: string; url: string };
}

/**
 * A data link to a dashboard filtered on the row's labels, keeping the datasource and the time range
 * (kubernetes-mixin, Pyrra): `/d/<uid>?var-datasource=…&var-job=${__data.fields.job}…&${__url_time_range}`.
 */
export function drillDown(uid: string, vars: Record<string, string>): string {
  const params = Object.entries(vars).map(([v, field]) => `var-${v}=\${__data.fields.${field}}`);
  return `/d/${uid}?${["var-datasource=${datasource}", ...params, "${__url_time_range}"].join("&")}`;
}

const REF_IDS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/**
 * The name Grafana's Prometheus datasource gives a table query's value field: `Value` when the
 * panel has one query, `Value #<refId>` when it has several (@grafana/prometheus transformDFToTable).
 */
export function valueField(refId: string, queries: number): string {
  return queries > 1 ? `Value #${refId}` : "Value";
}

function overrides(c: Column): dashboard.DynamicConfigValue[] {
  const judged = c.threshold !== undefined || c.bands !== undefined || c.mappings !== undefined;
  const props: dashboard.DynamicConfigValue[] = [
    { id: "displayName", value: c.name },
    { id: "unit", value: c.unit },
    { id: "thresholds", value: thresholdsOf({ ...c, title: c.name, description: "" }).build() },
  ];
  if (c.decimals !== undefined) props.push({ id: "decimals", value: c.decimals });
  if (c.mappings) {
    const options = Object.fromEntries(Object.entries(c.mappings).map(([v, m], index) => [v, { ...m, index }]));
    props.push({ id: "mappings", value: [{ type: dashboard.MappingType.ValueToText, options }] });
  }
  if (judged) props.push({ id: "custom.cellOptions", value: { type: common.TableCellDisplayMode.ColorBackground } });
  return props;
}

export function tablePanel(o: TableOptions, span = 24, height = 8): table.PanelBuilder {
  if (o.columns.length > REF_IDS.length) throw new Error(`table "${o.title}" has more than ${REF_IDS.length} columns`);
  const refIds = o.columns.map((_, i) => REF_IDS[i]!);
  const fields = [...Object.keys(o.labels), ...refIds.map((r) => valueField(r, refIds.length))];
  const panel = styled(new table.PanelBuilder(), { title: o.title, description: o.description, unit: "none" }, span, height)
    .cellHeight(common.TableCellHeight.Sm)
    .showHeader(true)
    .transformations([
      { id: "merge", options: {} },
      { id: "filterFieldsByName", options: { include: { names: fields } } },
      { id: "organize", options: { indexByName: Object.fromEntries(fields.map((f, i) => [f, i])) } },
    ]);
  o.columns.forEach((c, i) => {
    panel.withTarget(tableQuery(c.expr, refIds[i]!));
    panel.overrideByName(valueField(refIds[i]!, refIds.length), overrides(c));
  });
  for (const [label, title] of Object.entries(o.labels)) {
    const link = o.links?.labels.includes(label) ? [{ id: "links", value: [{ title: o.links.title, url: o.links.url }] }] : [];
    panel.overrideByName(label, [{ id: "displayName", value: title }, ...link]);
  }
  if (o.sortBy) {
    panel.sortBy([new common.TableSortByFieldStateBuilder().displayName(o.sortBy.column).desc(o.sortBy.desc)]);
  }
  return panel;
}
