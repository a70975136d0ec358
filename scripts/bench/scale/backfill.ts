// OpenMetrics slices and their backfill with `promtool tsdb create-blocks-from openmetrics`.
// promtool (2.42) cuts blocks at 2 h boundaries and re-reads its whole input file for each 2 h
// window in it, so each slice file holds exactly one 2 h window: one pass per file. The next slice
// is written while promtool reads the previous one, and each file is removed once read.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Group, History } from "./model.ts";

export const BLOCK = 2 * 3600;

export interface Plan {
  /** End of the data (Unix s). */
  end: number;
  /** Start of the dense window of `short` groups (Unix s). */
  denseFrom: number;
  /** Dense interval and tail interval (s). */
  step: number;
  tailStep: number;
  /** How far back `long` groups are dense, and how far back their tail goes (s). */
  longDense: number;
  tail: number;
  day: number;
}

/** The [from, to) spans (and their step) at which a group of this history has samples. */
export function spans(plan: Plan, history: History, from = -Infinity, back = Infinity): { from: number; to: number; step: number }[] {
  const to = plan.end + 1;
  const clip = (s: { from: number; to: number; step: number }) => ({ ...s, from: Math.max(s.from, from) });
  if (history === "short") return [clip({ from: plan.denseFrom, to, step: plan.step })];
  if (history === "recent") return [clip({ from: Math.max(plan.denseFrom, plan.end - back), to, step: plan.step })];
  if (history === "day") return [clip({ from: plan.denseFrom - plan.day, to, step: plan.step })];
  return [
    clip({ from: plan.end - plan.tail, to: plan.end - plan.longDense, step: plan.tailStep }),
    clip({ from: plan.end - plan.longDense, to, step: plan.step }),
  ];
}

interface Slice { from: number; to: number }

/** The 2 h-aligned windows of [from, to]. */
export function windows(from: number, to: number): Slice[] {
  const out: Slice[] = [];
  for (let w = Math.floor(from / BLOCK) * BLOCK; w <= to; w += BLOCK) out.push({ from: Math.max(w, from), to: Math.min(w + BLOCK, to + 1) });
  return out;
}

/** The samples `backfill` would write for `groups` over [range.from, range.to], without writing them. */
export function countSamples(groups: Group[], plan: Plan, range: { from: number; to: number; after?: number }): number {
  const after = range.after ?? -Infinity;
  const keys = new Map<string, number>();
  for (const g of groups) { const k = `${g.history} ${g.back ?? Infinity}`; keys.set(k, (keys.get(k) ?? 0) + g.prefixes.length); }
  let n = 0;
  for (const [key, lines] of keys) {
    const [history, back] = key.split(" ") as [History, string];
    for (const s of spans(plan, history, after, Number(back))) {
      const from = Math.ceil(Math.max(s.from, range.from, after + 1) / s.step) * s.step;
      const to = Math.min(s.to, range.to + 1);
      if (to > from) n += Math.ceil((to - from) / s.step) * lines;
    }
  }
  return n;
}

/** Writes the samples of `groups` with timestamps in [slice.from, slice.to) to `file`; returns the sample count. */
export function writeSlice(file: string, groups: Group[], plan: Plan, slice: Slice, after = -Infinity): number {
  // Every timestamp of the slice with the groups that have a sample there, time-major.
  const byHistory = new Map<string, Group[]>();
  for (const g of groups) { const k = `${g.history} ${g.back ?? Infinity}`; byHistory.set(k, [...(byHistory.get(k) ?? []), g]); }
  const times = new Map<number, Group[]>();
  for (const [key, gs] of byHistory) {
    const [history, back] = key.split(" ") as [History, string];
    for (const s of spans(plan, history, after, Number(back))) {
      const first = Math.ceil(Math.max(s.from, slice.from) / s.step) * s.step;
      for (let t = first; t < Math.min(s.to, slice.to); t += s.step) if (t > after) times.set(t, [...(times.get(t) ?? []), ...gs]);
    }
  }
  if (times.size === 0) return 0;
  const fd = fs.openSync(file, "w");
  const values: number[] = new Array(64).fill(0);
  let samples = 0;
  let chunk: string[] = [];
  for (const t of [...times.keys()].sort((a, b) => a - b)) {
    const ts = ` ${t}\n`;
    for (const g of times.get(t)!) {
      g.values(t, values);
      const p = g.prefixes;
      for (let i = 0; i < p.length; i++) chunk.push(p[i]! + values[i]! + ts);
      samples += p.length;
      if (chunk.length > 50_000) { fs.writeSync(fd, chunk.join("")); chunk = []; }
    }
  }
  chunk.push("# EOF\n");
  fs.writeSync(fd, chunk.join(""));
  fs.closeSync(fd);
  return samples;
}

function promtool(file: string, out: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn("promtool", ["tsdb", "create-blocks-from", "openmetrics", "--quiet", file, out], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    p.stderr.on("data", (d: Buffer) => { err += d.toString(); });
    p.once("error", reject);
    p.once("exit", (code) => {
      fs.rmSync(file, { force: true });
      if (code === 0) resolve(); else reject(new Error(`promtool create-blocks-from openmetrics ${path.basename(file)} exited ${code}:\n${err.slice(-2000)}`));
    });
  });
}

export interface BackfillResult { samples: number; files: number; ms: number; promtoolMs: number }

/**
 * Backfills `groups` over [from, to] into `dataDir`: one slice file per 2 h window, written in
 * `tmp` while promtool reads the previous one.
 */
export async function backfill(groups: Group[], plan: Plan, range: { from: number; to: number; after?: number }, dataDir: string, tmp: string, onSlice?: (done: number, all: number) => void): Promise<BackfillResult> {
  const start = performance.now();
  const all = windows(range.from, range.to);
  let samples = 0;
  let files = 0;
  let pending: Promise<void> | undefined;
  let promtoolMs = 0;
  for (const [i, slice] of all.entries()) {
    const file = path.join(tmp, `slice-${slice.from}.om`);
    const n = writeSlice(file, groups, plan, slice, range.after);
    if (pending) await pending;
    onSlice?.(i, all.length);
    if (n === 0) continue;
    samples += n;
    files++;
    const t = performance.now();
    pending = promtool(file, dataDir).then(() => { promtoolMs += performance.now() - t; });
  }
  if (pending) await pending;
  return { samples, files, ms: performance.now() - start, promtoolMs };
}
