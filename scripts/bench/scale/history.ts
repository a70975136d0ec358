// How far back each raw series must be stored: as far as anything measured reads it, no further.
// A series that a panel reads (over its 6 h default range, or longer) keeps its group's history;
// a series only rules read over a range keeps that range plus a margin ("recent"), which is all
// any query of this run can touch. The bucket series of the backend histogram are read by rules
// only once panels read the bucket records (issue 17): storing 6 h of them would cost most of the
// backfill and change no measured figure. The readers are ours, the --compare bundle's and the
// peer's, so a "before" bundle that rates raw buckets over 6 h gets its 6 h of buckets.
import type { Group } from "./model.ts";
import { durationSeconds } from "./rules.ts";

export interface Readers { panels: string[]; rules: string[] }

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const seriesName = (prefix: string) => prefix.slice(0, prefix.indexOf("{"));

/** The longest range any rule reads `name` over (s), or 0 when it reads it only as an instant vector or not at all. */
function ruleRange(name: string, rules: string[]): number {
  const re = new RegExp(`(?<![\\w:])${esc(name)}(?![\\w:])(?:\\{[^}]*\\})?\\[([^\\]:]+)\\]`, "g");
  let longest = 0;
  for (const e of rules) for (const m of e.matchAll(re)) longest = Math.max(longest, durationSeconds(m[1]!));
  return longest;
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
  const ranges = new Map<string, number>();
  const range = (name: string) => {
    if (!ranges.has(name)) ranges.set(name, ruleRange(name, readers.rules));
    return ranges.get(name)!;
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
    // Grouped by the range each series is read over: the buckets (5 min) apart from the count (6 h).
    const byBack = new Map<number, number[]>();
    for (const i of cut) { const b = range(seriesName(g.prefixes[i]!)) + margin; byBack.set(b, [...(byBack.get(b) ?? []), i]); }
    for (const [back, idx] of byBack) out.push(part(idx, "recent", back));
  }
  return { groups: out, recentSeries };
}
