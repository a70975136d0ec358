// A compact timeseries factory for the data dashboard (issue 13): house style from common.ts,
// several targets per panel, text in both locales.
import { query, timeseriesPanel, zh } from "../common.ts";
import type { DashboardContext, PanelDef } from "../types.ts";
import type { GrafanaUnit } from "../units.ts";

export interface DataPanel {
  key: string;
  title: [zh: string, en: string];
  description: [zh: string, en: string];
  unit: GrafanaUnit;
  targets: [expr: string, legend: string][];
  threshold?: number | readonly number[];
  redBelow?: boolean;
  min?: number;
  max?: number;
  span?: number;
}

export function dataTimeseries(ctx: DashboardContext, p: DataPanel): PanelDef {
  const z = zh(ctx);
  const panel = timeseriesPanel({
    title: z ? p.title[0] : p.title[1], description: z ? p.description[0] : p.description[1], unit: p.unit,
    threshold: p.threshold, redBelow: p.redBelow, min: p.min, max: p.max,
  }).span(p.span ?? 12);
  p.targets.forEach(([expr, legend], i) => panel.withTarget(query(expr, legend, String.fromCharCode(65 + i))));
  return { key: p.key, panel };
}
