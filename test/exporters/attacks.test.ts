// The attacks of the issue, in bounded loops on loopback, against the exporter as a real process.
// The attacker connects from 127.0.0.2 (Linux routes all of 127.0.0.0/8 to loopback), the
// legitimate Prometheus and backend from 127.0.0.1. During each attack a legitimate scrape runs
// every second (on PORT) and a legitimate POST every 50 ms (on INGEST_PORT), each on a new
// connection, answered within 3 s (the machine is shared): both must succeed
// ≥ 99 %, the exporter's RSS must stay < 150 MB, and SIGTERM must still exit 0 within 5 s.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/options.ts";
import { type Child, startChild, stopChild, TOKEN, tokenFile, validEvents } from "./helpers.ts";

const SECONDS = 4;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let child: Child;
const attackers = new Set<ChildProcess>();

afterAll(async () => {
  for (const a of attackers) a.kill("SIGKILL");
  if (child && child.proc.exitCode === null) await stopChild(child);
});

function rssMb(pid: number, field: "VmRSS" | "VmHWM" = "VmRSS"): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

const ATTACKS = ["pipelined-never-read", "pipelined-flood", "idle-sockets", "scrape-flood"];

/** Starts an attack in its own process; resolves once it runs; the returned function stops it by pid. */
async function attack(name: string, port: number): Promise<() => Promise<void>> {
  const a = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot(), "test", "exporters", "attacker.ts"), name, String(port)], {
    cwd: repoRoot(), stdio: ["ignore", "pipe", "inherit"],
  });
  attackers.add(a);
  await new Promise<void>((resolve, reject) => {
    a.stdout!.once("data", () => resolve());
    a.once("exit", (code) => reject(new Error(`attacker ${name} exited with ${code}`)));
  });
  return async () => {
    a.kill("SIGKILL");
    if (a.exitCode === null && a.signalCode === null) await new Promise((r) => a.once("exit", r));
    attackers.delete(a);
  };
}

/** GET /metrics on a new connection, gzip asked, within `ms`: "ok" or what went wrong. */
function freshScrape(port: number, ms: number): Promise<string> {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/metrics", agent: false, headers: { "accept-encoding": "gzip" }, timeout: ms }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (d: Buffer) => chunks.push(d));
      res.on("end", () => {
        const body = Buffer.concat(chunks);
        const text = res.headers["content-encoding"] === "gzip" ? zlib.gunzipSync(body).toString() : body.toString();
        resolve(res.statusCode === 200 && text.includes("xinliya_") ? "ok" : `status ${res.statusCode}`);
      });
      res.on("error", (e) => resolve(e.message));
    });
    req.on("timeout", () => { req.destroy(); resolve("timeout"); });
    req.on("error", (e) => resolve(e.message));
  });
}

/** POST one event on a new connection within `ms`: "ok" (204) or what went wrong. */
function freshPost(port: number, ms: number): Promise<string> {
  return new Promise((resolve) => {
    const body = JSON.stringify(validEvents().agent_run);
    const req = http.request({
      host: "127.0.0.1", port, path: "/v1/events", method: "POST", agent: false, timeout: ms,
      headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}`, "content-length": Buffer.byteLength(body) },
    }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode === 204 ? "ok" : `status ${res.statusCode}`));
    });
    req.on("timeout", () => { req.destroy(); resolve("timeout"); });
    req.on("error", (e) => resolve(e.message));
    req.end(body);
  });
}

interface Legit { scrapes: number; scrapesOk: number; posts: number; postsOk: number; maxRss: number; errors: string[] }

async function legitimate(seconds: number): Promise<Legit> {
  const r: Legit = { scrapes: 0, scrapesOk: 0, posts: 0, postsOk: 0, maxRss: 0, errors: [] };
  const end = Date.now() + seconds * 1000;
  const scraper = (async () => {
    while (Date.now() < end) {
      const t = Date.now();
      r.scrapes++;
      // A new connection for every scrape, as Prometheus makes when its interval (15 s) is longer
      // than the exporter's keep-alive (5 s): it must get through whatever the attacker holds.
      const answer = await freshScrape(Number(new URL(child.url).port), 3000);
      if (answer === "ok") r.scrapesOk++;
      else r.errors.push(`scrape ${answer}`);
      await sleep(Math.max(0, 1000 - (Date.now() - t)));
    }
  })();
  const poster = (async () => {
    while (Date.now() < end) {
      r.posts++;
      const answer = await freshPost(Number(new URL(child.ingestUrl).port), 3000);
      if (answer === "ok") r.postsOk++;
      else r.errors.push(`POST ${answer}`);
      await sleep(50);
    }
  })();
  const rss = setInterval(() => { r.maxRss = Math.max(r.maxRss, rssMb(child.proc.pid!)); }, 100);
  await Promise.all([scraper, poster]);
  clearInterval(rss);
  return r;
}

describe("exporter under attack (bounded loops on loopback)", () => {
  it.each(ATTACKS)("%s: legitimate scrapes and POSTs succeed (≥ 99 percent), RSS < 150 MB", async (name) => {
    if (child === undefined) {
      child = await startChild({ EXPORTER_TOKEN_FILE: tokenFile(), METRICS_MAX_AGE_MS: "1000" });
      // Prometheus was scraping before the attack began.
      expect(await freshScrape(Number(new URL(child.url).port), 10_000)).toBe("ok");
    }
    const stop = await attack(name, Number(new URL(child.url).port));
    await sleep(300);
    const r = await legitimate(SECONDS);
    await stop();
    console.log(`${name}: scrapes ${r.scrapesOk}/${r.scrapes}, POSTs ${r.postsOk}/${r.posts}, max RSS ${r.maxRss.toFixed(0)} MB ${[...new Set(r.errors)].slice(0, 3).join("; ")}`);
    expect(r.scrapesOk / r.scrapes).toBeGreaterThanOrEqual(0.99);
    expect(r.postsOk / r.posts).toBeGreaterThanOrEqual(0.99);
    expect(r.maxRss).toBeLessThan(150);
    await sleep(200);
  }, 30_000);

  it("SIGTERM during an attack exits 0 within 5 s; peak RSS stayed < 150 MB", async () => {
    const port = Number(new URL(child.url).port);
    const stops = await Promise.all([attack("pipelined-never-read", port), attack("scrape-flood", port)]);
    await sleep(1000);
    const peak = rssMb(child.proc.pid!, "VmHWM");
    const t = Date.now();
    child.proc.kill("SIGTERM");
    const code = await Promise.race([child.exited, sleep(5000).then(() => "still running")]);
    const ms = Date.now() - t;
    await Promise.all(stops.map((s) => s()));
    console.log(`SIGTERM under attack: exit ${String(code)} after ${ms} ms; peak RSS (VmHWM) ${peak.toFixed(0)} MB`);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(5000);
    expect(peak).toBeLessThan(150);
  }, 30_000);
});
