import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandler } from "../../exporters/http.ts";
import { createFairGate } from "../../exporters/fair.ts";
import { IngestStats, jsonLogger } from "../../exporters/log.ts";
import { businessEvents } from "../../catalog/business-events.ts";
import { businessMetrics } from "../../exporters/series.ts";
import { simulatedEvent } from "../../scripts/stack/events-sim.ts";
import { type Running, TOKEN, post, sample, scrape, startInProcess, validEvents } from "./helpers.ts";

const rejected = (text: string, reason: string) => sample(text, `xinliya_exporter_rejected_events_total{reason="${reason}"}`);

let x: Running;
beforeAll(async () => {
  x = await startInProcess({ MAX_BATCH: "10", MAX_BODY_BYTES: "2048", HEADERS_TIMEOUT_MS: "300", REQUEST_TIMEOUT_MS: "600" });
  // The client runs in this process: its first request (fetch warming up) may take longer than
  // the 600 ms request timeout on a loaded machine. Warm it up until a request gets through.
  for (let i = 0; i < 20 && (await fetch(`${x.url}/healthz`).then((r) => r.status, () => 0)) !== 200; i++);
});
afterAll(async () => {
  await x.stop();
});

describe("exporter routes", () => {
  it("ingests one event and a batch, and shows them on /metrics", async () => {
    const before = await scrape(x.url);
    const count = 'xinliya_agent_processing_duration_seconds_count{agent="cbt_coach",outcome="success"}';
    expect((await post(x.url, validEvents().agent_run)).status).toBe(204);
    const res = await post(x.url, { events: [validEvents().agent_run, validEvents().llm_call, validEvents().sessions] });
    expect(res.status).toBe(204);
    const after = await scrape(x.url);
    expect(sample(after, count) - sample(before, count)).toBe(2);
    expect(sample(after, 'xinliya_llm_requests_total{provider="deepseek",model="deepseek-chat",outcome="rate_limited"}')).toBe(1);
    expect(sample(after, "xinliya_active_sessions")).toBe(12);
    expect(sample(after, "xinliya_concurrent_users")).toBe(9);
  });

  it("serves /metrics as Prometheus text, /healthz and /readyz", async () => {
    const m = await fetch(`${x.url}/metrics`);
    expect(m.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(await m.text()).toMatch(/^# HELP /);
    expect(await (await fetch(`${x.url}/healthz`)).json()).toEqual({ status: "alive" });
    const ready = await fetch(`${x.url}/readyz?verbose=1`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: "ready" }]);
  });

  it("answers unknown paths with 404 and wrong methods with 405, naming the offender", async () => {
    const nf = await fetch(`${x.url}/v2/events`);
    expect([nf.status, (await nf.json()).field]).toEqual([404, "path"]);
    const na = await fetch(`${x.url}/v1/events`);
    expect([na.status, na.headers.get("allow"), (await na.json()).field]).toEqual([405, "POST", "method"]);
    expect((await fetch(`${x.url}/metrics`, { method: "POST" })).status).toBe(405);
  });

  it("exposes every business metric of the catalog with exactly its labels and type", async () => {
    await post(x.url, { type: "backup", backup: "postgres_full", outcome: "success" });
    // Snapshot gauges are absent until their first report: report each once.
    for (const e of businessEvents().filter((d) => d.feeds.some((f) => f.update.op === "set"))) {
      await post(x.url, simulatedEvent(e.type, Date.now() / 1000));
    }
    const text = await scrape(x.url);
    for (const def of businessMetrics()) {
      expect(text, def.name).toContain(`# TYPE ${def.name} ${def.type}`);
      const suffixes = def.type === "histogram" ? ["_bucket", "_sum", "_count"] : [""];
      for (const suffix of suffixes) {
        const lines = text.split("\n").filter((l) => l.startsWith(`${def.name}${suffix}{`) || l.startsWith(`${def.name}${suffix} `));
        expect(lines.length, def.name + suffix).toBeGreaterThan(0);
        for (const line of lines) {
          const labels = [...line.matchAll(/([a-z_]+)="/g)].map((m) => m[1]!).filter((l) => suffix !== "_bucket" || l !== "le");
          expect(labels.sort(), line).toEqual([...def.labels].sort());
        }
      }
    }
  });
});

describe("exporter bad input", () => {
  it("answers malformed JSON with 400 naming the body, and counts it", async () => {
    const before = rejected(await scrape(x.url), "malformed_json");
    const res = await post(x.url, '{"type":"feedback", "rating": 5');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "malformed_json", field: "body", reason: "is not valid JSON" });
    expect(rejected(await scrape(x.url), "malformed_json")).toBe(before + 1);
  });

  it("answers a wrong content type with 415 naming the header", async () => {
    const res = await post(x.url, validEvents().auth, { "content-type": "text/plain" });
    expect([res.status, await res.json()]).toEqual([415, { error: "unsupported_media_type", field: "content-type", reason: "must be application/json" }]);
    expect((await post(x.url, validEvents().auth, { "content-type": "application/json; charset=utf-8" })).status).toBe(204);
  });

  it("answers no token and a wrong token with 401, and counts both", async () => {
    const before = rejected(await scrape(x.url), "unauthorized");
    const none = await fetch(`${x.url}/v1/events`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect([none.status, (await none.json()).field]).toEqual([401, "authorization"]);
    for (const auth of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}X`, TOKEN, "Basic abc", "Bearer "]) {
      expect((await post(x.url, validEvents().auth, { authorization: auth })).status, auth).toBe(401);
    }
    expect(rejected(await scrape(x.url), "unauthorized")).toBe(before + 6);
  });

  it("answers a body over MAX_BODY_BYTES with 413, declared or streamed", async () => {
    const big = JSON.stringify({ events: [{ type: "feature_used", feature: "x".repeat(3000) }] });
    expect((await post(x.url, big)).status).toBe(413);
    // Chunked, without Content-Length: the limit is enforced while reading.
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${x.url}/v1/events`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.write(big.slice(0, 1500));
      setTimeout(() => req.end(big.slice(1500)), 20);
    });
    expect(status).toBe(413);
  });

  it("rejects a whole batch for one invalid event, naming index and field, applying none of it", async () => {
    const series = 'xinliya_feature_usage_total{feature="mood_diary"}';
    const before = await scrape(x.url);
    const events = [validEvents().feature_used, validEvents().feature_used, { type: "feature_used" }];
    const res = await post(x.url, { events });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "invalid_event", index: 2, field: "feature", reason: "is required" });
    const after = await scrape(x.url);
    expect(sample(after, series)).toBe(sample(before, series));
    expect(rejected(after, "invalid_event")).toBe(rejected(before, "invalid_event") + 3);
    const tooMany = await post(x.url, { events: Array.from({ length: 11 }, () => validEvents().feature_used) });
    expect([tooMany.status, (await tooMany.json()).error]).toEqual([400, "batch_too_large"]);
    expect(sample(await scrape(x.url), series)).toBe(sample(before, series));
  });

  it("times out a client that never finishes its headers (slowloris) and keeps serving", async () => {
    const before = rejected(await scrape(x.url), "timeout");
    const socket = net.connect(Number(new URL(x.url).port), "127.0.0.1");
    let answer = "";
    socket.on("data", (d) => { answer += d.toString(); });
    socket.write("POST /v1/events HTTP/1.1\r\nHost: x\r\n");
    const drip = setInterval(() => socket.writable && socket.write("X-Slow: 1\r\n"), 100);
    await new Promise((resolve) => socket.on("close", resolve));
    clearInterval(drip);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect((await fetch(`${x.url}/healthz`)).status).toBe(200);
    expect(rejected(await scrape(x.url), "timeout")).toBe(before + 1);
  });

  it("times out a body that trickles in for longer than the request timeout", async () => {
    const before = rejected(await scrape(x.url), "timeout");
    const socket = net.connect(Number(new URL(x.url).port), "127.0.0.1");
    let answer = "";
    socket.on("data", (d) => { answer += d.toString(); });
    socket.write(`POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Length: 1000\r\n\r\n{"type":`);
    const drip = setInterval(() => socket.writable && socket.write(" "), 100);
    await new Promise((resolve) => socket.on("close", resolve));
    clearInterval(drip);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(rejected(await scrape(x.url), "timeout")).toBe(before + 1);
    expect((await post(x.url, validEvents().auth)).status).toBe(204);
  });

  it("turns an exception inside the exporter into a 500, counted, and stays up", async () => {
    const logs: string[] = [];
    const handler = createHandler({
      authorize: () => true, authorizeScrape: null, validate: (b) => ({ ok: true, events: [b as never], batch: false }), maxBodyBytes: 1024,
      ingest: { apply: () => { throw new Error("boom with alice@example.com"); } }, writeTimeoutMs: 1000, scrapeTurn: (job) => job(), applied: () => undefined,
      scraper: { body: async () => Buffer.alloc(0), renders: () => 0 }, gate: createFairGate(4, 4), cut: (s) => s.destroy(),
      reject: (reason) => logs.push(`reject ${reason}`), stats: new IngestStats(), log: jsonLogger((l) => logs.push(l)), ready: () => true,
    });
    const server = http.createServer(handler).listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    const res = await post(url, { type: "auth", outcome: "success" });
    expect([res.status, (await res.json()).error]).toEqual([500, "internal_error"]);
    expect(logs).toContain("reject internal_error");
    expect(logs.join("\n")).toMatch(/"event":"internal_error","error":"Error"/);
    expect(logs.join("\n")).not.toContain("alice@example.com");
    await new Promise((r) => server.close(r));
  });
});
