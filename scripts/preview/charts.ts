// One panel of the preview: the frames that Grafana's own data plane made (scripts/grafana/
// panel-view.ts), drawn with ECharts' server-side SVG renderer, or as HTML where Grafana shows
// text (stat values, tables). Units, colours and thresholds come from the field config as Grafana
// applied it (field.display), never from our own formatting.
import * as echarts from "echarts";
import type { DataFrame, Field } from "@grafana/data";
import { grafanaData } from "../grafana/grafana-data.ts";
import type { PanelJson, PanelView } from "../grafana/panel-view.ts";
import { stateTimeline } from "./timeline.ts";

export interface Drawn { html: string; points: number }

const TEXT = "#ccccdc";
const GRID = "rgba(204,204,220,0.12)";

export function esc(s: unknown): string {
  return String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]!));
}

function svg(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  chart.setOption({ animation: false, backgroundColor: "transparent", textStyle: { color: TEXT, fontFamily: "WenQuanYi Micro Hei, sans-serif" }, ...option });
  const out = chart.renderToSVGString();
  chart.dispose();
  return out;
}

function text(field: Field, v: unknown): { text: string; color?: string } {
  const d = field.display!(v);
  return { text: grafanaData().formattedValueToString(d), color: d.color };
}

function numberFields(frames: DataFrame[]): { frame: DataFrame; field: Field; time?: Field }[] {
  return frames.flatMap((frame) => {
    const time = frame.fields.find((f) => f.type === "time");
    return frame.fields.filter((f) => f.type === "number").map((field) => ({ frame, field, time }));
  });
}

function thresholdLines(field: Field | undefined): object[] {
  const style = (field?.config.custom as { thresholdsStyle?: { mode?: string } } | undefined)?.thresholdsStyle?.mode ?? "off";
  if (!field || style === "off") return [];
  const theme = grafanaData().createTheme();
  return (field.config.thresholds?.steps ?? []).filter((s) => Number.isFinite(s.value)).map((s) => ({
    yAxis: s.value, lineStyle: { color: theme.visualization.getColorByName(s.color), type: "dashed" }, label: { show: false }, symbol: "none",
  }));
}

function timeseries(panel: PanelJson, view: PanelView, w: number, h: number): Drawn {
  const gd = grafanaData();
  const series = numberFields(view.frames).filter((s) => s.time);
  const first = series[0]?.field;
  const legend = (panel.options as { legend?: { showLegend?: boolean; placement?: string } } | undefined)?.legend;
  const showLegend = legend?.showLegend !== false && series.length > 0;
  let points = 0;
  const theme = gd.createTheme();
  // The timeseries panel's default colour mode (a plugin default, which applyFieldOverrides does not
  // know without the plugin) is the classic palette, by series index.
  const panelMode = (panel.fieldConfig?.defaults as { color?: { mode?: string } } | undefined)?.color?.mode;
  const colorOf = (field: Field, i: number, last: number | undefined) => {
    const fromField = field.config.color?.mode;
    const mode = fromField === "thresholds" && !panelMode ? "palette-classic" : fromField ?? "palette-classic";
    if (mode === "fixed") return theme.visualization.getColorByName(field.config.color?.fixedColor ?? "text");
    if (mode === "thresholds") return text(field, last ?? 0).color;
    const palette = theme.visualization.palette;
    return theme.visualization.getColorByName(palette[i % palette.length]!);
  };
  const negated = series.some(({ field }) => (field.config.custom as { transform?: string } | undefined)?.transform === "negative-Y");
  const data = series.map(({ frame, field, time }, i) => {
    const values = [...field.values] as number[];
    points += values.filter((v) => Number.isFinite(v)).length;
    const last = values.filter((v) => Number.isFinite(v)).at(-1);
    const negate = (field.config.custom as { transform?: string } | undefined)?.transform === "negative-Y";
    return {
      type: "line", name: gd.getFieldDisplayName(field, frame, view.frames), showSymbol: false, lineStyle: { width: 1 },
      color: colorOf(field, i, last), areaStyle: { opacity: 0.1 },
      data: values.map((v, i) => [time!.values[i], Number.isFinite(v) ? (negate ? -v : v) : null]),
      markLine: series[0]?.field === field ? { silent: true, symbol: ["none", "none"], data: thresholdLines(field) } : undefined,
    };
  });
  const rowsNeeded = Math.ceil(series.length / Math.max(1, Math.floor(w / 180)));
  // A legend too long for the panel scrolls (one line), as Grafana's does, instead of covering the chart.
  const scroll = rowsNeeded > 2;
  const legendRows = showLegend ? (scroll ? 1 : rowsNeeded) : 0;
  const html = svg({
    grid: { left: 64, right: 16, top: 10, bottom: 24 + legendRows * 20 },
    xAxis: { type: "time", axisLabel: { color: TEXT, fontSize: 10 }, splitLine: { show: false } },
    yAxis: {
      type: "value", min: first?.config.min ?? undefined, max: first?.config.max ?? undefined,
      axisLabel: { color: TEXT, fontSize: 10, formatter: (v: number) => (first ? text(first, negated ? Math.abs(v) : v).text : String(v)) },
      splitLine: { lineStyle: { color: GRID } },
    },
    legend: { show: showLegend, bottom: 0, type: scroll ? "scroll" : "plain", pageTextStyle: { color: TEXT }, textStyle: { color: TEXT, fontSize: 10 }, itemHeight: 6 },
    series: data,
  }, w, h);
  return { html, points };
}

function heatmap(view: PanelView, w: number, h: number): Drawn {
  const fields = numberFields(view.frames);
  const time = fields[0]?.time;
  const cells: [number, number, number][] = [];
  fields.forEach(({ field }, y) => (field.values as number[]).forEach((v, x) => { if (Number.isFinite(v)) cells.push([x, y, v]); }));
  const max = Math.max(1e-9, ...cells.map((c) => c[2]));
  const html = svg({
    grid: { left: 56, right: 16, top: 10, bottom: 24 },
    xAxis: { type: "category", data: (time?.values ?? []).map((t: number) => new Date(t).toISOString().slice(11, 16)), axisLabel: { color: TEXT, fontSize: 10 } },
    yAxis: { type: "category", data: fields.map((f) => f.field.name), axisLabel: { color: TEXT, fontSize: 10 } },
    visualMap: { show: false, min: 0, max, inRange: { color: ["#1f1d1a", "#fade2a", "#f2495c"] } },
    series: [{ type: "heatmap", data: cells }],
  }, w, h);
  return { html, points: cells.length };
}

function stat(view: PanelView): Drawn {
  const cells = view.cells;
  const html = `<div class="stats">${cells.map((c) =>
    `<div class="stat" style="background:${esc(c.color ?? "transparent")}"><div class="name">${esc(c.field)}</div><div class="value">${esc(c.text || "—")}</div></div>`).join("")}</div>`;
  return { html, points: cells.length };
}

function gauge(view: PanelView, w: number, h: number): Drawn {
  const n = Math.max(1, view.cells.length);
  const fields = numberFields(view.frames);
  const field = fields[0]?.field;
  const min = field?.config.min ?? 0;
  const max = field?.config.max ?? 1;
  const theme = grafanaData().createTheme();
  const steps = (field?.config.thresholds?.steps ?? []).map((s) => ({ v: Number.isFinite(s.value) ? s.value : min, c: theme.visualization.getColorByName(s.color) }));
  const stops = steps.map((s, i) => [Math.min(1, Math.max(0, ((steps[i + 1]?.v ?? max) - min) / (max - min || 1))), s.c]);
  const html = svg({
    series: view.cells.map((c, i) => ({
      type: "gauge", min, max, center: [`${((i + 0.5) / n) * 100}%`, "60%"], radius: `${Math.min(80, 160 / n)}%`,
      axisLine: { lineStyle: { width: 10, color: stops.length ? stops : [[1, "#5794F2"]] } },
      splitLine: { show: false }, axisTick: { show: false }, axisLabel: { show: false }, pointer: { width: 4 },
      detail: { formatter: () => c.text, color: c.color ?? TEXT, fontSize: 16, offsetCenter: [0, "40%"] },
      title: { color: TEXT, fontSize: 11, offsetCenter: [0, "75%"] },
      data: [{ value: Number.isFinite(c.raw as number) ? c.raw : min, name: c.field }],
    })),
  }, w, h);
  return { html, points: view.cells.length };
}

function bargauge(view: PanelView, w: number, h: number): Drawn {
  const cells = view.cells;
  const html = svg({
    grid: { left: Math.min(200, w / 3), right: 80, top: 8, bottom: 8 },
    xAxis: { type: "value", show: false },
    yAxis: { type: "category", data: cells.map((c) => c.field), inverse: true, axisLabel: { color: TEXT, fontSize: 11 } },
    series: [{
      type: "bar", barMaxWidth: 18, showBackground: true, backgroundStyle: { color: GRID },
      label: { show: true, position: "right", color: TEXT, formatter: (p: { dataIndex: number }) => cells[p.dataIndex]!.text },
      data: cells.map((c) => ({ value: Number.isFinite(c.raw as number) ? c.raw : 0, itemStyle: { color: c.color ?? "#5794F2" } })),
    }],
  }, w, h);
  return { html, points: cells.length };
}

function tableHtml(view: PanelView): Drawn {
  let points = 0;
  const html = view.frames.map((frame, fi) => {
    const fields = frame.fields.filter((f) => !(f.config.custom as { hidden?: boolean } | undefined)?.hidden);
    const head = view.columns[fi]!.filter((_, i) => frame.fields[i] && fields.includes(frame.fields[i]!));
    const rows = Array.from({ length: frame.length }, (_, r) => `<tr>${fields.map((f) => {
      const shown = f.display ? text(f, f.values[r]) : { text: String(f.values[r] ?? "") };
      const coloured = (f.config.custom as { cellOptions?: { type?: string } } | undefined)?.cellOptions?.type === "color-background";
      return `<td${coloured && shown.color ? ` style="background:${esc(shown.color)}"` : ""}>${esc(shown.text)}</td>`;
    }).join("")}</tr>`);
    points += frame.length;
    return `<table><thead><tr>${head.map((c) => `<th>${esc(c)}</th>`).join("")}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
  }).join("");
  return { html, points };
}

/** The panel's body: a chart, stat values or a table, and how many data points it drew. */
export function drawPanel(panel: PanelJson, view: PanelView | undefined, w: number, h: number): Drawn {
  if (panel.type === "text") return { html: `<pre class="text">${esc((panel.options as { content?: string } | undefined)?.content)}</pre>`, points: 0 };
  if (!view || view.frames.every((f) => f.length === 0)) return { html: `<div class="nodata">无数据 No data</div>`, points: 0 };
  switch (panel.type) {
    case "timeseries": return timeseries(panel, view, w, h);
    case "heatmap": return heatmap(view, w, h);
    case "stat": return stat(view);
    case "gauge": return gauge(view, w, h);
    case "bargauge": return bargauge(view, w, h);
    case "table": return tableHtml(view);
    case "state-timeline": return stateTimeline(view, w, h, svg as never, TEXT);
    default: return { html: `<div class="nodata">${esc(panel.type)}: not previewed</div>`, points: 0 };
  }
}
