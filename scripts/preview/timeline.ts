// A state timeline (0/1 states: up, a backup run, a probe) in the preview: one band per series,
// each stretch coloured and named as Grafana's value mappings say (field.display), drawn with an
// ECharts custom series of rectangles.
import type { DataFrame, Field } from "@grafana/data";
import { grafanaData } from "../grafana/grafana-data.ts";
import type { PanelView } from "../grafana/panel-view.ts";
import type { Drawn } from "./charts.ts";

interface Stretch { row: number; from: number; to: number; color: string; text: string }

function stretches(frames: DataFrame[]): { names: string[]; bands: Stretch[] } {
  const gd = grafanaData();
  const names: string[] = [];
  const bands: Stretch[] = [];
  for (const frame of frames) {
    const time = frame.fields.find((f) => f.type === "time");
    for (const field of frame.fields.filter((f: Field) => f.type === "number")) {
      if (!time) continue;
      const row = names.push(gd.getFieldDisplayName(field, frame, frames)) - 1;
      const t = [...time.values] as number[];
      (field.values as number[]).forEach((v, i) => {
        if (!Number.isFinite(v)) return;
        const d = field.display!(v);
        const last = bands.at(-1);
        const to = t[i + 1] ?? t[i]! + (t[i]! - (t[i - 1] ?? t[i]! - 1000));
        if (last && last.row === row && last.text === gd.formattedValueToString(d) && last.to === t[i]) last.to = to;
        else bands.push({ row, from: t[i]!, to, color: d.color ?? "#5794F2", text: gd.formattedValueToString(d) });
      });
    }
  }
  return { names, bands };
}

export function stateTimeline(view: PanelView, w: number, h: number, svg: (o: object, w: number, h: number) => string, textColor: string): Drawn {
  const { names, bands } = stretches(view.frames);
  const html = svg({
    grid: { left: Math.min(220, w / 3), right: 16, top: 8, bottom: 24 },
    xAxis: { type: "time", min: Math.min(...bands.map((b) => b.from)), max: Math.max(...bands.map((b) => b.to)), axisLabel: { color: textColor, fontSize: 10 } },
    yAxis: { type: "category", data: names, inverse: true, axisLabel: { color: textColor, fontSize: 10 } },
    series: [{
      type: "custom",
      renderItem: (_: unknown, api: { value: (i: number) => number; coord: (p: number[]) => number[]; size: (p: number[]) => number[]; style: () => object }) => {
        const [x0, y] = api.coord([api.value(0), api.value(2)]);
        const [x1] = api.coord([api.value(1), api.value(2)]);
        const height = api.size([0, 1])[1]! * 0.8;
        return { type: "rect", shape: { x: x0, y: y! - height / 2, width: Math.max(1, x1! - x0!), height }, style: api.style() };
      },
      encode: { x: [0, 1], y: 2 },
      data: bands.map((b) => ({ value: [b.from, b.to, b.row], itemStyle: { color: b.color } })),
    }],
  }, w, h);
  return { html, points: bands.length };
}
