// The body of GET /metrics, rendered at most once per interval and shared. A full render (the
// business stores, ~3 500 lines, and prom-client's runtime metrics) takes a few ms and ~1 MB of
// garbage; /metrics may be reachable by anyone on the network, so a scrape flood must not make
// the exporter render in a loop. A "frame" is therefore rendered at most once per `maxAgeMs`
// (METRICS_MAX_AGE_MS, default 1 s), lazily per format (text 0.0.4 or OpenMetrics) and encoding
// (identity or gzip, compressed on libuv's thread pool), and every scrape within that interval,
// concurrent or not, is sent the same Buffer. No Prometheus scraping every second or slower can
// tell: a frame is at most one interval old.
import zlib from "node:zlib";
import { type Format, renderRuntime, renderStores } from "./exposition.ts";
import type { ExporterMetrics } from "./metrics.ts";

export interface Scraper {
  /** The exposition in `format`, gzip-compressed when `gzip`. */
  body(format: Format, gzip: boolean): Promise<Buffer>;
  /** Full renders so far (one per frame and format). */
  renders(): number;
}

interface Frame {
  at: number;
  variants: Map<string, Promise<Buffer>>;
  /** The state snapshot taken with this frame, on disk once resolved. */
  persisted: Promise<void>;
}

const gzipped = (b: Buffer) => new Promise<Buffer>((resolve, reject) => zlib.gzip(b, { level: 6 }, (e, out) => (e ? reject(e) : resolve(out))));

export function createScraper(
  m: Pick<ExporterMetrics, "stores" | "runtime">, maxAgeMs: number, clock: () => number = () => performance.now(),
  persist: () => Promise<void> = () => Promise.resolve(),
): Scraper {
  let frame: Frame | null = null;
  let renders = 0;

  async function render(f: Frame, format: Format): Promise<Buffer> {
    // The business part now, in the tick of the frame's snapshot; served once that is on disk.
    const business = renderStores(m.stores, format);
    renders++;
    const [runtime] = await Promise.all([m.runtime.getMetricsAsJSON(), f.persisted]);
    const text = renderRuntime(runtime, format) + business + (format === "openmetrics" ? "# EOF\n" : "");
    return Buffer.from(text, "utf8");
  }

  function variant(f: Frame, key: string, make: () => Promise<Buffer>): Promise<Buffer> {
    let p = f.variants.get(key);
    if (p === undefined) {
      p = make();
      f.variants.set(key, p);
      // A failed render is not cached: the next scrape tries again.
      p.catch(() => { if (f.variants.get(key) === p) f.variants.delete(key); });
    }
    return p;
  }

  return {
    body(format, gzip) {
      const now = clock();
      if (frame === null || now - frame.at >= maxAgeMs) frame = { at: now, variants: new Map(), persisted: persist() };
      const f = frame;
      const plain = variant(f, format, () => render(f, format));
      return gzip ? variant(f, `${format}+gzip`, () => plain.then(gzipped)) : plain;
    },
    renders: () => renders,
  };
}
