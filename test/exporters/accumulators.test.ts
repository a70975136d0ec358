// The array-backed metrics must expose exactly what stock prom-client metrics would.
import client from "prom-client";
import { describe, expect, it } from "vitest";
import { SeriesCounter, SeriesHistogram } from "../../exporters/accumulators.ts";

const sets = [{ agent: "a", outcome: "success" }, { agent: "b", outcome: "error" }, { agent: "other", outcome: "success" }];
const buckets = [0.5, 1, 2, 5];
// Values on, between, below and above the bounds.
const observations: [number, number][] = [[0, 0.5], [0, 0.7], [1, 5], [1, 5.01], [0, 0], [2, 2], [0, 1e6], [1, 1.5]];

describe("SeriesHistogram", () => {
  it("renders the same text as a prom-client Histogram fed the same observations", async () => {
    const ours = new client.Registry();
    const stock = new client.Registry();
    const config = { name: "h_seconds", help: "help text", labelNames: ["agent", "outcome"] };
    const h = new SeriesHistogram({ ...config, registry: ours }, buckets, sets);
    const s = new client.Histogram({ ...config, buckets, registers: [stock] });
    for (const labels of sets) s.zero(labels);
    for (const [i, v] of observations) {
      h.record(i, v);
      s.observe(sets[i]!, v);
    }
    expect(await ours.metrics()).toBe(await stock.metrics());
    // prom-client adds an empty `exemplar` to each value (exemplars are off here).
    const plain = (values: object[]) => values.map(({ exemplar: _, ...v }: { exemplar?: unknown }) => v);
    expect(plain((await h.get()).values)).toEqual(plain((await s.get()).values));
    expect(() => h.observe(sets[0]!, 1)).toThrow(/use record/);
  });
});

describe("SeriesCounter", () => {
  it("renders the same text as a prom-client Counter, zero series included", async () => {
    const ours = new client.Registry();
    const stock = new client.Registry();
    const config = { name: "c_total", help: "help text", labelNames: ["agent", "outcome"] };
    const c = new SeriesCounter({ ...config, registry: ours }, sets);
    const s = new client.Counter({ ...config, registers: [stock] });
    for (const labels of sets) s.inc(labels, 0);
    for (const [i, v] of observations) {
      c.add(i, v);
      s.inc(sets[i]!, v);
    }
    expect(await ours.metrics()).toBe(await stock.metrics());
    // Increments after a scrape are not lost or counted twice.
    c.add(2, 3);
    s.inc(sets[2]!, 3);
    expect(await ours.metrics()).toBe(await stock.metrics());
    expect(await ours.metrics()).toContain('c_total{agent="other",outcome="success"} 5');
  });
});
