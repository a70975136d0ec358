// The proof of "nothing accepted is lost", with the real Prometheus of the stack (Debian's
// /usr/bin/prometheus, scraping every second on loopback, negotiating OpenMetrics as it does):
//  - SIGTERM: post N events (some never scraped before the stop), SIGTERM, restart on the same
//    state folder: increase() over the restart equals N and Prometheus sees no reset;
//  - SIGKILL: post a steady stream, SIGKILL, restart: what was lost is measured and is at most
//    what was acknowledged in the last state interval (1 s) before the kill.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePorts } from "../../scripts/stack/ports.ts";
import { tempDir } from "../helpers.ts";
import { type Child, post, sample, scrape, startChild, stopChild, tokenFile } from "./helpers.ts";

const SERIES = 'xinliya_feature_usage_total{feature="mood_diary"}';
const event = { type: "feature_used", feature: "mood_diary" };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let prometheus: ChildProcess | undefined;

afterAll(async () => {
  if (prometheus && prometheus.exitCode === null) {
    prometheus.kill("SIGTERM");
    await new Promise((r) => prometheus!.once("exit", r));
  }
});

async function query(base: string, q: string, time?: number): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const url = `${base}/api/v1/query?query=${encodeURIComponent(q)}${time === undefined ? "" : `&time=${time}`}`;
  const body = await (await fetch(url)).json() as { status: string; data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
  if (body.status !== "success") throw new Error(`${q}: ${JSON.stringify(body)}`);
  return body.data.result;
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

async function postN(url: string, n: number, batch = 50): Promise<number> {
  let acked = 0;
  for (let i = 0; i < n; i += batch) {
    const events = Array.from({ length: Math.min(batch, n - i) }, () => event);
    if ((await post(url, { events })).status === 204) acked += events.length;
  }
  return acked;
}

/** The counter's value in Prometheus at its latest sample, with that sample's own time. */
async function latest(base: string): Promise<{ t: number; v: number }> {
  const [v, t] = await Promise.all([query(base, SERIES), query(base, `timestamp(${SERIES})`)]);
  return { t: Number(t[0]!.value[1]), v: Number(v[0]!.value[1]) };
}

describe("exporter durability with the real Prometheus", () => {
  it("SIGTERM loses nothing; SIGKILL loses at most the last state interval", async () => {
    const [promPort, port, ingestPort] = await freePorts(3, 23000 + Math.floor(Math.random() * 2000));
    const dir = tempDir("xinliya-durability-");
    const state = path.join(dir, "state");
    fs.writeFileSync(path.join(dir, "prometheus.yml"), [
      "global: { scrape_interval: 1s, evaluation_interval: 1s }",
      `scrape_configs: [{ job_name: exporter, static_configs: [{ targets: ["127.0.0.1:${port}"] }] }]`, "",
    ].join("\n"));
    prometheus = spawn("/usr/bin/prometheus", [
      `--config.file=${path.join(dir, "prometheus.yml")}`, `--storage.tsdb.path=${path.join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
    ], { stdio: "ignore" });
    const base = `http://127.0.0.1:${promPort}`;
    const env = { EXPORTER_TOKEN_FILE: tokenFile(), PORT: String(port), INGEST_PORT: String(ingestPort), EXPORTER_STATE_DIR: state, METRICS_MAX_AGE_MS: "1000" };
    let child: Child = await startChild(env);
    await until("a first scrape at 0", async () => ((await latest(base)).v === 0 ? true : undefined));
    await sleep(2000);
    const t0 = (await latest(base)).t;
    const targets = await (await fetch(`${base}/api/v1/targets`)).json() as { data: { activeTargets: { health: string; lastError: string }[] } };
    expect(targets.data.activeTargets[0]).toMatchObject({ health: "up", lastError: "" });

    // SIGTERM: N events, the last ones acknowledged just before the stop and never scraped.
    const first = await postN(child.ingestUrl, 300);
    await sleep(2500);
    const unscraped = await postN(child.ingestUrl, 200);
    expect(await stopChild(child)).toBe(0);
    child = await startChild(env);
    const n = first + unscraped;
    const restored = await until("the restored value in Prometheus", async () => {
      const l = await latest(base);
      return l.v === n && l.t > t0 ? l : undefined;
    });
    await sleep(2000);
    // Evaluated at the last sample's time, with a zero sample first in the window, increase()
    // does not extrapolate: it is exactly the counter's rise.
    const tEnd = (await latest(base)).t;
    const window = `${Math.ceil(tEnd - t0)}s`;
    const increase = Number((await query(base, `increase(${SERIES}[${window}])`, tEnd))[0]!.value[1]);
    const resets = Number((await query(base, `resets(${SERIES}[${window}])`, tEnd))[0]!.value[1]);
    console.log(`SIGTERM: ${n} events acknowledged (${unscraped} after the last scrape), increase() over the restart ${increase}, resets ${resets}`);
    expect(restored.v).toBe(n);
    expect(increase).toBeCloseTo(n, 6);
    expect(resets).toBe(0);

    // SIGKILL: a steady stream, then a kill without warning.
    const acks: number[] = [];
    let acked = 0;
    const t1 = Date.now();
    while (Date.now() - t1 < 3000) {
      if ((await post(child.ingestUrl, { events: Array.from({ length: 20 }, () => event) })).status === 204) {
        acked += 20;
        acks.push(Date.now());
      }
      await sleep(5);
    }
    const killedAt = Date.now();
    child.proc.kill("SIGKILL");
    await child.exited;
    child = await startChild(env);
    const after = sample(await scrape(child.url), SERIES);
    const lost = n + acked - after;
    const lastSecond = acks.filter((t) => t > killedAt - 1000).length * 20;
    console.log(`SIGKILL: ${acked} events acknowledged in 3 s, ${lost} lost (${((lost / acked) * 100).toFixed(1)} %); acknowledged in the last second before the kill: ${lastSecond}`);
    await until("the value after the kill in Prometheus", async () => ((await latest(base)).v === after ? true : undefined));
    await sleep(1500);
    const tKill = (await latest(base)).t;
    const w2 = `${Math.ceil(tKill - t0)}s`;
    const increase2 = Number((await query(base, `increase(${SERIES}[${w2}])`, tKill))[0]!.value[1]);
    console.log(`SIGKILL: increase() over both restarts ${increase2} of ${n + acked} acknowledged`);
    expect(increase2).toBeCloseTo(after, 6);
    expect(lost).toBeGreaterThanOrEqual(0);
    // At most the last interval, plus the time one snapshot takes to write (a few ms of events).
    expect(lost).toBeLessThanOrEqual(lastSecond + 100);
    expect(await stopChild(child)).toBe(0);
  }, 90_000);
});
