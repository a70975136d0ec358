// Timing on the running Prometheus: each panel's queries sent together as Grafana sends them,
// each rule's expression through the query API, and the rule groups' own metrics.
import type { PanelPlan } from "./grafana.ts";
import { type Prom, instant, range } from "./prometheus.ts";
import type { RuleDef } from "./rules.ts";

export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

export interface PanelCost { uid: string; panelId: number; title: string; range: string; step: number; queries: number; p50: number; p99: number; series: number; errors: string[] }

async function runPanel(prom: Prom, p: PanelPlan): Promise<{ ms: number; series: number; errors: string[] }> {
  const t = performance.now();
  const errors: string[] = [];
  const results = await Promise.all(p.queries.map((q) =>
    (q.instant ? instant(prom, q.expr, q.end) : range(prom, q.expr, q.start, q.end, q.step)).catch((e: Error) => { errors.push(e.message.slice(0, 300)); return []; })));
  return { ms: performance.now() - t, series: results.reduce((n, r) => n + r.length, 0), errors };
}

/** Every panel `runs` times after one warm-up round, rounds interleaved so that noise spreads evenly. */
export async function measurePanels(prom: Prom, plans: PanelPlan[], runs: number): Promise<PanelCost[]> {
  const times = plans.map(() => [] as number[]);
  const last = plans.map(() => ({ series: 0, errors: [] as string[] }));
  for (let round = 0; round <= runs; round++) {
    for (const [i, p] of plans.entries()) {
      const r = await runPanel(prom, p);
      if (round > 0) times[i]!.push(r.ms);
      last[i] = r;
    }
  }
  return plans.map((p, i) => ({
    uid: p.uid, panelId: p.panelId, title: p.title, range: p.range, step: p.queries[0]?.step ?? 0, queries: p.queries.length,
    p50: quantile(times[i]!, 0.5), p99: quantile(times[i]!, 0.99), series: last[i]!.series, errors: last[i]!.errors,
  }));
}

export interface RuleCost { group: string; name: string; p50: number; series: number; error?: string }

/** Each rule's expression as an instant query at `time`, `runs` times; the median. */
export async function measureRules(prom: Prom, rules: RuleDef[], time: number, runs: number): Promise<RuleCost[]> {
  const out: RuleCost[] = [];
  for (const r of rules) {
    const ms: number[] = [];
    let series = 0;
    let error: string | undefined;
    for (let i = 0; i <= runs; i++) {
      const t = performance.now();
      try { series = (await instant(prom, r.expr, time)).length; } catch (e) { error = (e as Error).message.slice(0, 200); }
      if (i > 0) ms.push(performance.now() - t);
    }
    out.push({ group: r.group, name: r.name, p50: quantile(ms, 0.5), series, error });
  }
  return out;
}

export interface GroupCost {
  group: string; lastMs: number; /** The largest after the first evaluation: the target's figure. */ maxMs: number;
  /** The first evaluation after the start, which reads the blocks cold and competes with the start's own work. */ firstMs: number;
  intervalS: number; pct: number; iterations: number;
}

async function metric(prom: Prom, name: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${prom.url}/metrics`)).text();
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (!line.startsWith(name + "{")) continue;
    const group = /rule_group="[^"]*;([^"]+)"/.exec(line)?.[1];
    if (group) out.set(group, Number(line.slice(line.lastIndexOf(" ") + 1)));
  }
  return out;
}

/**
 * Waits until every group has evaluated `evaluations` times, sampling
 * prometheus_rule_group_last_duration_seconds after each: the first evaluation apart, the
 * largest of the others (the steady state) as the group's figure.
 */
export async function watchGroups(prom: Prom, groups: string[], evaluations: number, timeoutMs: number): Promise<GroupCost[]> {
  const first = new Map<string, number>();
  const max = new Map<string, number>();
  const deadline = Date.now() + timeoutMs;
  let iterations = new Map<string, number>();
  let last = new Map<string, number>();
  for (;;) {
    iterations = await metric(prom, "prometheus_rule_group_iterations_total");
    last = await metric(prom, "prometheus_rule_group_last_duration_seconds");
    for (const [g, v] of last) {
      const n = iterations.get(g) ?? 0;
      if (n === 1) first.set(g, v);
      else if (n > 1) max.set(g, Math.max(max.get(g) ?? 0, v));
    }
    if (groups.every((g) => (iterations.get(g) ?? 0) >= evaluations) || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const interval = await metric(prom, "prometheus_rule_group_interval_seconds");
  return groups.map((g) => {
    const lastMs = (last.get(g) ?? 0) * 1000;
    const maxMs = (max.get(g) ?? first.get(g) ?? 0) * 1000;
    const intervalS = interval.get(g) ?? 30;
    return { group: g, lastMs, maxMs, firstMs: (first.get(g) ?? 0) * 1000, intervalS, pct: (maxMs / 1000 / intervalS) * 100, iterations: iterations.get(g) ?? 0 };
  });
}
