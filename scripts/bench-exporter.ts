// npm run bench:exporter [-- --rounds 5 --seconds 3]: load on loopback with autocannon, the five
// scenarios interleaved round by round, medians reported. A report, not a pass/fail test.
//  1 baseline   bare Node http: read body, JSON.parse, 204
//  2 single     exporter, one event per POST, authenticated and validated
//  3 batch      exporter, 100 events per POST
//  4 pushgw     Prometheus Pushgateway (Debian package), one pushed sample per POST
//  2d, 3d       the same with the state persisted (EXPORTER_STATE_DIR): the durability cost
//  5 scrape     GET /metrics of the exporter, 10 concurrent scrapers asking gzip, every series present
//  6 flood      single events on the ingest listener while 10 scrapers flood /metrics: ingest
//               throughput against (2), and the scrapers' p99 while ingest runs
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

interface Sample { rps: number; p50: number; p99: number; cpuUs: number; bad: number; besideP99?: number; besideRps?: number }
interface Scenario { server: Child; opts: autocannon.Options; beside?: autocannon.Options }

// autocannon measures latency in whole milliseconds.
const ms = (x: number) => (x === 0 ? "<1" : String(x));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** One autocannon run; the server's CPU time per answered request comes from /proc. */
async function load({ server, opts, beside }: Scenario, duration: number): Promise<Sample> {
  const cpu0 = cpuSeconds(server.proc.pid!);
  const [r, b] = await Promise.all([
    autocannon({ connections: 20, duration, ...opts }),
    beside === undefined ? Promise.resolve(undefined) : autocannon({ duration, ...beside }),
  ]);
  const cpu = cpuSeconds(server.proc.pid!) - cpu0;
  return {
    rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, cpuUs: (cpu / r.requests.total) * 1e6,
    bad: r.errors + r.non2xx + (b === undefined ? 0 : b.errors + b.non2xx), besideP99: b?.latency.p99, besideRps: b?.requests.average,
  };
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
    { ...process.env, PORT: "0", INGEST_PORT: "0", EXPORTER_TOKEN_FILE: path.join(tmp, "token"), LOG_INTERVAL_MS: "3600000" }, { portOf: portOfJson });
  children.push(exporter);
  // The same with its state persisted (EXPORTER_STATE_DIR): the durability cost.
  const durable = await start("durable", ...node("exporters/main.ts", exporterNodeFlags(root)),
    { ...process.env, PORT: "0", INGEST_PORT: "0", EXPORTER_TOKEN_FILE: path.join(tmp, "token"), LOG_INTERVAL_MS: "3600000", EXPORTER_STATE_DIR: path.join(tmp, "state") },
    { portOf: portOfJson });
  children.push(durable);
  const pgPort = await freePort();
  // Persistence is off unless --persistence.file is given.
  const pushgateway = await start("pushgateway",
    ...pinned("prometheus-pushgateway", [`--web.listen-address=127.0.0.1:${pgPort}`, "--log.level=error"]), process.env,
    { port: pgPort, probe: () => answers(`http://127.0.0.1:${pgPort}/-/ready`) });
  children.push(pushgateway);

  const ex = `http://127.0.0.1:${exporter.port}`;
  const ingestOf = (c: Child) => `http://127.0.0.1:${/"ingest_port":(\d+)/.exec(c.output())![1]}`;
  const ingest = ingestOf(exporter);
  const durableIngest = ingestOf(durable);
  // Prometheus asks for gzip; so do the scrapers here.
  const scrapeOpts = { url: `${ex}/metrics`, connections: 10, headers: { "accept-encoding": "gzip" } };
  const post = { method: "POST" as const, headers: { "content-type": "application/json", authorization: `Bearer ${token}` } };
  // Every allowed series exists from the start (pre-created); backups appear with their first event.
  for (const url of [ingest, durableIngest]) {
    const res = await fetch(`${url}/v1/events`, { ...post, body: backupBody() });
    if (res.status !== 204) throw new Error(`backup events: HTTP ${res.status} ${await res.text()}`);
  }

  const scenarios: Record<string, Scenario> = {
    "1 baseline": { server: baseline, opts: { url: `http://127.0.0.1:${baseline.port}/`, method: "POST", headers: { "content-type": "application/json" }, body: singleEventBody() } },
    "2 single": { server: exporter, opts: { url: `${ingest}/v1/events`, ...post, body: singleEventBody() } },
    "2d durable": { server: durable, opts: { url: `${durableIngest}/v1/events`, ...post, body: singleEventBody() } },
    "3 batch": { server: exporter, opts: { url: `${ingest}/v1/events`, ...post, body: batchBody(BATCH) } },
    "3d durable": { server: durable, opts: { url: `${durableIngest}/v1/events`, ...post, body: batchBody(BATCH) } },
    "4 pushgw": { server: pushgateway, opts: { url: `http://127.0.0.1:${pgPort}/metrics/job/bench`, method: "POST", headers: { "content-type": "text/plain" }, body: "xinliya_bench_pushed_sample 1\n" } },
    "5 scrape": { server: exporter, opts: scrapeOpts },
    // 10 scrapers flooding /metrics while single events are posted on the ingest listener.
    "6 flood": { server: exporter, opts: { url: `${ingest}/v1/events`, ...post, body: singleEventBody() }, beside: scrapeOpts },
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
  const med = (name: string, key: "rps" | "p50" | "p99" | "cpuUs" | "bad") => median(results[name]!.map((s) => s[key]));
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
  console.log(row("2d durable", 1, "durable"), " (single events, state persisted)");
  console.log(row("3 batch", BATCH, "exporter"));
  console.log(row("3d durable", BATCH, "durable"), " (100-event batches, state persisted)");
  console.log(row("4 pushgw", 1, "pushgateway"));
  console.log(row("5 scrape", 0, "exporter"), " (10 scrapers, gzip)");
  console.log(row("6 flood", 1, "exporter"), ` (ingest while 10 scrapers flood /metrics: scrapes ${median(results["6 flood"]!.map((s) => (s.besideRps ?? 0))).toFixed(0)} req/s, p99 ${ms(median(results["6 flood"]!.map((s) => (s.besideP99 ?? 0))))} ms)`);
  console.log(`/metrics: ${businessSamples} business samples (bound from the allow-lists: ${sampleBound()}), ${(scrape.length / 1024).toFixed(0)} kB; one uncached render of them: ${(await renderMs()).toFixed(1)} ms (median of 21, in this process)`);
  console.log(`(2)/(1) = ${ratio("2 single", "1 baseline").toFixed(2)}   target ≥ 0.9 (server CPU per request: ${(med("1 baseline", "cpuUs") / med("2 single", "cpuUs")).toFixed(2)})`);
  console.log(`(2)/(4) = ${ratio("2 single", "4 pushgw").toFixed(1)}   target ≥ 20`);
  console.log(`(3) events/s = ${(med("3 batch", "rps") * BATCH).toFixed(0)}   target ≥ 1 500 000`);
  console.log(`(5) p99 = ${ms(med("5 scrape", "p99"))} ms; /metrics p99 while ingest runs (6) = ${ms(median(results["6 flood"]!.map((s) => (s.besideP99 ?? 0))))} ms   target ≤ 15 ms`);
  console.log(`(6)/(2) ingest under a 10-scraper flood vs without = ${ratio("6 flood", "2 single").toFixed(2)}   target ≥ 0.5`);
  console.log(`durability cost: (2d)/(2) = ${ratio("2d durable", "2 single").toFixed(2)}, (3d)/(3) = ${ratio("3d durable", "3 batch").toFixed(2)} (events/s with persistence on vs off)`);
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
