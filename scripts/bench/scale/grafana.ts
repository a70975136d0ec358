// Every query of every panel, as Grafana sends it to Prometheus: the dashboard's default time range
// (or the panel's relative time), `maxDataPoints` from the panel's pixel width in a 1920 px wide
// browser, the interval from Grafana's own `rangeUtil.calculateInterval` (@grafana/data), the step
// and `$__rate_interval` as the Prometheus datasource computes them, and the template variables at
// their defaults ("All" → the variable's allValue, else the first value Prometheus returns).
import { createRequire } from "node:module";
import { durationSeconds } from "./rules.ts";

const require = createRequire(import.meta.url);

export interface PanelQuery { refId: string; expr: string; instant: boolean; start: number; end: number; step: number }
export interface PanelPlan { uid: string; panelId: number; title: string; width: number; range: string; interval: string; queries: PanelQuery[] }

interface PanelJson { id?: number; title?: string; type?: string; gridPos?: { w: number }; interval?: string; maxDataPoints?: number; timeFrom?: string; targets?: { refId?: string; expr?: string; instant?: boolean; range?: boolean; interval?: string; hide?: boolean }[]; panels?: PanelJson[] }
interface VariableJson { name: string; type: string; includeAll?: boolean; allValue?: string; current?: { value?: string | string[] }; query?: string | { query?: string }; definition?: string }
export interface DashboardJson { uid: string; time?: { from: string; to: string }; panels?: PanelJson[]; templating?: { list?: VariableJson[] } }

const BROWSER_WIDTH = 1920;
/** Grafana's grid: 24 columns, 8 px between them, the page padded 16 px on each side, 8 px inside the panel. */
export function panelPixelWidth(w: number): number {
  const col = (BROWSER_WIDTH - 2 * 16 - 23 * 8) / 24;
  return Math.floor(w * col + (w - 1) * 8 - 2 * 8);
}

type RangeUtil = { calculateInterval: (range: unknown, resolution: number, lowLimit?: string) => { interval: string; intervalMs: number } };
type DateTime = (ms: number) => unknown;
let grafana: { rangeUtil: RangeUtil; dateTime: DateTime } | undefined;
function grafanaData() {
  // The ESM build of @grafana/data does not load under Node; its CommonJS build does.
  grafana ??= require("@grafana/data") as { rangeUtil: RangeUtil; dateTime: DateTime };
  return grafana;
}

/** `now-6h` → seconds back from now. */
function relative(from: string): number {
  const m = /^now-(.+)$/.exec(from);
  if (!m) throw new Error(`time range "${from}" is not relative to now`);
  return durationSeconds(m[1]!);
}

export type Resolve = (variable: VariableJson) => Promise<string>;

/** Replaces `$var`, `${var}` and `[[var]]` with their values; the interval macros are handled apart. */
function substitute(expr: string, values: Map<string, string>): string {
  return expr.replace(/\$\{(\w+)(?::\w+)?\}|\$(\w+)|\[\[(\w+)\]\]/g, (m, a, b, c) => {
    const name = (a ?? b ?? c) as string;
    return values.has(name) ? values.get(name)! : m;
  });
}

export async function planDashboard(d: DashboardJson, now: number, scrapeInterval: string, resolve: Resolve): Promise<PanelPlan[]> {
  const { rangeUtil, dateTime } = grafanaData();
  const values = new Map<string, string>();
  for (const v of d.templating?.list ?? []) {
    if (v.type === "datasource") continue;
    const current = v.current?.value;
    const all = Array.isArray(current) ? current.includes("$__all") : current === "$__all";
    if (all && v.includeAll && v.allValue) values.set(v.name, v.allValue);
    else if (!all && current && !(Array.isArray(current) && current.length === 0) && !String(current).includes("$")) values.set(v.name, Array.isArray(current) ? current.join("|") : String(current));
    else values.set(v.name, await resolve(v));
  }
  const scrape = durationSeconds(scrapeInterval);
  const walk = (ps: PanelJson[] = []): PanelJson[] => ps.flatMap((p) => [p, ...walk(p.panels)]);
  const out: PanelPlan[] = [];
  for (const p of walk(d.panels)) {
    if (p.type === "row" || !p.targets?.some((t) => t.expr)) continue;
    const range = p.timeFrom ? `now-${p.timeFrom.replace(/^now-/, "")}` : (d.time?.from ?? "now-6h");
    const span = relative(range);
    const width = panelPixelWidth(p.gridPos?.w ?? 12);
    const maxDataPoints = p.maxDataPoints ?? width;
    const lowLimit = p.interval ?? scrapeInterval;
    const tr = { from: dateTime((now - span) * 1000), to: dateTime(now * 1000), raw: { from: range, to: "now" } };
    const norm = rangeUtil.calculateInterval(tr, maxDataPoints, lowLimit);
    const queries: PanelQuery[] = [];
    for (const t of p.targets ?? []) {
      if (!t.expr || t.hide) continue;
      // The Prometheus datasource: step = max(interval, the target's min step), at most 11 000 points.
      const minStep = t.interval ? durationSeconds(substitute(t.interval, values)) : 0;
      const step = Math.max(norm.intervalMs / 1000, minStep, 1, Math.ceil(span / 11_000));
      const rateInterval = Math.max(step + scrape, 4 * scrape);
      const expr = substitute(t.expr, values)
        .replace(/\$__rate_interval|\$\{__rate_interval\}/g, `${rateInterval}s`)
        .replace(/\$__interval_ms|\$\{__interval_ms\}/g, String(step * 1000))
        .replace(/\$__interval|\$\{__interval\}/g, `${step}s`)
        .replace(/\$__range_s|\$\{__range_s\}/g, String(span))
        .replace(/\$__range|\$\{__range\}/g, `${span}s`);
      const instant = t.instant === true && t.range !== true;
      // Grafana aligns both ends of a range query down to a multiple of the step.
      const end = Math.floor(now / step) * step;
      queries.push({ refId: t.refId ?? "?", expr, instant, start: Math.floor((now - span) / step) * step, end: instant ? now : end, step });
    }
    out.push({ uid: d.uid, panelId: p.id ?? 0, title: p.title ?? "", width, range, interval: norm.interval, queries });
  }
  return out;
}
