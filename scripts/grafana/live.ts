// A panel's queries against a live Prometheus, as Grafana would send them: variables expanded
// ("All" for every template variable), `$__rate_interval`, `$__interval` and `$__range` from the
// time window, instant targets at its end, range targets over it.
import type { PromData, PromTarget } from "./prom-frames.ts";

export interface TimeWindow {
  /** Seconds since the epoch. */
  start: number;
  end: number;
  /** Range-query step, seconds. */
  step: number;
  /** What `$__rate_interval` becomes (Grafana: max(4 × scrape interval, $__interval + scrape)). */
  rateInterval: string;
}

export interface LiveTarget extends PromTarget {
  instant?: boolean;
  range?: boolean;
}

/** Grafana's built-in and template variables replaced; every template variable is "All" (`.+`). */
export function expandVariables(expr: string, w: TimeWindow): string {
  return expr
    .replace(/\$__rate_interval|\$\{__rate_interval\}/g, w.rateInterval)
    .replace(/\$__interval|\$\{__interval\}/g, `${w.step}s`)
    .replace(/\$__range|\$\{__range\}/g, `${Math.max(1, Math.round(w.end - w.start))}s`)
    .replace(/\$\{(\w+)(:\w+)?\}|\$(\w+)/g, ".+");
}

export async function queryTarget(prometheusUrl: string, target: LiveTarget, w: TimeWindow): Promise<PromData> {
  const query = encodeURIComponent(expandVariables(target.expr, w));
  const instant = target.instant === true || target.format === "table" && target.range !== true;
  const url = instant
    ? `${prometheusUrl}/api/v1/query?query=${query}&time=${w.end}`
    : `${prometheusUrl}/api/v1/query_range?query=${query}&start=${w.start}&end=${w.end}&step=${w.step}`;
  const body = await (await fetch(url)).json() as { status: string; data: PromData; error?: string };
  if (body.status !== "success") throw new Error(`${target.refId} ${target.expr}: ${body.error}`);
  return body.data;
}

/** Every target's answer, by refId. */
export async function panelAnswers(prometheusUrl: string, targets: LiveTarget[], w: TimeWindow): Promise<Map<string, PromData>> {
  const out = new Map<string, PromData>();
  for (const t of targets) out.set(t.refId, await queryTarget(prometheusUrl, t, w));
  return out;
}
