// State persistence (EXPORTER_STATE_DIR): counters, histograms and the gauges that record a
// finished fact (a backup's last run and last success) survive a stop and a restart, so
// Prometheus sees no counter reset. Snapshot gauges (active sessions) are not kept: after a
// restart they are absent ("unknown") until the backend's next snapshot, never a false 0.
//
// The store is one JSON snapshot file, `exporter-state.json`, written atomically: the whole state
// goes to a temporary file in the same folder, which is fsynced, renamed over the old one, and
// the folder is fsynced. A reader therefore finds the old snapshot or the new one, never a mix.
// It is written at most once per second while events arrive, and once more on SIGTERM after the
// last request was answered. A crash (SIGKILL, power loss) loses the events of at most the last
// interval. A file that is not JSON, not ours, of another version or with impossible values is
// refused at start with an error naming the file and the entry; it is never silently discarded.
import fs from "node:fs";
import path from "node:path";
import type { Logger } from "./log.ts";
import type { MetricStore } from "./store.ts";

export const STATE_FORMAT = "xinliya-exporter-state";
export const STATE_VERSION = 1;

export class StateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StateError";
  }
}

type Series = Record<string, number | { counts: number[]; sum: number }>;
interface Saved { type: string; bounds?: number[]; series: Series }

export function stateFile(dir: string): string {
  return path.join(dir, "exporter-state.json");
}

/** The persistent part of the stores as the file's JSON text. */
export function snapshot(stores: readonly MetricStore[], now = Date.now()): string {
  const metrics: Record<string, Saved> = {};
  for (const s of stores) {
    if (!s.persistent) continue;
    const series: Series = {};
    const width = s.bounds.length + 1;
    for (let i = 0; i < s.labels.length; i++) {
      if (s.kind === "histogram") {
        const counts = Array.from(s.counts.subarray(i * width, (i + 1) * width));
        if (counts.some((c) => c !== 0)) series[s.labels[i]!] = { counts, sum: s.sums[i]! };
      } else {
        const v = s.values[i]!;
        if (!Number.isNaN(v) && !(s.kind === "counter" && v === 0)) series[s.labels[i]!] = v;
      }
    }
    metrics[s.name] = s.kind === "histogram" ? { type: s.kind, bounds: [...s.bounds], series } : { type: s.kind, series };
  }
  return `${JSON.stringify({ format: STATE_FORMAT, version: STATE_VERSION, savedAt: now / 1000, metrics })}\n`;
}

const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** Restores `text` (the content of `file`) into fresh stores; throws StateError before touching any. */
export function restore(stores: readonly MetricStore[], text: string, file: string, log: Logger): void {
  const bad = (what: string) => new StateError(`${file}: ${what}; fix or move the file away (it is never discarded silently)`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw bad("is not valid JSON (corrupt state file)");
  }
  const d = data as { format?: unknown; version?: unknown; metrics?: unknown };
  if (typeof data !== "object" || data === null || d.format !== STATE_FORMAT) throw bad(`is not an exporter state file (no "format": "${STATE_FORMAT}")`);
  if (d.version !== STATE_VERSION) throw bad(`has version ${JSON.stringify(d.version)}, this exporter reads version ${STATE_VERSION}`);
  if (typeof d.metrics !== "object" || d.metrics === null) throw bad(`"metrics" must be an object`);
  const byName = new Map(stores.map((s) => [s.name, s]));
  const plan: (() => void)[] = [];
  for (const [name, raw] of Object.entries(d.metrics as Record<string, Saved>)) {
    const at = `metrics.${name}`;
    if (typeof raw !== "object" || raw === null || typeof raw.series !== "object" || raw.series === null) throw bad(`${at} must have "series"`);
    const s = byName.get(name);
    if (s === undefined || !s.persistent) {
      log.warn("state_metric_dropped", { metric: name.replace(/[^A-Za-z0-9_:]/g, "_"), why: "not a persistent business metric of the catalog" });
      continue;
    }
    if (raw.type !== s.kind) throw bad(`${at}.type is ${JSON.stringify(raw.type)}, the catalog says ${s.kind}`);
    const width = s.bounds.length + 1;
    if (s.kind === "histogram" && JSON.stringify(raw.bounds) !== JSON.stringify(s.bounds)) {
      log.warn("state_metric_dropped", { metric: name, why: "bucket bounds changed in catalog/buckets.ts; the histogram restarts" });
      continue;
    }
    const index = new Map(s.labels.map((l, i) => [l, i]));
    let unknown = 0;
    for (const [labels, v] of Object.entries(raw.series)) {
      const where = `${at}.series[${JSON.stringify(labels)}]`;
      const i = index.get(labels);
      if (s.kind === "histogram") {
        const h = v as { counts?: unknown; sum?: unknown };
        if (typeof h !== "object" || h === null || !Array.isArray(h.counts) || h.counts.length !== width
          || !h.counts.every((c) => finite(c) && c >= 0) || !finite(h.sum)) throw bad(`${where} must be {counts: [${width} numbers ≥ 0], sum}`);
        if (i === undefined) { unknown++; continue; }
        const counts = h.counts as number[];
        const sum = h.sum as number;
        plan.push(() => { s.counts.set(counts, i * width); s.sums[i] = sum; });
      } else {
        if (!finite(v) || (s.kind === "counter" && v < 0)) throw bad(`${where} must be a finite number${s.kind === "counter" ? " ≥ 0" : ""}`);
        if (i === undefined) { unknown++; continue; }
        plan.push(() => s.set(i, v));
      }
    }
    if (unknown > 0) log.warn("state_series_dropped", { metric: name, series: unknown, why: "label values no longer in the allow-lists" });
  }
  for (const step of plan) step();
}

export interface Persister {
  /** Marks the stores as changed since the last snapshot. */
  changed(): void;
  /** Writes a snapshot now if anything changed (awaits a write in progress first). */
  flush(): Promise<void>;
  /**
   * Takes the snapshot now, synchronously, and resolves once it is on disk. A scrape renders
   * right after it and is answered once it resolved: Prometheus never sees a value that a crash
   * could take back (which it would read as a counter reset).
   */
  persist(): Promise<void>;
  /** Stops the timer and writes the last snapshot. */
  stop(): Promise<void>;
  writes(): number;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  const handle = await fs.promises.open(tmp, "w", 0o600);
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(tmp, file);
  const dir = await fs.promises.open(path.dirname(file), "r");
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/** Loads the state of `dir` into the stores (none yet: a fresh start), then snapshots every `intervalMs`. */
export function openState(dir: string, stores: readonly MetricStore[], log: Logger, intervalMs = 1000): Persister {
  const file = stateFile(dir);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new StateError(`EXPORTER_STATE_DIR: cannot create "${dir}" (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  let text: string | null = null;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw new StateError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  if (text === null) log.info("state_fresh", { file });
  else {
    restore(stores, text, file, log);
    log.info("state_restored", { file, bytes: text.length });
  }
  let generation = 0;
  let queued = 0;
  let writes = 0;
  // Writes run one after the other, each with the snapshot taken when it was queued.
  let chain: Promise<void> = Promise.resolve();
  const persist = (): Promise<void> => {
    if (queued === generation) return chain;
    queued = generation;
    const text = snapshot(stores);
    chain = chain.then(() => writeAtomically(file, text)).then(
      () => { writes++; },
      (e: NodeJS.ErrnoException) => log.error("state_write_error", { file, code: e.code ?? e.name }),
    );
    return chain;
  };
  const timer = setInterval(() => { void persist(); }, intervalMs);
  timer.unref();
  return {
    changed: () => { generation++; },
    persist,
    flush: () => persist(),
    stop: async () => {
      clearInterval(timer);
      await persist();
    },
    writes: () => writes,
  };
}
