// HTTP details of the issue: Bearer in any case, gzip bodies, HEAD, OpenMetrics, gzip scrapes,
// /metrics auth, duplicate keys, future timestamps, and the ingest listener's routes.
import { spawnSync } from "node:child_process";
import net from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maxClockSkewSeconds } from "../../catalog/business-events.ts";
import { post, type Running, sample, scrape, startInProcess, TOKEN, tokenFile, validEvents } from "./helpers.ts";

const METRICS_TOKEN = "metrics-token-4b1d9e0c7a2f";
let x: Running;
let locked: Running;

beforeAll(async () => {
  x = await startInProcess();
  locked = await startInProcess({ METRICS_TOKEN_FILE: tokenFile(METRICS_TOKEN) });
});
afterAll(async () => {
  await x.stop();
  await locked.stop();
});

const rejected = (text: string, reason: string) => sample(text, `xinliya_exporter_rejected_events_total{reason="${reason}"}`);

describe("exporter HTTP details", () => {
  it("matches the Bearer scheme case-insensitively", async () => {
    for (const scheme of ["Bearer", "bearer", "BEARER", "bEaReR"]) {
      expect((await post(x.url, validEvents().auth, { authorization: `${scheme} ${TOKEN}` })).status, scheme).toBe(204);
    }
    expect((await post(x.url, validEvents().auth, { authorization: `Basic ${TOKEN}` })).status).toBe(401);
  });

  it("accepts a gzip body, refuses other encodings with 415 and a zip bomb with 413", async () => {
    const body = zlib.gzipSync(JSON.stringify({ events: [validEvents().feature_used, validEvents().error] }));
    const res = await fetch(`${x.url}/v1/events`, {
      method: "POST", body, headers: { "content-type": "application/json", "content-encoding": "gzip", authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(204);
    const br = await post(x.url, validEvents().auth, { "content-encoding": "br" });
    expect(br.status).toBe(415);
    expect((await br.json()).field).toBe("content-encoding");
    const bomb = zlib.gzipSync(Buffer.alloc(8 * 1024 * 1024, 32));
    const big = await fetch(`${x.url}/v1/events`, {
      method: "POST", body: bomb, headers: { "content-type": "application/json", "content-encoding": "gzip", authorization: `Bearer ${TOKEN}` },
    });
    expect(big.status).toBe(413);
  });

  it("refuses a duplicate JSON key with 400 naming it, and applies nothing", async () => {
    const before = await scrape(x.url);
    const series = 'xinliya_auth_attempts_total{outcome="failure"}';
    const res = await post(x.url, '{"events":[{"type":"auth","outcome":"failure"},{"type":"auth","outcome":"success","outcome":"failure"}]}');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_event", field: "outcome", reason: "is a duplicate key" });
    const spaced = await post(x.url, '{"type" : "auth", "outcome" : "failure"}');
    expect(spaced.status).toBe(204);
    const valueWithPair = await post(x.url, JSON.stringify({ type: "feature_used", feature: 'a":b' }));
    expect(valueWithPair.status).toBe(204);
    const after = await scrape(x.url);
    expect(sample(after, series)).toBe(sample(before, series) + 1);
    expect(rejected(after, "invalid_event")).toBe(rejected(before, "invalid_event") + 2);
  });

  it("refuses a backup finishedAt in the future beyond the clock skew, naming the field", async () => {
    const now = Date.now() / 1000;
    const future = { type: "backup", backup: "postgres_full", outcome: "success", finishedAt: Math.round(now + maxClockSkewSeconds() + 60) };
    const res = await post(x.url, future);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_event", field: "finishedAt" });
    const batch = await post(x.url, { events: [validEvents().auth, future] });
    expect(await batch.json()).toMatchObject({ index: 1, field: "finishedAt" });
    const skewed = { ...future, finishedAt: Math.round(now + maxClockSkewSeconds() / 2) };
    expect((await post(x.url, skewed)).status).toBe(204);
  });

  it("answers HEAD /metrics with the headers only", async () => {
    const res = await fetch(`${x.url}/metrics`, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(Number(res.headers.get("content-length"))).toBeGreaterThan(1000);
    expect(await res.text()).toBe("");
  });

  it("negotiates OpenMetrics as Prometheus asks, and serves gzip when asked", async () => {
    const accept = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    const res = await fetch(`${x.url}/metrics`, { headers: { accept, "accept-encoding": "gzip" } });
    expect(res.headers.get("content-type")).toBe("application/openmetrics-text; version=1.0.0; charset=utf-8");
    const text = await res.text();
    expect(text.endsWith("# EOF\n")).toBe(true);
    // promtool reads the text format only; the real Prometheus parses our OpenMetrics in durability.test.ts.
    const r = spawnSync("promtool", ["check", "metrics"], { input: await scrape(x.url), encoding: "utf8" });
    expect(`${r.stdout}${r.stderr}`).toBe("");
    // Raw socket: the body is really gzip on the wire.
    const raw = await new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      const s = net.connect(Number(new URL(x.url).port), "127.0.0.1", () => s.write("GET /metrics HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n"));
      s.on("data", (d) => chunks.push(d));
      s.on("end", () => resolve(Buffer.concat(chunks)));
    });
    const split = raw.indexOf("\r\n\r\n");
    expect(raw.subarray(0, split).toString()).toMatch(/Content-Encoding: gzip/i);
    expect(zlib.gunzipSync(raw.subarray(split + 4)).toString()).toMatch(/^# HELP /);
  });

  it("guards /metrics with METRICS_TOKEN_FILE when set", async () => {
    expect((await fetch(`${locked.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${locked.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(401);
    expect((await fetch(`${locked.url}/metrics`, { headers: { authorization: `bearer ${METRICS_TOKEN}` } })).status).toBe(200);
    expect((await fetch(`${locked.url}/healthz`)).status).toBe(200);
  });

  it("serves POST /v1/events and health on the ingest listener, and not /metrics", async () => {
    expect((await post(x.ingestUrl, validEvents().auth)).status).toBe(204);
    expect((await fetch(`${x.ingestUrl}/metrics`)).status).toBe(404);
    expect((await fetch(`${x.ingestUrl}/readyz`)).status).toBe(200);
  });
});
