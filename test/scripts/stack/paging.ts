// Who is paged, and how often, read from a live stack's webhook sink; what should have been, read
// from the catalog's routing (the same tree the stack's Alertmanager runs). For paging.e2e.test.ts.
import { routingParts } from "../../../alerts/routing.ts";
import { resolveRoutes } from "../../../alerts/routing/tree.ts";
import { seconds } from "../../../catalog/duration.ts";
import { notificationPolicy } from "../../../catalog/notifications.ts";
import type { PriorityName } from "../../../catalog/types.ts";
import { scaleDuration } from "../../../scripts/render/timescale.ts";
import type { Stack } from "../../../scripts/stack/stack.ts";
import { json } from "./wait.ts";

export interface Page {
  alert: string;
  receiver: string;
  priority?: string;
  labels: Record<string, string>;
  at: number;
}

/** Every firing alert delivered since `since`, one row per alert and receiver (Watchdog left out). */
export function pages(stack: Stack, since: number): Page[] {
  const watchdog = notificationPolicy().watchdog.alertname;
  return stack.sink.received.filter((n) => n.at >= since).flatMap((n) => n.alerts
    .filter((a) => a.status === "firing" && a.labels.alertname !== watchdog)
    .map((a) => ({ alert: a.labels.alertname!, receiver: n.receiver, priority: a.labels.priority, labels: a.labels, at: n.at })));
}

/** The receivers Alertmanager notifies for these labels, by the catalog's routing tree. */
export function receiversFor(stack: Stack, labels: Record<string, string>): string[] {
  const tree = routingParts({ env: stack.env, locale: "zh" }).tree;
  return [...new Set(resolveRoutes(tree, labels).map((r) => r.receiver))].sort();
}

/** The shortest repeat_interval on the routes these labels reach, in ms at the stack's time scale. */
export function repeatMs(stack: Stack, labels: Record<string, string>): number {
  const tree = routingParts({ env: stack.env, locale: "zh" }).tree;
  const each = resolveRoutes(tree, labels).map((r) => [...r.path].reverse().find((n) => n.repeatInterval)!.repeatInterval!);
  return Math.min(...each.map((d) => seconds(scaleDuration(d, stack.env.timeScale ?? 1)) * 1000));
}

/** The receivers that only paging priorities (P0, P1) notify: the on-call engineers. */
export function onCallReceivers(): string[] {
  const p = notificationPolicy().priorities;
  const quiet = new Set((["P2", "P3"] as PriorityName[]).flatMap((n) => p[n].notify));
  return [...new Set((["P0", "P1"] as PriorityName[]).flatMap((n) => p[n].notify))].filter((r) => !quiet.has(r));
}

/**
 * Per receiver, the pages of `alert` within one repeat interval of its first one: one incident is
 * one notification per receiver of its route until the route's repeat_interval says "again".
 */
export function pagesPerReceiver(stack: Stack, since: number, alert: string): Record<string, number> {
  const mine = pages(stack, since).filter((p) => p.alert === alert);
  if (mine.length === 0) return {};
  const window = repeatMs(stack, mine[0]!.labels);
  const out: Record<string, number> = {};
  for (const r of new Set(mine.map((p) => p.receiver))) {
    const first = Math.min(...mine.filter((p) => p.receiver === r).map((p) => p.at));
    out[r] = mine.filter((p) => p.receiver === r && p.at < first + window).length;
  }
  return out;
}

export interface AmAlert {
  labels: Record<string, string>;
  status: { state: string; inhibitedBy: string[]; silencedBy: string[] };
  fingerprint: string;
}

export async function amAlerts(stack: Stack, alertname: string): Promise<AmAlert[]> {
  return json<AmAlert[]>(`${stack.urls.alertmanager}/api/v2/alerts?filter=${encodeURIComponent(`alertname="${alertname}"`)}`);
}

export async function promQuery(stack: Stack, expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const body = await json<{ data: { result: { metric: Record<string, string>; value: [number, string] }[] } }>(
    `${stack.urls.prometheus}/api/v1/query?query=${encodeURIComponent(expr)}`);
  return body.data.result;
}

/** The longest run of consecutive seconds in [start, end] during which `expr` returned a sample. */
export async function longestRunSeconds(stack: Stack, expr: string, start: number, end: number): Promise<number> {
  const q = `query=${encodeURIComponent(expr)}&start=${start / 1000}&end=${end / 1000}&step=1`;
  const body = await json<{ data: { result: { values: [number, string][] }[] } }>(`${stack.urls.prometheus}/api/v1/query_range?${q}`);
  const times = [...new Set(body.data.result.flatMap((r) => r.values.map((v) => Math.round(v[0]))))].sort((a, b) => a - b);
  let best = 0;
  let run = 0;
  for (let i = 0; i < times.length; i++) {
    run = i > 0 && times[i]! - times[i - 1]! === 1 ? run + 1 : 1;
    best = Math.max(best, run);
  }
  return best;
}

/** The time scale's view of a production duration, in ms. */
export function scaledMs(stack: Stack, d: string): number {
  return seconds(scaleDuration(d, stack.env.timeScale ?? 1)) * 1000;
}
