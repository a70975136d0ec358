// Prometheus HTTP API results → data frames, as Grafana's Prometheus datasource makes them.
// Two steps, each reproduced here because neither runs in Node as published:
// 1. Grafana's backend (Go, pkg/promlib/converter and querydata): one frame per series, a `Time`
//    field and a `Value` field that carries the series' labels (`__name__` included) and, from the
//    target's legend format, `config.displayNameFromDS`.
// 2. @grafana/prometheus `transformV2` (result_transformer.ts, run in the browser): `table` targets
//    become one frame per refId, `Time`, one field per label (sorted), and `Value`, or `Value #<refId>`
//    when the response holds more than one refId; `heatmap` targets become bucket counts per `le`.
//    Its module needs @grafana/runtime (a browser runtime) at import time and declares @grafana/data
//    13.1.7 as a peer, which conflicts with ours; test/grafana/prom-frames.test.ts compares this
//    reproduction with the output of the library's own code, recorded in test/grafana/fixtures/.
import type { DataFrame, Field } from "@grafana/data";
import { grafanaData } from "./grafana-data.ts";

export type Sample = [number, string];

export interface PromSeries {
  metric: Record<string, string>;
  value?: Sample;
  values?: Sample[];
}

/** The `data` member of a Prometheus /api/v1/query or /api/v1/query_range answer. */
export interface PromData {
  resultType: "matrix" | "vector" | "scalar" | "string";
  result: PromSeries[] | Sample;
}

export interface PromTarget {
  refId: string;
  expr: string;
  legendFormat?: string;
  format?: "time_series" | "table" | "heatmap";
}

/** Prometheus writes samples as strings: "NaN", "+Inf", "-Inf" included. */
export function sampleValue(s: string): number {
  if (/^\+?inf(inity)?$/i.test(s)) return Infinity;
  if (/^-inf(inity)?$/i.test(s)) return -Infinity;
  return Number.parseFloat(s);
}

/** The legend format with `{{label}}` replaced, as the backend does; "" when none applies. */
export function legendName(target: PromTarget, labels: Record<string, string>): string {
  const format = target.legendFormat ?? "";
  if (format === "__auto") return "";
  if (format === "") {
    const { __name__: name = "", ...rest } = labels;
    const inner = Object.entries(rest).map(([k, v]) => `${k}="${v}"`).join(", ");
    return inner === "" ? (name || target.expr) : `${name}{${inner}}`;
  }
  return format.replace(/\{\{\s*(.+?)\s*\}\}/g, (_, label: string) => labels[label] ?? "");
}

/** Step 1: the backend's frames, one per series. */
export function backendFrames(target: PromTarget, data: PromData): DataFrame[] {
  const { FieldType } = grafanaData();
  const series: PromSeries[] = data.resultType === "scalar"
    ? [{ metric: {}, value: data.result as Sample }]
    : (data.result as PromSeries[]);
  return series.map((s) => {
    const samples = s.values ?? (s.value ? [s.value] : []);
    const name = legendName(target, s.metric);
    const time: Field = { name: "Time", type: FieldType.time, config: {}, values: samples.map(([t]) => Math.round(t * 1000)) };
    const value: Field = {
      name: "Value", type: FieldType.number, labels: { ...s.metric },
      config: name ? { displayNameFromDS: name } : {}, values: samples.map(([, v]) => sampleValue(v)),
    };
    return {
      refId: target.refId, fields: [time, value], length: samples.length,
      meta: { type: "timeseries-multi" as never, custom: { resultType: data.resultType } },
    };
  });
}

/** Step 2 for `table` targets: one frame per refId, label columns, `Value` or `Value #<refId>`. */
export function tableFrames(frames: DataFrame[]): DataFrame[] {
  const { FieldType } = grafanaData();
  if (frames.length === 0 || (frames.length === 1 && frames[0]!.length === 0)) return frames;
  const refIds = [...new Set(frames.map((f) => f.refId ?? ""))];
  return refIds.map((refId) => {
    const mine = frames.filter((f) => (f.refId ?? "") === refId);
    const labels: string[] = [];
    for (const f of mine) {
      for (const l of Object.keys(f.fields[1]?.labels ?? {}).sort()) if (!labels.includes(l)) labels.push(l);
    }
    const rows = mine.flatMap((f) => (f.fields[0]?.values ?? []).map((t: number, i: number) => ({
      t, v: f.fields[1]?.values[i] as number, labels: f.fields[1]?.labels ?? {},
    })));
    const sorted = rows.some((r, i) => i > 0 && r.t < rows[i - 1]!.t) ? [...rows].sort((a, b) => a.t - b.t) : rows;
    const fields: Field[] = [
      { name: "Time", type: FieldType.time, config: {}, values: sorted.map((r) => r.t) },
      ...labels.map((l): Field => ({ name: l, type: FieldType.string, config: { filterable: true }, values: sorted.map((r) => r.labels[l] ?? "") })),
      { name: refIds.length > 1 ? `Value #${refId}` : "Value", type: FieldType.number, config: {}, values: sorted.map((r) => r.v) },
    ];
    return { refId, fields, length: sorted.length, meta: { ...mine[0]!.meta, preferredVisualisationType: "rawPrometheus" as const } };
  });
}

/** Step 2 for `heatmap` targets: cumulative `le` buckets → counts per bucket, one field per `le`. */
export function heatmapFrames(frames: DataFrame[]): DataFrame[] {
  const { FieldType } = grafanaData();
  const byRef = new Map<string, DataFrame[]>();
  for (const f of frames) byRef.set(f.refId ?? "", [...(byRef.get(f.refId ?? "") ?? []), f]);
  return [...byRef.entries()].flatMap(([refId, group]) => {
    const le = (f: DataFrame) => sampleValue(f.fields[1]?.labels?.le ?? "+Inf");
    const sorted = [...group].sort((a, b) => le(a) - le(b));
    if (sorted.length === 0) return [];
    const counts = sorted.map((f, i) => (f.fields[1]!.values as number[]).map((v, j) =>
      i === 0 ? v : v - ((sorted[i - 1]!.fields[1]!.values as number[])[j] ?? 0)));
    const fields: Field[] = [
      { ...sorted[0]!.fields[0]! },
      ...sorted.map((f, i): Field => ({
        name: f.fields[1]?.labels?.le ?? "+Inf", type: FieldType.number, labels: { ...f.fields[1]?.labels },
        config: { displayNameFromDS: f.fields[1]?.labels?.le }, values: counts[i]!,
      })),
    ];
    return [{ refId, fields, length: sorted[0]!.length, meta: { type: "heatmap-rows" as never } }];
  });
}

/** Both steps for one panel: every target's answer, by refId, as Grafana hands it to the panel. */
export function panelFrames(targets: PromTarget[], answers: Map<string, PromData>): DataFrame[] {
  const all = targets.flatMap((t) => (answers.has(t.refId) ? backendFrames(t, answers.get(t.refId)!) : []));
  const formatOf = (f: DataFrame) => targets.find((t) => t.refId === f.refId)?.format ?? "time_series";
  const graph = all.filter((f) => formatOf(f) === "time_series").map((f) => ({ ...f, meta: { ...f.meta, preferredVisualisationType: "graph" as const } }));
  return [...graph, ...tableFrames(all.filter((f) => formatOf(f) === "table")), ...heatmapFrames(all.filter((f) => formatOf(f) === "heatmap"))];
}
