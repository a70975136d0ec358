// npm run bench:exporter [-- --rounds 5 --seconds 3 | --quick]: load on loopback with autocannon,
// the scenarios interleaved round by round, medians reported, then the attacks of the attack tests
// (3 s each) for the peak RSS, and the issue's table in Markdown. A report, not a pass/fail test.
// About 3 minutes; --quick (2 rounds of 1 s, attacks of 1 s) about 1 minute.
//  1 baseline   bare Node http: read body, JSON.parse, 204; sent the same request as (2), token included
//  2 single     exporter, one event per POST, authenticated and validated
//  3 batch      exporter, 100 events per POST
//  4 pushgw     Prometheus Pushgateway (Debian package), one pushed sample per POST
//  2d, 3d       the same with the state persisted (EXPORTER_STATE_DIR): the durability cost
//  5 scrape     GET /metrics of the exporter, 10 concurrent scrapers asking gzip, every series present
//  6 flood      single events on the ingest listener while 10 scrapers flood /metrics: ingest
//               throughput against (2), and the scrapers' p99 while ingest runs
// Every server runs pinned to CPU 1 (taskset) and autocannon runs here, free to use the other
// core; the scrapers of (5) and (6) run on a worker thread of their own. Even so, req/s of back-to-back runs may differ by 2×: the ratios are therefore taken per
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
import { ATTACKS, type Figure, markdownTable, runAttack } from "./bench/exporter-table.ts";
import { answers, type Child, cpuSeconds, exporterNodeFlags, freePort, peakRssMb, pinned, start, stop } from "./bench/processes.ts";
import { compiledEntry } from "./lib/compiled.mjs";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { rounds: { type: "string" }, seconds: { type: "string" }, quick: { type: "boolean", default: false } },
});
const rounds = Math.max(1, Number(values.rounds ?? (values.quick ? 2 : 5)));
const seconds = Math.max(1, Number(values.seconds ?? (values.quick ? 1 : 3)));
const attackSeconds = values.quick ? 1 : 3;
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
  // `npm run exporter` runs the compiled bundle (scripts/exporter.mjs); so do these.
  const exporterArgs = pinned(process.execPath, [...exporterNodeFlags(root), await compiledEntry("exporters/main.ts")]);
  const exporter = await start("exporter", ...exporterArgs,
    { ...process.env, PORT: "0", INGEST_PORT: "0", EXPORTER_TOKEN_FILE: path.join(tmp, "token"), LOG_INTERVAL_MS: "3600000" }, { portOf: portOfJson });
  children.push(exporter);
  // The same with its state persisted (EXPORTER_STATE_DIR): the durability cost.
  const durable = await start("durable", ...exporterArgs,
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
  // Prometheus asks for gzip; so do the scrapers here. They run on a thread of their own
  // (autocannon's worker): on the bench's one thread, reading their answers slowed the ingest
  // client of (6), so that (6) measured the client as much as the exporter.
  const scrapeOpts = { url: `${ex}/metrics`, connections: 10, workers: 1, headers: { "accept-encoding": "gzip" } };
  const post = { method: "POST" as const, headers: { "content-type": "application/json", authorization: `Bearer ${token}` } };
  // Every allowed series exists from the start (pre-created); backups appear with their first event.
  for (const url of [ingest, durableIngest]) {
    const res = await fetch(`${url}/v1/events`, { ...post, body: backupBody() });
    if (res.status !== 204) throw new Error(`backup events: HTTP ${res.status} ${await res.text()}`);
  }

  const scenarios: Record<string, Scenario> = {
    // The same request as (2), byte for byte (the baseline ignores the token).
    "1 baseline": { server: baseline, opts: { url: `http://127.0.0.1:${baseline.port}/`, ...post, body: singleEventBody() } },
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

  const loadRss = peakRssMb(exporter.proc.pid!);
  // The attacks of the attack tests, one after another: the peak RSS row includes them.
  for (const name of ATTACKS) {
    await runAttack(root, name, exporter.port, token, attackSeconds);
    process.stdout.write(`attack ${name}: exporter peak RSS so far ${peakRssMb(exporter.proc.pid!).toFixed(0)} MB\n`);
    await new Promise((r) => setTimeout(r, 500));
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
  const floodP99 = median(results["6 flood"]!.map((s) => s.besideP99 ?? 0));
  console.log(`\nbench:exporter on ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}, ${rounds} interleaved rounds of ${seconds} s, medians`);
  console.log(`scenario      req/s   events/s p50 ms p99 ms µs CPU/req peak RSS MB`);
  console.log(row("1 baseline", 1, "baseline"));
  console.log(row("2 single", 1, "exporter"));
  console.log(row("2d durable", 1, "durable"), " (single events, state persisted)");
  console.log(row("3 batch", BATCH, "exporter"));
  console.log(row("3d durable", BATCH, "durable"), " (100-event batches, state persisted)");
  console.log(row("4 pushgw", 1, "pushgateway"));
  console.log(row("5 scrape", 0, "exporter"), " (10 scrapers, gzip)");
  console.log(row("6 flood", 1, "exporter"), ` (ingest while 10 scrapers flood /metrics: scrapes ${median(results["6 flood"]!.map((s) => (s.besideRps ?? 0))).toFixed(0)} req/s, p99 ${ms(floodP99)} ms)`);
  console.log(`/metrics: ${businessSamples} business samples (bound from the allow-lists: ${sampleBound()}), ${(scrape.length / 1024).toFixed(0)} kB; one uncached render of them: ${(await renderMs()).toFixed(1)} ms (median of 21, in this process)`);
  console.log(`errors and non-2xx answers over all runs: ${bad}\n`);

  const cpuRatio = (a: string, b: string) => med(b, "cpuUs") / med(a, "cpuUs");
  const single = ratio("2 single", "1 baseline");
  const pushgw = ratio("2 single", "4 pushgw");
  const batchEvents = med("3 batch", "rps") * BATCH;
  const under = ratio("6 flood", "2 single");
  const figures: Figure[] = [
    { figure: "single events vs bare Node, req/s (server CPU per request)", required: "≥ 0.9", measured: `${single.toFixed(2)} (${cpuRatio("2 single", "1 baseline").toFixed(2)}: ${med("2 single", "cpuUs").toFixed(0)} µs vs ${med("1 baseline", "cpuUs").toFixed(0)} µs)`, met: single >= 0.9 },
    { figure: "single events vs Pushgateway, req/s (server CPU per request)", required: "≥ 20×", measured: `${pushgw.toFixed(1)}× (${cpuRatio("2 single", "4 pushgw").toFixed(1)}×: ${med("2 single", "cpuUs").toFixed(0)} µs vs ${med("4 pushgw", "cpuUs").toFixed(0)} µs; bare Node itself: ${ratio("1 baseline", "4 pushgw").toFixed(1)}×)`, met: pushgw >= 20 },
    { figure: "100-event batches", required: "≥ 1.5 M events/s", measured: `${(batchEvents / 1e6).toFixed(2)} M events/s (${(med("3 batch", "cpuUs") / BATCH).toFixed(2)} µs of server CPU per event)`, met: batchEvents >= 1.5e6 },
    { figure: "`/metrics` p99, 10 scrapers while ingest runs", required: "≤ 15 ms", measured: `${ms(floodP99)} ms (10 scrapers alone: ${ms(med("5 scrape", "p99"))} ms)`, met: floodP99 <= 15 },
    { figure: "ingest under a 10-scraper flood, vs without", required: "≥ 50 %", measured: `${(under * 100).toFixed(0)} %`, met: under >= 0.5 },
    { figure: "peak RSS, including the attack scenarios", required: "≤ 150 MB", measured: `${rss.exporter!.toFixed(0)} MB (${loadRss.toFixed(0)} MB before the attacks)`, met: rss.exporter! <= 150 },
    { figure: "durability cost: events/s with state on vs off", required: "report", measured: `single ${ratio("2d durable", "2 single").toFixed(2)}, batches ${ratio("3d durable", "3 batch").toFixed(2)}`, met: null },
  ];
  console.log(markdownTable(`bench:exporter, ${new Date().toISOString().slice(0, 16)}Z, load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores, ${rounds} rounds of ${seconds} s, medians:`, figures));
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
