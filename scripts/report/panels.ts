// Charts of the report draw the very queries of the dashboard panels they summarise, taken from
// the rendered bundle of the report's environment, and link to that panel.
import { dashboardPanels } from "../lib/expressions.ts";
import { render } from "../render/index.ts";
import { panelId } from "../../dashboards/common.ts";
import type { Chart } from "./model.ts";
import type { ReportContext } from "./model.ts";

interface PanelJson {
  id?: number; title?: string;
  targets?: { expr?: string; legendFormat?: string; refId?: string }[];
  fieldConfig?: { defaults?: { unit?: string; min?: number; max?: number; thresholds?: { steps?: { value: number | null }[] } } };
}

// One rendered bundle per environment and locale (an English report after a Chinese one of the
// same stack must not reuse the Chinese panel titles).
const bundles = new WeakMap<object, Map<string, Map<string, string>>>();

function bundleOf(ctx: ReportContext): Map<string, string> {
  const byLocale = bundles.get(ctx.env) ?? new Map<string, Map<string, string>>();
  bundles.set(ctx.env, byLocale);
  let b = byLocale.get(ctx.locale);
  if (!b) {
    b = render({ env: ctx.env, locale: ctx.locale });
    byLocale.set(ctx.locale, b);
  }
  return b;
}

export function panel(ctx: ReportContext, uid: string, key: string): { json: PanelJson; url: string } {
  const file = bundleOf(ctx).get(`grafana/dashboards/${uid}.json`);
  if (!file) throw new Error(`report: dashboard "${uid}" does not exist`);
  const id = panelId(key);
  const json = dashboardPanels(JSON.parse(file)).find((p) => p.id === id) as PanelJson | undefined;
  if (!json) throw new Error(`report: dashboard "${uid}" has no panel "${key}"`);
  return { json, url: `${ctx.env.grafanaUrl}/d/${uid}?viewPanel=${id}` };
}

/** Grafana's variables as a range query at the report's step sees them: every job and instance. */
export function expandForRange(expr: string, ctx: ReportContext, step: number): string {
  const scrape = Number.parseFloat(ctx.env.scrapeInterval) * (ctx.env.scrapeInterval.endsWith("m") ? 60 : 1);
  const rateWindow = `${Math.max(step, 4 * scrape)}s`;
  return expr.replace(/\$__rate_interval|\$\{__rate_interval\}/g, rateWindow)
    .replace(/\$__interval|\$\{__interval\}/g, `${step}s`)
    .replace(/\$__range|\$\{__range\}/g, ctx.period.range)
    .replace(/\$\{(\w+)(:\w+)?\}|\$(\w+)/g, ".+");
}

function legend(format: string | undefined, metric: Record<string, string>, fallback: string): string {
  if (!format) return Object.values(metric).join(" ") || fallback;
  return format.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, l: string) => metric[l] ?? "");
}

/** A chart of one panel: each of its targets over the period (empty targets become gaps). */
export async function panelChart(ctx: ReportContext, uid: string, key: string): Promise<Chart | undefined> {
  const { json, url } = panel(ctx, uid, key);
  const start = await ctx.dataStart();
  const step = await ctx.stepFor(120);
  const series: Chart["series"] = [];
  for (const t of json.targets ?? []) {
    const expr = expandForRange(String(t.expr ?? ""), ctx, step);
    for (const s of await ctx.range(`${json.title} (${uid} › ${key} › ${t.refId})`, expr, step, start)) {
      series.push({ name: legend(t.legendFormat, s.metric, t.refId ?? ""), points: s.points });
    }
  }
  if (series.length === 0) return undefined;
  const thresholds = (json.fieldConfig?.defaults?.thresholds?.steps ?? []).map((s) => s.value).filter((v): v is number => typeof v === "number");
  const d = json.fieldConfig?.defaults ?? {};
  return { title: String(json.title ?? key), panelUrl: url, unit: d.unit ?? "", series, thresholds, min: d.min, max: d.max };
}
