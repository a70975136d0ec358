// The generated rule files as data, the history of the recorded series, and the rule costs.
// A recording rule's history must exist for the long windows that read it (the SLO's 30 d, the
// capacity trends): its label sets and level come from evaluating the rule once on a pilot of the
// raw data, each recorded series it reads inlined as a subquery, so new rules need no edit here.
import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { type Group, backendInstance } from "./model.ts";
import { type Prom, instant } from "./prometheus.ts";

export interface RuleDef { group: string; file: string; interval: number; name: string; record: boolean; expr: string }

export function loadRules(dir: string, defaultInterval = 30): RuleDef[] {
  const out: RuleDef[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".yml")).sort()) {
    const doc = yaml.load(fs.readFileSync(path.join(dir, file), "utf8")) as { groups?: { name: string; interval?: string; rules?: { record?: string; alert?: string; expr: string }[] }[] };
    for (const g of doc?.groups ?? []) {
      const interval = g.interval ? durationSeconds(g.interval) : defaultInterval;
      for (const r of g.rules ?? []) out.push({ group: g.name, file, interval, name: r.record ?? r.alert ?? "?", record: r.record !== undefined, expr: String(r.expr).trim() });
    }
  }
  return out;
}

/**
 * The pilot's span (s, 6 samples) and the longest window a subquery reads on it: a rate inside
 * the subquery still has 4 samples at its first step. Shorter windows of the same shape give the
 * same label sets and, on smooth data, the same level; the pilot's size is the run's series × 6.
 */
export const PILOT_SPAN = 150;
const PILOT_WINDOW = 60;

export function durationSeconds(d: string): number {
  const units: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };
  let total = 0;
  for (const m of d.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/g)) total += Number(m[1]) * units[m[2]!]!;
  return total;
}

/**
 * `expr` with every recorded series it reads replaced by that rule's expression (a subquery of at
 * most 1 min under a range). A record several groups write (the API's bucket shards) is the `or`
 * of its expressions; a reference with label matchers reads only those whose text carries every
 * one of them (a shard's own `le` set), or all when none does.
 */
export function inline(expr: string, records: Map<string, string[]>, depth = 0): string {
  if (depth > 10) throw new Error(`recording rules nest deeper than 10 levels: ${expr}`);
  let out = expr;
  for (const [name, bodies] of records) {
    const re = new RegExp(`(?<![\\w:])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w:])(\\{[^}]*\\})?(\\[([^\\]]+)\\])?`, "g");
    out = out.replace(re, (_m, labels: string | undefined, _range, window: string | undefined) => {
      const wanted = labels ? labels.slice(1, -1).split(/,\s*(?=\w+\s*[=!~])/).filter(Boolean) : [];
      const own = bodies.filter((b) => wanted.every((m) => b.includes(m)));
      const inner = `(${(own.length ? own : bodies).map((b) => inline(b, records, depth + 1)).join(" or ")})`;
      if (!window) return inner;
      // The pilot holds a few minutes of data: a shorter window of the same shape gives the
      // same label sets and the same level (a ratio of sums, a mean rate).
      return `${inner}[${Math.min(durationSeconds(window), PILOT_WINDOW)}s:30s]`;
    });
  }
  return out;
}

/**
 * Whether a recorded series is read over more than the dense window: under a range selector in a
 * rule or a panel, or by a panel whose own time range is longer (`long` texts carry the panels'
 * relative time first). The others need only the dense window, as raw series do.
 */
function needsHistory(name: string, longReaders: string[]): boolean {
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const ranged = new RegExp(`(?<![\\w:])${n}(?![\\w:])(\\{[^}]*\\})?\\[`);
  const named = new RegExp(`(?<![\\w:])${n}(?![\\w:])`);
  return longReaders.some((e) => ranged.test(e) || (e.startsWith("long ") && named.test(e)));
}

const esc = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"');

/**
 * The recorded series at `time`, from the rules evaluated on the pilot, as `long` groups: a rate
 * swings with the day around its level; a ratio or a quantile keeps its level.
 */
export async function recordedGroups(prom: Prom, rules: RuleDef[], time: number, panels: string[], margin = 600): Promise<{ groups: Group[]; missing: string[]; /** Of the queries, in all. */ ms: number }> {
  const records = new Map<string, string[]>();
  for (const r of rules) if (r.record) records.set(r.name, [...(records.get(r.name) ?? []), r.expr]);
  const every = new Map(rules.filter((r) => r.record).map((r) => [r.name, r.interval]));
  const longReaders = [...rules.map((r) => r.expr), ...panels];
  const panelText = panels.join("\n");
  const groups: Group[] = [];
  const missing: string[] = [];
  let ms = 0;
  for (const [name, exprs] of records) {
    const t = performance.now();
    const result = await instant(prom, exprs.map((e) => `(${inline(e, records)})`).join(" or "), time);
    ms += performance.now() - t;
    if (result.length === 0) missing.push(name);
    const rate = /:rate\w*$/.test(name) && !/ratio|burn|availability|remaining/.test(name);
    // Read over a range, or by a long panel: its history; by a panel: the dense window; only by
    // rules at an instant (the bucket shards' per-instance-and-route record): the run's minutes.
    const history = needsHistory(name, longReaders) ? "long" : new RegExp(`(?<![\\w:])${name}(?![\\w:])`).test(panelText) ? "short" : "recent";
    for (const s of result) {
      const labels = Object.entries(s.metric).filter(([k]) => k !== "__name__").map(([k, v]) => `${k}="${esc(v)}"`).join(",");
      const level = Number(s.value[1]);
      const v = Number.isFinite(level) ? level : 0;
      groups.push({
        prefixes: [`${name}{${labels}} `], history, back: history === "recent" ? margin : undefined, every: every.get(name),
        values: rate ? (t, out) => { out[0] = Math.round(v * (1 + 0.4 * Math.cos((2 * Math.PI * t) / 86_400)) * 1e6) / 1e6; } : (_t, out) => { out[0] = v; },
      });
    }
  }
  return { groups, missing, ms };
}

/**
 * The recorded series of a pilot at `from` backend instances as a run at `to` would record them:
 * a series of backend instance i (its `instance` label) is kept when i < `to`, and the instances
 * from `from` on are copies of instance i mod `from` under their own name. Series without a backend
 * instance (per job, route, node) are the same at every scale; their levels stay the pilot's,
 * which changes no cost. So the run needs no pilot of its own (issue 17, round 4: 96 s at 30).
 */
export function scaleRecorded(groups: Group[], from: number, to: number): Group[] {
  const name = new Map(Array.from({ length: Math.max(from, to) }, (_, i) => [`instance="${backendInstance(i)}"`, i]));
  const out: Group[] = [];
  for (const g of groups) {
    const m = /instance="backend-[^"]*"/.exec(g.prefixes[0]!);
    const i = m ? name.get(m[0]) : undefined;
    if (i === undefined) { out.push(g); continue; }
    if (i < to) out.push(g);
    for (let k = i + from; k < to; k += from) out.push({ ...g, prefixes: g.prefixes.map((p) => p.replace(m![0], `instance="${backendInstance(k)}"`)) });
  }
  return out;
}
