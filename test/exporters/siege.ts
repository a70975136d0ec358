// The legitimate clients of the attack tests, and the attacker as a child process (attacker.ts).
// The attacker connects from 127.0.0.2 (Linux routes all of 127.0.0.0/8 to loopback), the
// legitimate Prometheus and backend from 127.0.0.1: a scrape every second and a POST every
// 50 ms, each on a new connection, answered within 3 s (the machine is shared).
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { expect } from "vitest";
import { repoRoot } from "../../scripts/lib/options.ts";
import { type Child, TOKEN, validEvents } from "./helpers.ts";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const attackers = new Set<ChildProcess>();

/** SIGKILL by pid every attacker still running (afterAll). */
export function killAttackers(): void {
  for (const a of attackers) a.kill("SIGKILL");
}

export function rssMb(pid: number, field: "VmRSS" | "VmHWM" = "VmRSS"): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** Starts an attack in its own process; resolves once it runs; the returned function stops it by pid. */
export async function attack(name: string, port: number, token?: string): Promise<() => Promise<void>> {
  const args = [name, String(port), ...(token === undefined ? [] : [token])];
  const a = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot(), "test", "exporters", "attacker.ts"), ...args], {
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

/**
 * SIGTERM while the attacks of `stops` run (a second after they started): the exporter exits 0
 * within 5 s, and its peak RSS (VmHWM) stayed under 150 MB. Stops the attacks afterwards.
 */
export async function expectSigtermUnderAttack(child: Child, stops: (() => Promise<void>)[], what: string): Promise<void> {
  await sleep(1000);
  const peak = rssMb(child.proc.pid!, "VmHWM");
  const t = Date.now();
  child.proc.kill("SIGTERM");
  const code = await Promise.race([child.exited, sleep(5000).then(() => "still running")]);
  const ms = Date.now() - t;
  await Promise.all(stops.map((s) => s()));
  console.log(`SIGTERM ${what}: exit ${String(code)} after ${ms} ms; peak RSS (VmHWM) ${peak.toFixed(0)} MB`);
  expect(code).toBe(0);
  expect(ms).toBeLessThan(5000);
  expect(peak).toBeLessThan(150);
}

/** GET /metrics on a new connection, gzip asked, within `ms`: "ok" or what went wrong. */
export function freshScrape(port: number, ms: number): Promise<string> {
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
export function freshPost(port: number, ms: number): Promise<string> {
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

export interface Legit { scrapes: number; scrapesOk: number; posts: number; postsOk: number; maxRss: number; errors: string[] }

/**
 * For `seconds`: a scrape every second on `scrapePort`, a POST every 50 ms on each of
 * `postPorts` in turn; the exporter's (`pid`) RSS sampled every 100 ms.
 */
export async function legitimate(seconds: number, pid: number, scrapePort: number, postPorts: number[]): Promise<Legit> {
  const r: Legit = { scrapes: 0, scrapesOk: 0, posts: 0, postsOk: 0, maxRss: 0, errors: [] };
  const end = Date.now() + seconds * 1000;
  const scraper = (async () => {
    while (Date.now() < end) {
      const t = Date.now();
      r.scrapes++;
      // A new connection for every scrape, as Prometheus makes when its interval (15 s) is longer
      // than the exporter's keep-alive (5 s): it must get through whatever the attacker holds.
      const answer = await freshScrape(scrapePort, 3000);
      if (answer === "ok") r.scrapesOk++;
      else r.errors.push(`scrape ${answer}`);
      await sleep(Math.max(0, 1000 - (Date.now() - t)));
    }
  })();
  const poster = (async () => {
    while (Date.now() < end) {
      const port = postPorts[r.posts % postPorts.length]!;
      r.posts++;
      const answer = await freshPost(port, 3000);
      if (answer === "ok") r.postsOk++;
      else r.errors.push(`POST :${port === scrapePort ? "scrape" : "ingest"} ${answer}`);
      await sleep(50);
    }
  })();
  const rss = setInterval(() => { r.maxRss = Math.max(r.maxRss, rssMb(pid)); }, 100);
  await Promise.all([scraper, poster]);
  clearInterval(rss);
  return r;
}

export function summary(name: string, r: Legit): string {
  return `${name}: scrapes ${r.scrapesOk}/${r.scrapes}, POSTs ${r.postsOk}/${r.posts}, max RSS ${r.maxRss.toFixed(0)} MB ${[...new Set(r.errors)].slice(0, 3).join("; ")}`;
}

/**
 * Plays one attack on `scrapePort` while the legitimate scraper (same port) and backend (POSTs
 * on `postPorts`) run for `seconds`: both succeed ≥ 99 % and the exporter's RSS stays < 150 MB.
 */
export async function expectSurvives(o: { name: string; pid: number; scrapePort: number; postPorts: number[]; seconds: number; token?: string }): Promise<void> {
  const stop = await attack(o.name, o.scrapePort, o.token);
  await sleep(300);
  const r = await legitimate(o.seconds, o.pid, o.scrapePort, o.postPorts);
  await stop();
  console.log(summary(o.name, r));
  expect(r.scrapesOk / r.scrapes).toBeGreaterThanOrEqual(0.99);
  expect(r.postsOk / r.posts).toBeGreaterThanOrEqual(0.99);
  expect(r.maxRss).toBeLessThan(150);
  await sleep(200);
}
