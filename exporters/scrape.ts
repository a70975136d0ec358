// The text of GET /metrics. prom-client renders about 1 µs per exposition line, and the business
// registry at full cardinality has ~3 500 lines (~370 kB): ~4 ms of CPU per render. Rendering it
// for every scrape would serialise concurrent scrapers behind each other, so the business part is
// rendered once per change: ingest bumps a generation number, and a scrape renders only when the
// generation moved since the cached text; scrapes that arrive during a render share it. The small
// runtime part (process and Node.js metrics, ~130 lines) is rendered fresh for every scrape.
// The cached text is kept as a Buffer: a scrape then neither builds nor encodes a 370 kB string,
// which would land in V8's large-object space at every scrape and grow the heap.
import type { ExporterMetrics } from "./metrics.ts";

export interface Scraper {
  /** Marks the business metrics as changed since the last render. */
  changed(): void;
  /** The exposition text: the runtime part, then the business part. */
  render(): Promise<Buffer[]>;
  contentType: string;
}

export function createScraper(m: ExporterMetrics): Scraper {
  let generation = 0;
  let cached: { generation: number; text: Buffer } | null = null;
  let pending: { generation: number; text: Promise<Buffer> } | null = null;

  function business(): Promise<Buffer> {
    if (cached !== null && cached.generation === generation) return Promise.resolve(cached.text);
    if (pending !== null && pending.generation === generation) return pending.text;
    const at = generation;
    const text = m.business.metrics().then((t) => Buffer.from(t, "utf8"));
    pending = { generation: at, text };
    text.then(
      (t) => {
        if (cached === null || cached.generation < at) cached = { generation: at, text: t };
        if (pending?.generation === at) pending = null;
      },
      () => {
        if (pending?.generation === at) pending = null;
      },
    );
    return text;
  }

  return {
    changed() {
      generation += 1;
    },
    async render() {
      const [runtime, biz] = await Promise.all([m.runtime.metrics(), business()]);
      return [Buffer.from(runtime, "utf8"), biz];
    },
    contentType: m.business.contentType,
  };
}
