import zlib from "node:zlib";
import client from "prom-client";
import { describe, expect, it } from "vitest";
import { createMetrics } from "../../exporters/metrics.ts";
import { createScraper } from "../../exporters/scrape.ts";

function fixture() {
  const m = createMetrics();
  const runtime = new client.Registry();
  new client.Gauge({ name: "runtime_value", help: "r", registers: [runtime] });
  let now = 0;
  const counter = m.stores.find((s) => s.kind === "counter")!;
  return { m: { stores: m.stores, runtime }, counter, tick: (ms: number) => { now += ms; }, clock: () => now };
}

describe("scrape cache", () => {
  it("renders at most once per interval, shared by every scrape within it", async () => {
    const f = fixture();
    const s = createScraper(f.m, 1000, f.clock);
    const first = await s.body("text", false);
    expect(first.toString()).toMatch(/runtime_value 0[\s\S]*_total\{/);
    f.counter.add(0, 5);
    const [a, b] = await Promise.all([s.body("text", false), s.body("text", false)]);
    expect(a).toBe(first);
    expect(b).toBe(first);
    expect(s.renders()).toBe(1);
    f.tick(1000);
    const later = (await s.body("text", false)).toString();
    expect(s.renders()).toBe(2);
    expect(later).toContain(`${f.counter.name}{${f.counter.labels[0]}} 5`);
  });

  it("serves gzip and OpenMetrics from the same frame", async () => {
    const f = fixture();
    const s = createScraper(f.m, 1000, f.clock);
    const plain = await s.body("text", false);
    const gz = await s.body("text", true);
    expect(zlib.gunzipSync(gz).equals(plain)).toBe(true);
    expect(gz.length).toBeLessThan(plain.length / 4);
    const om = (await s.body("openmetrics", false)).toString();
    expect(om.endsWith("# EOF\n")).toBe(true);
    // OpenMetrics names a counter family without _total; the sample keeps it.
    const family = f.counter.name.replace(/_total$/, "");
    expect(om).toContain(`# TYPE ${family} counter\n`);
    expect(om).toContain(`${f.counter.name}{`);
    expect(s.renders()).toBe(2);
  });

  it("renders fresh for every scrape with an interval of 0", async () => {
    const f = fixture();
    const s = createScraper(f.m, 0, f.clock);
    await s.body("text", false);
    await s.body("text", false);
    expect(s.renders()).toBe(2);
  });
});
