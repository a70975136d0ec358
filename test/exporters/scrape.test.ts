import client from "prom-client";
import { describe, expect, it } from "vitest";
import { createScraper } from "../../exporters/scrape.ts";

/** A business registry with one counter, and a count of its renders. */
function fixture() {
  const business = new client.Registry();
  const runtime = new client.Registry();
  let renders = 0;
  const counter = new client.Counter({ name: "x_total", help: "x", registers: [business], collect: () => { renders += 1; } });
  new client.Gauge({ name: "runtime_value", help: "r", registers: [runtime] });
  let now = 0;
  return { business, runtime, counter, renders: () => renders, tick: (ms: number) => { now += ms; }, clock: () => now };
}

const text = async (parts: Promise<Buffer[]>) => Buffer.concat(await parts).toString();

describe("scrape cache", () => {
  it("renders the business metrics only when they changed", async () => {
    const f = fixture();
    const s = createScraper(f, 0, f.clock);
    expect(await text(s.render())).toMatch(/runtime_value 0[\s\S]*x_total 0/);
    await s.render();
    expect(f.renders()).toBe(1);
    f.counter.inc(2);
    s.changed();
    expect(await text(s.render())).toContain("x_total 2");
    expect(f.renders()).toBe(2);
  });

  it("shares one render among concurrent scrapes", async () => {
    const f = fixture();
    const s = createScraper(f, 0, f.clock);
    const all = await Promise.all(Array.from({ length: 10 }, () => text(s.render())));
    expect(new Set(all).size).toBe(1);
    expect(f.renders()).toBe(1);
  });

  it("while events keep coming, renders at most once per max age, never showing older text", async () => {
    const f = fixture();
    const s = createScraper(f, 1000, f.clock);
    await s.render();
    f.counter.inc(1);
    s.changed();
    f.tick(400);
    expect(await text(s.render())).toContain("x_total 0"); // 400 ms old: served from the cache
    f.tick(600);
    expect(await text(s.render())).toContain("x_total 1"); // 1 s old: rendered anew
    expect(f.renders()).toBe(2);
  });
});
