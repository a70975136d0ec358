// npm run bench:exporter [-- --rounds 5 --seconds 3]: load on loopback with autocannon, the five
// scenarios interleaved round by round, medians reported. A report, not a pass/fail test.
//  1 baseline   bare Node http: read body, JSON.parse, 204
//  2 single     exporter, one event per POST, authenticated and validated
//  3 batch      exporter, 100 events per POST
//  4 pushgw     Prometheus Pushgateway (Debian package), one pushed sample per POST
//  5 scrape     GET /metrics of the exporter, 10 concurrent scrapers, every allowed series present
//  5b (extra)   the same 10 connections alternating one POSTed event and one GET /metrics: every
//               scrape finds the metrics changed, and the cache renders at most once per
//               METRICS_MAX_AGE_MS (default 1 s). The cost of one uncached render is measured apart.
// Every server runs pinned to CPU 1 (taskset) and autocannon runs here, free to use the other
// core. Even so, req/s of back-to-back runs may differ by 2×: the ratios are therefore taken per
// round and their median reported, and the server's CPU time per request is shown beside them.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { renderStores } from "../exporters/exposition.ts";
import { createMetrics } from "../exporters/metrics.ts";
import { sampleBound } from "../exporters/series.ts";
import { repoRoot } from "./lib/options.ts";
import { backupBody, batchBody, singleEventBody } from "./bench/payloads.ts";
import { answers, type Child, cpuSeconds, exporterNodeFlags, freePort, peakRssMb, pinned, start, stop } from "./bench/processes.ts";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { rounds: { type: "string", default: "5" }, seconds: { type: "string", default: "3" } },
});
const rounds = Math.max(1, Number(values.rounds));
const seconds = Math.max(1, Number(values.seconds));
const root = repoRoot();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "xinliya-bench-exporter-"));
const token = "bench-token-0123456789abcdef";
fs.writeFileSync(path.join(tmp, "token"), `${token}\n`);
const BATCH = 100;

interface Sample { rps: number; p50: number; p99: number; cpuUs: number; bad: number }
interface Scenario { server: Child; opts: autocannon.Options }

// autocannon measures latency in whole milliseconds.
const ms = (x: number) => (x === 0 ? "<1" : String(x));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** One autocannon run; the server's CPU time per answered request comes from /proc. */
async function load({ server, opts }: Scenario, duration: number): Promise<Sample> {
  const cpu0 = cpuSeconds(server.proc.pid!);
  const r = await autocannon({ connections: 20, duration, ...opts });
  const cpu = cpuSeconds(server.proc.pid!) - cpu0;
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, cpuUs: (cpu / r.requests.total) * 1e6, bad: r.errors + r.non2xx };
}

/** The time one full render of every business series takes, without the scrape cache. */
async function renderMs(): Promise<number> {
  const m = createMetrics();
  const times: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t = performance.now();
    renderStores(m.stores, "text");
    times.push(performance.now() - t);
  }
  return median(times);
}

const portOfJson = (out: string) => {
  const m = /"port":(\d+)/.exec(out);
  return m ? Number(m[1]) : null;
};

const children: Child[] = [];
async function main(): Promise<void> {
  const node = (script: string, flags: string[] = []) => pinned(process.execPath, [...flags, "--import", "tsx", path.join(root, script)]);
  const baseline = await start("baseline", ...node("scripts/bench/baseline.ts"), process.env, { portOf: portOfJson });
  children.push(baseline);
  // The exporter runs with the Node flags of `npm run exporter` (package.json), as in production.
  const exporter = await start("exporter", ...node("exporters/main.ts", exporterNodeFlags(root)),
    { ...process.env, PORT: "0", EXPORTER_TOKEN_FILE: path.join(tmp, "token"), LOG_INTERVAL_MS: "3600000" }, { portOf: portOfJson });
  children.push(exporter);
  const pgPort = await freePort();
  // Persistence is off unless --persistence.file is given.
  const pushgateway = await start("pushgateway",
    ...pinned("prometheus-pushgateway", [`--web.listen-address=127.0.0.1:${pgPort}`, "--log.level=error"]), process.env,
    { port: pgPort, probe: () => answers(`http://127.0.0.1:${pgPort}/-/ready`) });
  children.push(pushgateway);

  const ex = `http://127.0.0.1:${exporter.port}`;
  const post = { method: "POST" as const, headers: { "content-type": "application/json", authorization: `Bearer ${token}` } };
  // Every allowed series exists from the start (pre-created); backups appear with their first event.
  const res = await fetch(`${ex}/v1/events`, { ...post, body: backupBody() });
  if (res.status !== 204) throw new Error(`backup events: HTTP ${res.status} ${await res.text()}`);

  const scenarios: Record<string, Scenario> = {
    "1 baseline": { server: baseline, opts: { url: `http://127.0.0.1:${baseline.port}/`, method: "POST", headers: { "content-type": "application/json" }, body: singleEventBody() } },
    "2 single": { server: exporter, opts: { url: `${ex}/v1/events`, ...post, body: singleEventBody() } },
    "3 batch": { server: exporter, opts: { url: `${ex}/v1/events`, ...post, body: batchBody(BATCH) } },
    "4 pushgw": { server: pushgateway, opts: { url: `http://127.0.0.1:${pgPort}/metrics/job/bench`, method: "POST", headers: { "content-type": "text/plain" }, body: "xinliya_bench_pushed_sample 1\n" } },
    "5 scrape": { server: exporter, opts: { url: `${ex}/metrics`, connections: 10 } },
    "5b changing": { server: exporter, opts: { url: ex, connections: 10, requests: [
      { method: "POST", path: "/v1/events", headers: post.headers, body: singleEventBody() },
      { method: "GET", path: "/metrics" },
    ] } },
  };
  // Warm-up: one second of each, so that every server runs JIT-compiled code when measured.
  for (const s of Object.values(scenarios)) await load(s, 1);
  const results: Record<string, Sample[]> = Object.fromEntries(Object.keys(scenarios).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, s] of Object.entries(scenarios)) {
      const x = await load(s, seconds);
      results[name]!.push(x);
      process.stdout.write(`round ${r + 1} ${name.padEnd(10)} ${x.rps.toFixed(0).padStart(7)} req/s  p50 ${ms(x.p50)} ms  p99 ${ms(x.p99)} ms  server CPU ${x.cpuUs.toFixed(1)} µs/req${x.bad ? `  errors or non-2xx: ${x.bad}` : ""}\n`);
    }
  }

  const scrape = await (await fetch(`${ex}/metrics`)).text();
  const businessSamples = scrape.split("\n").filter((l) => l.startsWith("xinliya_")).length;
  const rss = Object.fromEntries(children.map((c) => [c.name, peakRssMb(c.proc.pid!)]));
  const med = (name: string, key: keyof Sample) => median(results[name]!.map((s) => s[key]));
  const row = (name: string, eventsPerReq: number, rssOf: string) => [
    name.padEnd(11), med(name, "rps").toFixed(0).padStart(8), (med(name, "rps") * eventsPerReq).toFixed(0).padStart(10),
    ms(med(name, "p50")).padStart(6), ms(med(name, "p99")).padStart(6), med(name, "cpuUs").toFixed(1).padStart(9),
    rss[rssOf]!.toFixed(0).padStart(7)].join(" ");
  // Ratios are paired by round (the runs of one round are seconds apart, so they share the
  // machine's state), then the median is taken: this machine drifts between fast and slow phases.
  const ratio = (a: string, b: string) => median(results[a]!.map((s, i) => s.rps / results[b]![i]!.rps));
  const bad = Object.values(results).flat().reduce((n, s) => n + s.bad, 0);
  console.log(`\nbench:exporter on ${os.cpus().length} cores, ${rounds} interleaved rounds of ${seconds} s, medians`);
  console.log(`scenario      req/s   events/s p50 ms p99 ms µs CPU/req peak RSS MB`);
  console.log(row("1 baseline", 1, "baseline"));
  console.log(row("2 single", 1, "exporter"));
  console.log(row("3 batch", BATCH, "exporter"));
  console.log(row("4 pushgw", 1, "pushgateway"));
  console.log(row("5 scrape", 0, "exporter"));
  console.log(row("5b changing", 0, "exporter"), " (half POSTs, half scrapes of changed metrics)");
  console.log(`/metrics: ${businessSamples} business samples (bound from the allow-lists: ${sampleBound()}), ${(scrape.length / 1024).toFixed(0)} kB; one uncached render of them: ${(await renderMs()).toFixed(1)} ms (median of 21, in this process)`);
  console.log(`(2)/(1) = ${ratio("2 single", "1 baseline").toFixed(2)}   target ≥ 0.8 (server CPU per request: ${(med("1 baseline", "cpuUs") / med("2 single", "cpuUs")).toFixed(2)})`);
  console.log(`(2)/(4) = ${ratio("2 single", "4 pushgw").toFixed(1)}   target ≥ 10`);
  console.log(`(3) events/s = ${(med("3 batch", "rps") * BATCH).toFixed(0)}   target ≥ 1 000 000`);
  console.log(`(5) p99 = ${ms(med("5 scrape", "p99"))} ms   target ≤ 50 ms`);
  console.log(`exporter peak RSS = ${rss.exporter!.toFixed(0)} MB   target ≤ 150 MB`);
  console.log(`errors and non-2xx answers over all runs: ${bad}`);
}

main()
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const c of children) await stop(c);
    fs.rmSync(tmp, { recursive: true, force: true });
  });
