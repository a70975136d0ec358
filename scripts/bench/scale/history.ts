// How far back each raw series must be stored: as far as anything measured reads it, no further.
// A series that a panel reads (over its 6 h default range, or longer) keeps its group's history;
// a series only rules read over a range keeps that range plus a margin ("recent"), which is all
// any query of this run can touch; a selector's label matchers count (a rule that reads the 5xx
// counts over 6 h keeps 6 h of those only). The bucket series of the backend histogram are read by rules
// only once panels read the bucket records (issue 17): storing 6 h of them would cost most of the
// backfill and change no measured figure. The readers are ours, the --compare bundle's and the
// peer's, so a "before" bundle that rates raw buckets over 6 h gets its 6 h of buckets.
import type { Group } from "./model.ts";
import { durationSeconds } from "./rules.ts";

export interface Readers { panels: string[]; rules: string[] }

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const seriesName = (prefix: string) => prefix.slice(0, prefix.indexOf("{"));

type Reads = { matchers: [label: string, op: string, value: string][]; seconds: number }[];
const MATCHER = /([A-Za-z_]\w*)\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*")/g;
const matchers = (body: string) => [...body.matchAll(MATCHER)].map((m) => [m[1]!, m[2]!, JSON.parse(m[3]!) as string] as [string, string, string]);

/** Every range a rule reads `name` over, with the label matchers of that selector. */
function ruleReads(name: string, rules: string[]): Reads {
  const re = new RegExp(`(?<![\\w:])${esc(name)}(?![\\w:])(?:\\{([^}]*)\\})?\\[([^\\]:]+)\\]`, "g");
  return rules.flatMap((e) => [...e.matchAll(re)].map((m) => ({ matchers: matchers(m[1] ?? ""), seconds: durationSeconds(m[2]!) })));
}

const regexps = new Map<string, RegExp>();

/** The longest range a rule reads this series (`name{labels} `) over (s), 0 when only instant or not at all. */
function seriesRange(prefix: string, reads: Reads): number {
  const labels = new Map<string, string>();
  const value = (k: string) => {
    if (!labels.has(k)) {
      const at = prefix.indexOf(`${k}="`);
      labels.set(k, at < 0 || !/[{,]/.test(prefix[at - 1]!) ? "" : (JSON.parse(prefix.slice(at + k.length + 1, prefix.indexOf('"', at + k.length + 2) + 1)) as string));
    }
    return labels.get(k)!;
  };
  const ok = ([k, op, v]: [string, string, string]) => {
    const have = value(k);
    if (op === "=") return have === v;
    if (op === "!=") return have !== v;
    if (!regexps.has(v)) regexps.set(v, new RegExp(`^(?:${v})$`));
    const m = regexps.get(v)!.test(have);
    return op === "=~" ? m : !m;
  };
  return reads.reduce((longest, r) => (r.matchers.every(ok) ? Math.max(longest, r.seconds) : longest), 0);
}

/**
 * The groups with the series no panel reads split off as `recent` groups (same values, computed by
 * the same function), each with the seconds back it must reach (the longest range a rule reads it
 * over, plus a margin for the evaluations of the run).
 */
export function byReaders(groups: Group[], readers: Readers, margin = 600): { groups: Group[]; recentSeries: number } {
  const panelText = readers.panels.join("\n");
  const readByPanel = new Map<string, boolean>();
  const panelReads = (name: string) => {
    if (!readByPanel.has(name)) readByPanel.set(name, new RegExp(`(?<![\\w:])${esc(name)}(?![\\w:])`).test(panelText));
    return readByPanel.get(name)!;
  };
  let recentSeries = 0;
  const reads = new Map<string, Reads>();
  const range = (prefix: string) => {
    const name = seriesName(prefix);
    if (!reads.has(name)) reads.set(name, ruleReads(name, readers.rules));
    const r = reads.get(name)!;
    return r.length === 0 ? 0 : seriesRange(prefix, r);
  };
  const out: Group[] = [];
  for (const g of groups) {
    if (g.history !== "short") { out.push(g); continue; }
    const keep: number[] = [];
    const cut: number[] = [];
    g.prefixes.forEach((p, i) => (panelReads(seriesName(p)) ? keep : cut).push(i));
    if (cut.length === 0) { out.push(g); continue; }
    recentSeries += cut.length;
    const all = new Array<number>(g.prefixes.length).fill(0);
    const part = (idx: number[], history: Group["history"], back?: number): Group => ({
      prefixes: idx.map((i) => g.prefixes[i]!), history, back,
      values(t, v) { g.values(t, all); for (let j = 0; j < idx.length; j++) v[j] = all[idx[j]!]!; },
    });
    if (keep.length) out.push(part(keep, "short"));
    // Grouped by the range each series is read over, its label matchers included: the buckets (5 min)
    // apart from the 5xx counts (6 h, the SLO's floor) and the other counts (10 min).
    const byBack = new Map<number, number[]>();
    for (const i of cut) { const b = range(g.prefixes[i]!) + margin; byBack.set(b, [...(byBack.get(b) ?? []), i]); }
    for (const [back, idx] of byBack) out.push(part(idx, "recent", back));
  }
  return { groups: out, recentSeries };
}
