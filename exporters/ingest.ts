// Applying validated events to the stores, all or nothing, driven by the catalog's declarations
// (catalog/business-events.ts): for each event type, its feeds are compiled once into lookups
// (one per distinct label mapping, shared by feeds that map the same fields) and updates.
// A batch reaches this file only when schema.ts has accepted every one of its events. Then:
//  1. resolve: every event's label sets are looked up (allow-list or `other`) and its time
//     fields are checked against the time of receipt; a failure answers 400 before any metric moved;
//  2. apply: numbers that the schema bounded go into series that exist; this cannot fail.
import { businessEvents, type MetricFeed, maxClockSkewSeconds } from "../catalog/business-events.ts";
import type { XinliyaEvent } from "./events.ts";
import type { ExporterMetrics } from "./metrics.ts";
import type { Lookup } from "./series.ts";
import type { MetricStore } from "./store.ts";

export interface Ingest {
  /** Applies every event of a validated batch; `now` is the receipt time in Unix seconds. null when applied. */
  apply(events: readonly XinliyaEvent[], now?: number): TimeRejection | null;
}

type Ev = Record<string, unknown>;

/** A time field in the future: the batch is refused (400) naming the event and the field. */
export interface TimeRejection { index: number; field: string; reason: string }
type Resolver = (e: Ev) => number;
type Update = (e: Ev, series: number, now: number) => void;

interface Compiled {
  resolvers: Resolver[];
  /** Per feed: which resolver gives its series, and its update. */
  updates: { group: number; update: Update }[];
  timeFields: string[];
}

const str = (v: unknown): string => (typeof v === "string" ? v : String(v));

function resolver(lk: Lookup, fields: readonly string[]): Resolver {
  const [a, b, c] = fields;
  switch (fields.length) {
    case 0: return () => lk();
    case 1: return (e) => lk(str(e[a!]));
    case 2: return (e) => lk(str(e[a!]), str(e[b!]));
    case 3: return (e) => lk(str(e[a!]), str(e[b!]), str(e[c!]));
    default: return (e) => lk(...fields.map((f) => str(e[f])));
  }
}

function update(feed: MetricFeed, s: MetricStore): Update {
  const u = feed.update;
  switch (u.op) {
    case "inc": return (_e, i) => s.add(i, 1);
    case "add": return (e, i) => s.add(i, e[u.field] as number);
    case "observe": return (e, i) => s.observe(i, e[u.field] as number);
    case "set": return (e, i) => s.set(i, e[u.field] as number);
    case "flag": return (e, i) => s.set(i, e[u.field] === u.equals ? 1 : 0);
    case "latest": return (e, i, now) => {
      if (e[u.when.field] !== u.when.equals) return;
      const at = (e[u.field] as number | undefined) ?? now;
      const before = s.values[i]!;
      // Only forward: a late or replayed event must not make the last success older.
      s.set(i, Number.isNaN(before) ? at : Math.max(before, at));
    };
  }
}

export function createIngest(m: ExporterMetrics): Ingest {
  const compiled = new Map<string, Compiled>();
  for (const e of businessEvents()) {
    const keys: string[] = [];
    const resolvers: Resolver[] = [];
    const updates = e.feeds.map((feed) => {
      const s = m.store(feed.metric);
      const fields = s.labelNames.map((l) => feed.labels[l]!);
      const key = fields.join("\0");
      let group = keys.indexOf(key);
      if (group === -1) {
        group = keys.push(key) - 1;
        resolvers.push(resolver(m.lookup(feed.metric), fields));
      }
      return { group, update: update(feed, s) };
    });
    const timeFields = Object.entries(e.fields).filter(([, f]) => f.kind === "unixSeconds").map(([n]) => n);
    compiled.set(e.type, { resolvers, updates, timeFields });
  }
  const width = Math.max(1, ...[...compiled.values()].map((c) => c.resolvers.length));
  // Series indexes of the batch being applied, reused from batch to batch (one thread, no await).
  let resolved = new Int32Array(1024 * width);
  // The compiled declaration of each event of the batch, found once (same reuse).
  const kinds: Compiled[] = [];
  const skew = maxClockSkewSeconds();

  return {
    apply(events, now = Date.now() / 1000) {
      if (resolved.length < events.length * width) resolved = new Int32Array(events.length * width);
      for (let i = 0; i < events.length; i++) {
        const e = events[i]! as Ev;
        const c = compiled.get(e.type as string);
        if (c === undefined) throw new Error(`event ${i}: type has no declaration: schema and catalog disagree`);
        kinds[i] = c;
        for (const f of c.timeFields) {
          const t = e[f];
          if (typeof t === "number" && t > now + skew) {
            return { index: i, field: f, reason: `must not be in the future (more than ${skew} s after the time of receipt)` };
          }
        }
        for (let g = 0; g < c.resolvers.length; g++) {
          const series = c.resolvers[g]!(e);
          if (series < 0) throw new Error(`event ${i} (${e.type as string}) has no series: schema and label space disagree`);
          resolved[i * width + g] = series;
        }
      }
      for (let i = 0; i < events.length; i++) {
        const e = events[i]! as Ev;
        const updates = kinds[i]!.updates;
        for (let u = 0; u < updates.length; u++) updates[u]!.update(e, resolved[i * width + updates[u]!.group]!, now);
      }
      return null;
    },
  };
}
