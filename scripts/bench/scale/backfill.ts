// OpenMetrics files and their backfill with `promtool tsdb create-blocks-from openmetrics`.
// promtool (2.42) re-reads its whole input file once per block window (2 h, or the hidden
// `--max-block-duration`'s size: 2 h × 3^k, aligned to the epoch), so each file holds exactly one
// window: one pass per file. Sparse stretches (the 5 min tail, the week of long series) go into
// windows as large as `FILE_SAMPLES` allows (fewer files, fewer blocks, as a compacted production
// TSDB has); the dense last hours stay 2 h. Files are written one after the other while up to two
// promtools (two cores) read the previous ones, and each file is removed once read.
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
export function spans(plan: Plan, history: History, from = -Infinity, back = Infinity, every = 0): { from: number; to: number; step: number }[] {
  const to = plan.end + 1;
  // A record of a group evaluated less often than the plan's step has a sample at its own interval.
  const clip = (s: { from: number; to: number; step: number }) => ({ ...s, from: Math.max(s.from, from), step: Math.max(s.step, every) });
  if (history === "short") return [clip({ from: plan.denseFrom, to, step: plan.step })];
  if (history === "recent") return [clip({ from: Math.max(plan.denseFrom, plan.end - back), to, step: plan.step })];
  if (history === "day") return [clip({ from: plan.denseFrom - plan.day, to, step: plan.step })];
  return [
    clip({ from: plan.end - plan.tail, to: plan.end - plan.longDense, step: plan.tailStep }),
    clip({ from: plan.end - plan.longDense, to, step: plan.step }),
  ];
}

interface Slice { from: number; to: number; /** The block window (s) promtool cuts this file's blocks at. */ block?: number }

/** The 2 h-aligned windows of [from, to]. */
export function windows(from: number, to: number): Slice[] {
  const out: Slice[] = [];
  for (let w = Math.floor(from / BLOCK) * BLOCK; w <= to; w += BLOCK) out.push({ from: Math.max(w, from), to: Math.min(w + BLOCK, to + 1) });
  return out;
}

/** At most this many samples in one file that spans more than one 2 h window. */
export const FILE_SAMPLES = 4_000_000;
const SIZES = [486, 162, 54, 18, 6, 2].map((h) => h * 3600);

/**
 * The files of a backfill of [range.from, range.to]: epoch-aligned windows of 2 h × 3^k, each the
 * largest that starts where the previous ended and holds at most `cap` samples (2 h windows always).
 */
export function files(groups: Group[], plan: Plan, range: { from: number; to: number; after?: number }, cap = FILE_SAMPLES): Slice[] {
  const out: Slice[] = [];
  for (let w = Math.floor(range.from / BLOCK) * BLOCK; w <= range.to;) {
    const size = SIZES.find((d) => d === BLOCK || (w % d === 0 && countSamples(groups, plan, { ...range, from: Math.max(w, range.from), to: Math.min(w + d - 1, range.to) }) <= cap))!;
    out.push({ from: Math.max(w, range.from), to: Math.min(w + size, range.to + 1), block: size });
    w += size;
  }
  return out;
}

/** The samples `backfill` would write for `groups` over [range.from, range.to], without writing them. */
export function countSamples(groups: Group[], plan: Plan, range: { from: number; to: number; after?: number }): number {
  const after = range.after ?? -Infinity;
  const keys = new Map<string, number>();
  for (const g of groups) { const k = `${g.history} ${g.back ?? Infinity} ${g.every ?? 0}`; keys.set(k, (keys.get(k) ?? 0) + g.prefixes.length); }
  let n = 0;
  for (const [key, lines] of keys) {
    const [history, back, every] = key.split(" ") as [History, string, string];
    for (const s of spans(plan, history, after, Number(back), Number(every))) {
      const from = Math.ceil(Math.max(s.from, range.from, after + 1) / s.step) * s.step;
      const to = Math.min(s.to, range.to + 1);
      if (to > from) n += Math.ceil((to - from) / s.step) * lines;
    }
  }
  return n;
}

/** The series (lines) of `groups` with at least one sample in [range.from, range.to]. */
export function countSeries(groups: Group[], plan: Plan, range: { from: number; to: number; after?: number }): number {
  const keys = new Map<string, Group[]>();
  for (const g of groups) { const k = `${g.history} ${g.back ?? Infinity} ${g.every ?? 0}`; if (!keys.has(k)) keys.set(k, []); keys.get(k)!.push(g); }
  let n = 0;
  for (const gs of keys.values()) if (countSamples([gs[0]!], plan, range) > 0) n += gs.reduce((k, g) => k + g.prefixes.length, 0);
  return n;
}

/**
 * The elapsed time of a backfill whose files take `write` ms to write (one after the other, in
 * this order) and `read` ms in promtool each, `PARALLEL` promtools at once on `cores` cores.
 */
export function pipelineMs(write: number[], read: number[], cores = 2): number {
  const slots = new Array<number>(PARALLEL).fill(0);
  let t = 0;
  for (let i = 0; i < write.length; i++) {
    t += write[i]!;
    const s = slots.indexOf(Math.min(...slots));
    slots[s] = Math.max(t, slots[s]!) + read[i]!;
  }
  const cpu = write.reduce((a, b) => a + b, 0) + read.reduce((a, b) => a + b, 0);
  return Math.max(Math.max(t, ...slots), cpu / cores);
}

/** Writes the samples of `groups` with timestamps in [slice.from, slice.to) to `file`; returns the sample count. */
export function writeSlice(file: string, groups: Group[], plan: Plan, slice: Slice, after = -Infinity): number {
  // Every timestamp of the slice with the groups that have a sample there, time-major.
  const byHistory = new Map<string, Group[]>();
  // push, not spread: 150 000 groups at 30 instances made a spread per group quadratic (minutes per file).
  for (const g of groups) { const k = `${g.history} ${g.back ?? Infinity} ${g.every ?? 0}`; if (!byHistory.has(k)) byHistory.set(k, []); byHistory.get(k)!.push(g); }
  const times = new Map<number, Group[][]>();
  for (const [key, gs] of byHistory) {
    const [history, back, every] = key.split(" ") as [History, string, string];
    for (const s of spans(plan, history, after, Number(back), Number(every))) {
      const first = Math.ceil(Math.max(s.from, slice.from) / s.step) * s.step;
      for (let t = first; t < Math.min(s.to, slice.to); t += s.step) if (t > after) { if (!times.has(t)) times.set(t, []); times.get(t)!.push(gs); }
    }
  }
  if (times.size === 0) return 0;
  const fd = fs.openSync(file, "w");
  const values: number[] = new Array(64).fill(0);
  let samples = 0;
  let chunk: string[] = [];
  for (const t of [...times.keys()].sort((a, b) => a - b)) {
    const ts = ` ${t}\n`;
    for (const g of times.get(t)!.flat()) {
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

function promtool(file: string, out: string, block: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn("promtool", ["tsdb", "create-blocks-from", "openmetrics", "--quiet", `--max-block-duration=${block / 3600}h`, file, out], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    p.stderr.on("data", (d: Buffer) => { err += d.toString(); });
    p.once("error", reject);
    p.once("exit", (code) => {
      fs.rmSync(file, { force: true });
      if (code === 0) resolve(); else reject(new Error(`promtool create-blocks-from openmetrics ${path.basename(file)} exited ${code}:\n${err.slice(-2000)}`));
    });
  });
}

export interface BackfillResult { samples: number; files: number; ms: number; writeMs: number; promtoolMs: number }

/** The files of `files()`, the largest first: its promtool then runs while the others are written. */
export function order(groups: Group[], plan: Plan, range: { from: number; to: number; after?: number }): Slice[] {
  const n = (f: Slice) => countSamples(groups, plan, { ...range, from: Math.max(f.from, range.from), to: f.to - 1 });
  return files(groups, plan, range).map((f) => ({ f, n: n(f) })).sort((a, b) => b.n - a.n).map((x) => x.f);
}

/** promtools running at once (this machine's two cores; the writer is the third process). */
export const PARALLEL = 2;

/**
 * Backfills `groups` over [from, to] into `dataDir`: the files of `files()`, written in `tmp` one
 * after the other while up to `PARALLEL` promtools read the previous ones.
 */
export async function backfill(groups: Group[], plan: Plan, range: { from: number; to: number; after?: number }, dataDir: string, tmp: string, onFile?: (done: number, all: number) => void): Promise<BackfillResult> {
  const start = performance.now();
  const all = order(groups, plan, range);
  let samples = 0;
  let written = 0;
  let writeMs = 0;
  let promtoolMs = 0;
  const running = new Set<Promise<void>>();
  let failure: Error | undefined;
  for (const [i, slice] of all.entries()) {
    const file = path.join(tmp, `slice-${slice.from}.om`);
    const t = performance.now();
    const n = writeSlice(file, groups, plan, slice, range.after);
    writeMs += performance.now() - t;
    while (running.size >= PARALLEL) await Promise.race(running);
    if (failure) throw failure;
    onFile?.(i, all.length);
    if (n === 0) continue;
    samples += n;
    written++;
    const p0 = performance.now();
    const job: Promise<void> = promtool(file, dataDir, slice.block ?? BLOCK)
      .then(() => { promtoolMs += performance.now() - p0; }, (e: Error) => { failure ??= e; })
      .finally(() => running.delete(job));
    running.add(job);
  }
  await Promise.all(running);
  if (failure) throw failure;
  return { samples, files: written, ms: performance.now() - start, writeMs, promtoolMs };
}
