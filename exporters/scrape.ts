// The text of GET /metrics. prom-client renders about 1 µs per exposition line, and the business
// registry at full cardinality has ~3 500 lines (~370 kB): a few ms of CPU and ~2 MB of garbage
// per render. Rendering it for every scrape would serialise concurrent scrapers behind each other,
// and /metrics needs no token, so anyone who reaches it could make the exporter render in a loop.
// Hence the business part is cached between scrapes:
//  - ingest bumps a generation number; a scrape renders only if the generation moved;
//  - and at most once per `maxAgeMs` (METRICS_MAX_AGE_MS, default 1 s): within that time a scrape
//    gets the last text, at most that old, which no Prometheus scraping every 15 s can notice;
//  - scrapes that arrive during a render share it.
// The cached text is a Buffer, sent as is to every scraper. The small runtime part (process and
// Node.js metrics, ~130 lines) is rendered fresh for every scrape.
import type { ExporterMetrics } from "./metrics.ts";

export interface Scraper {
  /** Marks the business metrics as changed since the last render. */
  changed(): void;
  /** The exposition text: the runtime part, then the business part. */
  render(): Promise<Buffer[]>;
  contentType: string;
}

interface Rendered {
  generation: number;
  at: number;
  text: Buffer;
}

type Registries = Pick<ExporterMetrics, "business" | "runtime">;

export function createScraper(m: Registries, maxAgeMs: number, clock: () => number = () => performance.now()): Scraper {
  let generation = 0;
  let cached: Rendered | null = null;
  let pending: { generation: number; text: Promise<Buffer> } | null = null;

  function business(): Promise<Buffer> {
    const now = clock();
    if (cached !== null && (cached.generation === generation || now - cached.at < maxAgeMs)) return Promise.resolve(cached.text);
    if (pending !== null && pending.generation === generation) return pending.text;
    const at = generation;
    const text = m.business.metrics().then((t) => Buffer.from(t, "utf8"));
    pending = { generation: at, text };
    text.then(
      (t) => {
        if (cached === null || cached.generation < at) cached = { generation: at, at: now, text: t };
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
