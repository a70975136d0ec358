// The tables of bench:scale and its last line, and the growth table of --growth.
import type { PanelCost, RuleCost } from "./measure.ts";
import type { Result } from "./run.ts";

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const PANEL_P99 = 500;
const DASHBOARD_TOTAL = 3000;
const GROUP_PCT = 5;

export function dashboards(panels: PanelCost[]): { uid: string; p50: number; p99: number; panels: number }[] {
  const by = new Map<string, PanelCost[]>();
  for (const p of panels) by.set(p.uid, [...(by.get(p.uid) ?? []), p]);
  return [...by].map(([uid, ps]) => ({ uid, panels: ps.length, p50: ps.reduce((n, p) => n + p.p50, 0), p99: ps.reduce((n, p) => n + p.p99, 0) }));
}

function panelTable(panels: PanelCost[], lines: string[]): void {
  lines.push("| dashboard | panel | title | range | step | queries | series | p50 ms | p99 ms | |", "| --- | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |");
  for (const p of [...panels].sort((a, b) => a.uid.localeCompare(b.uid) || b.p99 - a.p99)) {
    lines.push(`| ${p.uid} | ${p.panelId} | ${p.title.slice(0, 28)} | ${p.range} | ${p.step}s | ${p.queries} | ${p.series} | ${ms(p.p50)} | ${ms(p.p99)} | ${p.p99 > PANEL_P99 ? "✗ > 500 ms" : ""}${p.errors.length ? ` error: ${p.errors[0]}` : ""} |`);
  }
  lines.push("", "| dashboard | panels | total p50 ms | total p99 ms | |", "| --- | ---: | ---: | ---: | --- |");
  for (const d of dashboards(panels)) lines.push(`| ${d.uid} | ${d.panels} | ${ms(d.p50)} | ${ms(d.p99)} | ${d.p99 > DASHBOARD_TOTAL ? "✗ > 3 s" : ""} |`);
}

function ruleTable(rules: RuleCost[], lines: string[], top = 8): void {
  lines.push("| rule group | rule | series | p50 ms (query API) |", "| --- | --- | ---: | ---: |");
  for (const r of [...rules].sort((a, b) => b.p50 - a.p50).slice(0, top)) lines.push(`| ${r.group} | ${r.name} | ${r.series} | ${ms(r.p50)}${r.error ? ` error: ${r.error}` : ""} |`);
}

export function slowest(r: Result) {
  const panel = [...r.panels].sort((a, b) => b.p99 - a.p99)[0]!;
  const group = [...r.groups].sort((a, b) => b.pct - a.pct)[0]!;
  const rule = [...r.rules].sort((a, b) => b.p50 - a.p50)[0]!;
  return { panel, group, rule };
}

export function lastLine(r: Result): string {
  const { panel, group } = slowest(r);
  return `bench:scale: ${r.series} series, slowest panel p99 ${panel.p99.toFixed(0)} ms (${panel.uid}/${panel.panelId}), slowest rule group ${group.pct.toFixed(2)} % of its interval`;
}

export function report(r: Result): string {
  const o = r.options;
  const lines: string[] = [];
  lines.push(`bench:scale: ${o.instances} backend instances × ${o.routes} routes × ${o.methods} methods × ${o.statuses} status codes, ${o.nodes} nodes × ${o.cpus} CPUs, business allow-lists in full`);
  lines.push(`  history: every series dense (30 s) over the last ${o.dense}; node filesystems, business gauges and every recorded series dense over ${o.days} d and every 5 min back to ${o.tail} d; ratings over 1 d`);
  lines.push(`  ${r.series} series (${r.recordedSeries} recorded), ${r.samples} samples; backfill ${(r.backfillMs / 1000).toFixed(0)} s (promtool ${(r.promtoolMs / 1000).toFixed(0)} s of process time), whole run ${(r.totalMs / 1000).toFixed(0)} s`);
  lines.push(`  estimated from the pilot's rates: backfill ${(r.estimate.backfillMs / 1000).toFixed(0)} s, Prometheus and timing ${(r.estimate.measureMs / 1000).toFixed(0)} s; measured ${(r.backfillMs / 1000).toFixed(0)} s and ${(r.measureMs / 1000).toFixed(0)} s`);
  if (r.missingRecords.length) lines.push(`  recording rules with no result on the pilot: ${r.missingRecords.join(", ")}`);
  lines.push("", "Rule groups (prometheus_rule_group_last_duration_seconds: the largest of the evaluations after the first; the first, cold, apart):", "",
    "| rule group | interval | evaluations | first ms | last ms | max ms | % of interval | |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
  for (const g of [...r.groups].sort((a, b) => b.pct - a.pct)) lines.push(`| ${g.group} | ${g.intervalS}s | ${g.iterations} | ${ms(g.firstMs ?? 0)} | ${ms(g.lastMs)} | ${ms(g.maxMs)} | ${g.pct.toFixed(2)} | ${g.pct > GROUP_PCT ? "✗ > 5 %" : ""} |`);
  lines.push("", "Slowest rules (each expression as an instant query at the end of the data, median):", "");
  ruleTable(r.rules, lines);
  lines.push("", `Panels (${o.runs} runs after a warm-up; a panel's queries sent together, as Grafana does):`, "");
  panelTable(r.panels, lines);
  if (r.peer) {
    lines.push("", "Peer: node-mixin (prometheus/node_exporter docs/node-mixin, compiled with jsonnet), same data:", "");
    ruleTable(r.peer.rules, lines, 5);
    lines.push(`  peer rules in all: ${r.peer.rules.length}, sum of medians ${ms(r.peer.rules.reduce((n, x) => n + x.p50, 0))} ms`, "");
    panelTable(r.peer.panels, lines);
  }
  if (r.compare) {
    lines.push("", "Before (the --compare bundle) and after (this bundle), same data, p50 / p99 ms; panels that changed by more than 20 %:", "",
      "| dashboard | panel | title | before p50 | before p99 | after p50 | after p99 |", "| --- | ---: | --- | ---: | ---: | ---: | ---: |");
    for (const b of r.compare.panels) {
      const a = r.panels.find((x) => x.uid === b.uid && x.panelId === b.panelId);
      if (!a || Math.abs(a.p50 - b.p50) < 0.2 * b.p50) continue;
      lines.push(`| ${b.uid} | ${b.panelId} | ${b.title.slice(0, 28)} | ${ms(b.p50)} | ${ms(b.p99)} | ${ms(a.p50)} | ${ms(a.p99)} |`);
    }
    lines.push("", "| dashboard | before total p50 | before total p99 | after total p50 | after total p99 |", "| --- | ---: | ---: | ---: | ---: |");
    for (const b of dashboards(r.compare.panels)) {
      const a = dashboards(r.panels).find((x) => x.uid === b.uid);
      lines.push(`| ${b.uid} | ${ms(b.p50)} | ${ms(b.p99)} | ${a ? ms(a.p50) : "—"} | ${a ? ms(a.p99) : "—"} |`);
    }
    const sum = (xs: RuleCost[], g: string) => xs.filter((x) => x.group === g).reduce((n, x) => n + x.p50, 0);
    lines.push("", "| rule group | before: sum of rule medians ms | after |", "| --- | ---: | ---: |");
    for (const g of [...new Set(r.rules.map((x) => x.group))]) lines.push(`| ${g} | ${ms(sum(r.compare.rules, g))} | ${ms(sum(r.rules, g))} |`);
  }
  const { rule } = slowest(r);
  lines.push("", `slowest rule: ${rule.group} › ${rule.name}, ${ms(rule.p50)} ms`);
  lines.push(lastLine(r));
  return lines.join("\n");
}

/** Cost at each scale beside the series count: exponent ≈ 1 is linear in series. */
export function growth(results: Result[]): string {
  const base = results[0]!;
  const lines: string[] = [];
  const exp = (a: number, b: number, sa: number, sb: number) => (a > 0 && b > 0 ? Math.log(b / a) / Math.log(sb / sa) : NaN);
  const head = results.map((r) => `${r.options.instances} inst.`).join(" | ");
  lines.push(`| cost | ${head} | growth ×${(results.at(-1)!.series / base.series).toFixed(1)} series | exponent |`, `| --- | ${results.map(() => "---:").join(" | ")} | ---: | ---: |`);
  const row = (name: string, values: number[], unit = "") => {
    const e = exp(values[0]!, values.at(-1)!, base.series, results.at(-1)!.series);
    lines.push(`| ${name} | ${values.map((v) => ms(v) + unit).join(" | ")} | ×${(values.at(-1)! / values[0]!).toFixed(1)} | ${Number.isFinite(e) ? e.toFixed(2) : "—"} |`);
  };
  row("series", results.map((r) => r.series));
  row("samples", results.map((r) => r.samples));
  for (const g of base.groups) row(`group ${g.group} (ms)`, results.map((r) => r.groups.find((x) => x.group === g.group)?.maxMs ?? 0));
  const ratio = (a: number[]) => a.at(-1)! / Math.max(a[0]!, 1e-9);
  const rules = base.rules.map((x) => ({ name: `${x.group} › ${x.name}`, v: results.map((r) => r.rules.find((y) => y.name === x.name && y.group === x.group)?.p50 ?? 0) }));
  const panels = base.panels.map((x) => ({ name: `${x.uid}/${x.panelId} ${x.title.slice(0, 20)}`, v: results.map((r) => r.panels.find((y) => y.uid === x.uid && y.panelId === x.panelId)?.p50 ?? 0) }));
  for (const d of dashboards(base.panels)) row(`dashboard ${d.uid} total p50 (ms)`, results.map((r) => dashboards(r.panels).find((x) => x.uid === d.uid)?.p50 ?? 0));
  const top = (xs: { name: string; v: number[] }[]) => xs.filter((x) => x.v.at(-1)! > 5).sort((a, b) => ratio(b.v) - ratio(a.v)).slice(0, 3);
  for (const x of top(rules)) row(`rule ${x.name} (ms)`, x.v);
  for (const x of top(panels)) row(`panel ${x.name} (ms)`, x.v);
  const fr = top(rules)[0];
  const fp = top(panels)[0];
  lines.push("", `fastest-growing rule: ${fr?.name ?? "—"}; fastest-growing panel: ${fp?.name ?? "—"}`);
  return lines.join("\n");
}
