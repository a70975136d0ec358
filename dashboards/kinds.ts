// The panel kinds besides the timeseries of common.ts, in the same house style: the templated
// datasource, a title, a description and a unit on every panel, and thresholds that are either the
// catalog's numbers or one neutral colour. A stat, gauge or table without thresholds would get
// Grafana's default "red from 80", a number nobody chose.
import * as bargauge from "@grafana/grafana-foundation-sdk/bargauge";
import * as common from "@grafana/grafana-foundation-sdk/common";
import * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import * as gauge from "@grafana/grafana-foundation-sdk/gauge";
import * as heatmap from "@grafana/grafana-foundation-sdk/heatmap";
import * as prometheus from "@grafana/grafana-foundation-sdk/prometheus";
import * as stat from "@grafana/grafana-foundation-sdk/stat";
import * as statetimeline from "@grafana/grafana-foundation-sdk/statetimeline";
import * as text from "@grafana/grafana-foundation-sdk/text";
import { datasourceRef, thresholdAt } from "./common.ts";
import type { GrafanaUnit } from "./units.ts";

export interface PanelText {
  title: string;
  description: string;
  unit: GrafanaUnit;
}

export interface Judged extends PanelText {
  /** Catalog value(s) where the colour changes (see thresholdAt); none: one neutral colour. */
  threshold?: number | readonly number[];
  redBelow?: boolean;
  /** Explicit colour bands, when one threshold is not enough (see bands). */
  bands?: dashboard.ThresholdsConfigBuilder;
  min?: number;
  max?: number;
  decimals?: number;
}

export interface Band {
  /** Where the band starts; `null` is minus infinity (the base band). */
  from: number | null;
  color: string;
}

/** Colour bands in absolute mode; the numbers must come from the catalog. */
export function bands(steps: readonly Band[]): dashboard.ThresholdsConfigBuilder {
  return new dashboard.ThresholdsConfigBuilder()
    .mode(dashboard.ThresholdsMode.Absolute)
    .steps(steps.map((s) => ({ value: s.from as number, color: s.color })));
}

/** One colour: the value is information, not a verdict. */
export function neutral(): dashboard.ThresholdsConfigBuilder {
  return bands([{ from: null, color: "blue" }]);
}

export function thresholdsOf(o: Judged): dashboard.ThresholdsConfigBuilder {
  if (o.bands) return o.bands;
  return o.threshold === undefined ? neutral() : thresholdAt(o.threshold, o.redBelow);
}

/** The setters every SDK panel builder has. */
interface Styled<T> {
  title(v: string): T;
  description(v: string): T;
  datasource(v: common.DataSourceRef): T;
  unit(v: string): T;
  thresholds(v: dashboard.ThresholdsConfigBuilder): T;
  min(v: number): T;
  max(v: number): T;
  decimals(v: number): T;
  height(v: number): T;
  span(v: number): T;
}

export function styled<T extends Styled<T>>(b: T, o: Judged, span: number, height: number): T {
  b.title(o.title).description(o.description).datasource(datasourceRef()).unit(o.unit)
    .thresholds(thresholdsOf(o)).span(span).height(height);
  if (o.min !== undefined) b.min(o.min);
  if (o.max !== undefined) b.max(o.max);
  if (o.decimals !== undefined) b.decimals(o.decimals);
  return b;
}

function reduce(calc: "lastNotNull" | "mean"): common.ReduceDataOptionsBuilder {
  return new common.ReduceDataOptionsBuilder().calcs([calc]).values(false);
}

/** A big number with its recent trend, coloured by the catalog threshold. */
export function statPanel(o: Judged, span = 4, height = 5): stat.PanelBuilder {
  return styled(new stat.PanelBuilder(), o, span, height)
    .reduceOptions(reduce("lastNotNull"))
    .graphMode(common.BigValueGraphMode.Area)
    .colorMode(o.threshold === undefined && !o.bands ? common.BigValueColorMode.Value : common.BigValueColorMode.Background)
    .textMode(common.BigValueTextMode.ValueAndName)
    .justifyMode(common.BigValueJustifyMode.Auto)
    .orientation(common.VizOrientation.Auto);
}

export function gaugePanel(o: Judged, span = 4, height = 5): gauge.PanelBuilder {
  return styled(new gauge.PanelBuilder(), o, span, height)
    .reduceOptions(reduce("lastNotNull"))
    .showThresholdMarkers(true)
    .showThresholdLabels(false)
    .orientation(common.VizOrientation.Auto);
}

/** Horizontal bars, one per series: the latest value, or the mean over the time range. */
export function barGaugePanel(o: Judged, calc: "lastNotNull" | "mean", span = 12, height = 8): bargauge.PanelBuilder {
  return styled(new bargauge.PanelBuilder(), o, span, height)
    .reduceOptions(reduce(calc))
    .orientation(common.VizOrientation.Horizontal)
    .displayMode(common.BarGaugeDisplayMode.Gradient)
    .valueMode(common.BarGaugeValueMode.Color)
    .showUnfilled(true);
}

/** A heatmap of a Prometheus histogram's buckets (query format `heatmap`, one row per `le`). */
export function heatmapPanel(o: PanelText & { cellUnit: GrafanaUnit }, span = 12, height = 8): heatmap.PanelBuilder {
  return styled(new heatmap.PanelBuilder(), o, span, height)
    .calculate(false)
    .yAxis(new heatmap.YAxisConfigBuilder().unit(o.unit))
    .cellValues(new heatmap.CellValuesBuilder().unit(o.cellUnit))
    .color(new heatmap.HeatmapColorOptionsBuilder()
      .mode(heatmap.HeatmapColorMode.Scheme).scheme("Oranges").scale(heatmap.HeatmapColorScale.Exponential).exponent(0.5).steps(64))
    .showValue(common.VisibilityMode.Never)
    .showLegend();
}

/** Markdown that queries nothing; it still names the datasource and a unit, like every panel. */
export function textPanel(o: { title: string; description: string; content: string }, span = 24, height = 6): text.PanelBuilder {
  return styled(new text.PanelBuilder(), { ...o, unit: "none" }, span, height)
    .mode(text.TextMode.Markdown)
    .content(o.content);
}

/** The latest value of each series as a table row, for the table panels (tables.ts). */
export function tableQuery(expr: string, refId: string): prometheus.DataqueryBuilder {
  return new prometheus.DataqueryBuilder()
    .datasource(datasourceRef())
    .expr(expr)
    .legendFormat("__auto")
    .refId(refId)
    .format(prometheus.PromQueryFormat.Table)
    .instant();
}

/** A histogram's buckets over time, one row per `le`, for a heatmap. */
export function heatmapQuery(expr: string, refId = "A"): prometheus.DataqueryBuilder {
  return new prometheus.DataqueryBuilder()
    .datasource(datasourceRef())
    .expr(expr)
    .legendFormat("{{le}}")
    .refId(refId)
    .format(prometheus.PromQueryFormat.Heatmap)
    .range();
}

/** The two states of a 0/1 series (up, a probe, a backup run), each with its text and colour. */
export interface States {
  ok: string;
  bad: string;
}

/**
 * A 0/1 state over time, one band per series (state timeline): red where it was 0, green where it
 * was 1, with the states' names; a line between 0 and 1 is hard to read with many series. The
 * colours are the mappings'; the thresholds stay one neutral colour (no number is judged).
 */
export function stateTimelinePanel(o: { title: string; description: string; states: States }, span = 12, height = 8): statetimeline.PanelBuilder {
  const mapping: dashboard.ValueMapping = {
    type: dashboard.MappingType.ValueToText,
    options: { 0: { text: o.states.bad, color: "red", index: 0 }, 1: { text: o.states.ok, color: "green", index: 1 } },
  };
  return styled(new statetimeline.PanelBuilder(), { ...o, unit: "none" }, span, height)
    .mappings([mapping])
    .colorScheme(new dashboard.FieldColorBuilder().mode(dashboard.FieldColorModeId.Thresholds))
    .showValue(common.VisibilityMode.Never)
    .mergeValues(true)
    .rowHeight(0.9)
    .fillOpacity(80)
    .lineWidth(0)
    .alignValue(common.TimelineValueAlignment.Left)
    .tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Single).sort(common.SortOrder.None))
    .legend(new common.VizLegendOptionsBuilder().displayMode(common.LegendDisplayMode.List).placement(common.LegendPlacement.Bottom).showLegend(true));
}

/** An error budget left: red once spent (below 0), orange below the catalog's warning share, green above. */
export function budgetBands(warning: number): dashboard.ThresholdsConfigBuilder {
  return bands([{ from: null, color: "red" }, { from: 0, color: "orange" }, { from: warning, color: "green" }]);
}
