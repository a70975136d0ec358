// npm run bench:scale [-- options]: what the bundle costs at production scale. Synthesizes a
// production-shaped history, backfills it with promtool, starts a real Prometheus on 127.0.0.1 with
// the generated rules, and times every rule group, every rule and every panel query as Grafana
// sends it. A report, not a pass/fail test. See README "Cost at production scale".
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "./lib/options.ts";
import { loadPeer } from "./bench/scale/peer.ts";
import { growth, report } from "./bench/scale/report.ts";
import { type DashboardJson } from "./bench/scale/grafana.ts";
import { loadRules, scaleRecorded } from "./bench/scale/rules.ts";
import { OverBudget, PILOT_INSTANCES, type Result, describeEstimate, estimate, pilotRates, runScale } from "./bench/scale/run.ts";

const { values: v } = parseArgs({
  args: process.argv.slice(2),
  options: {
    instances: { type: "string", default: "30" }, nodes: { type: "string", default: "30" }, routes: { type: "string", default: "40" },
    methods: { type: "string", default: "4" }, statuses: { type: "string", default: "8" }, cpus: { type: "string", default: "8" },
    dense: { type: "string", default: "6h5m" }, days: { type: "string", default: "7" }, tail: { type: "string", default: "30" },
    runs: { type: "string", default: "5" }, evaluations: { type: "string", default: "3" },
    growth: { type: "string" }, peer: { type: "string", default: process.env.XINLIYA_PEER_NODE_MIXIN ?? "" },
    budget: { type: "string", default: "600" },
    generated: { type: "string", default: path.join(repoRoot(), "generated") }, compare: { type: "string" }, json: { type: "string" }, keep: { type: "boolean", default: false },
  },
  strict: true,
});
const int = (name: keyof typeof v, min: number) => {
  const n = Number(v[name]);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got "${v[name]}"`);
  return n;
};
const log = (s: string) => process.stderr.write(`[bench:scale ${new Date().toISOString().slice(11, 19)}] ${s}\n`);
const peer = v.peer ? loadPeer(path.resolve(v.peer)) : undefined;
const base = {
  instances: int("instances", 1), nodes: int("nodes", 1), routes: int("routes", 1), methods: int("methods", 1), statuses: int("statuses", 1),
  cpus: int("cpus", 1), dense: v.dense!, days: int("days", 1), tail: int("tail", 1), runs: int("runs", 5), evaluations: int("evaluations", 2),
  // --budget seconds for the whole command (0: none): a run estimated past it is refused before its backfill.
  deadline: int("budget", 0) > 0 ? Date.now() + int("budget", 0) * 1000 : undefined,
  rulesDir: path.join(v.generated!, "prometheus", "rules"), dashboardsDir: path.join(v.generated!, "grafana", "dashboards"), keep: v.keep!, log,
};
const compare = v.compare ? {
  rules: loadRules(path.join(v.compare, "prometheus", "rules")),
  dashboards: fs.readdirSync(path.join(v.compare, "grafana", "dashboards")).filter((f) => f.endsWith(".json")).sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(v.compare!, "grafana", "dashboards", f), "utf8")) as DashboardJson),
} : undefined;
if (Number(v.tail) < Number(v.days)) throw new Error("--tail (days of history) must be at least --days");

const factors = v.growth ? v.growth.split(",").map(Number) : [1];
if (factors.some((f) => !Number.isInteger(f) || f < 1)) throw new Error(`--growth takes integers ≥ 1 separated by commas, got "${v.growth}"`);
// Scale: the 30 instances, fewer only if this machine cannot do every planned run within
// --budget at the rates a one-instance pilot measures now (written, read by promtool, started,
// queried); said in the output, with the estimate. Each run's own figures are printed beside it.
let chosen = base.instances;
const say = (s: string) => { log(s); console.log(`bench:scale ${s}\n`); };
// With the peer: its extra node series and its recording rules in the pilot too (their history).
const { rates, recorded } = await pilotRates({ ...base, peer });
say(`pilot at ${Math.min(base.instances, PILOT_INSTANCES)} instances (${rates.series} raw series): write ${(1000 / rates.writeMs).toFixed(0)} samples/s; promtool ${rates.fileMs.toFixed(0)} ms per file + ${(rates.seriesMs * 1000).toFixed(1)} µs per series + ${(rates.promtoolMs * 1000).toFixed(2)} µs per sample; Prometheus start ${rates.startMs.toFixed(0)} ms; a query ${rates.queryMs.toFixed(0)} ms (load average ${os.loadavg().map((l) => l.toFixed(1)).join(", ")})`);
// Estimates are linear in instances (each adds the same series): from 1 and 2, not rebuilt per count.
const e1 = estimate({ ...base, instances: 1 }, rates, undefined, undefined, scaleRecorded(recorded.groups, recorded.instances, 1));
const e2 = estimate({ ...base, instances: 2 }, rates, undefined, undefined, scaleRecorded(recorded.groups, recorded.instances, 2));
const at = (n: number) => {
  const x = (k: "samples" | "backfillMs" | "measureMs" | "totalMs" | "pilotMs") => e1[k] + (n - 1) * (e2[k] - e1[k]);
  return { samples: Math.round(x("samples")), files: e2.files, backfillMs: x("backfillMs"), measureMs: x("measureMs"), totalMs: x("totalMs"), pilotMs: x("pilotMs") };
};
// A run has no pilot of its own: it scales the rates' pilot's recorded series (rules.ts scaleRecorded).
const cost = (n: number) => factors.reduce((ms, f) => ms + at(n * f).totalMs - at(n * f).pilotMs, 0);
if (base.deadline) {
  // 90 %: what the estimate leaves out (building the series).
  const room = 0.9 * (base.deadline - Date.now());
  while (chosen > 1 && cost(chosen) > room) chosen = Math.max(1, Math.floor(chosen * Math.min(0.9, room / cost(chosen))));
  const note = `estimated ${(cost(chosen) / 1000).toFixed(0)} s of the ${(room / 1000).toFixed(0)} s left of the ${v.budget} s budget: ${describeEstimate(at(chosen))}`;
  if (chosen < base.instances) say(`scale: ${chosen} backend instances, not ${base.instances}: ${base.instances} would take about ${(cost(base.instances) / 1000).toFixed(0)} s (${note})`);
  else say(`scale: ${chosen} backend instances (${note})`);
  base.instances = chosen;
}
const results: Result[] = [];
const skipped: string[] = [];
for (const f of factors) {
  log(`run: ${base.instances * f} backend instances${peer ? ", with the node-mixin peer" : ""}`);
  let r: Result;
  try {
    r = await runScale({ ...base, instances: base.instances * f, peer: f === factors[0] ? peer : undefined, compare: f === factors[0] ? compare : undefined }, rates, recorded);
  } catch (e) {
    if (!(e instanceof OverBudget)) throw e;
    if (results.length === 0) {
      process.stderr.write(`bench:scale: not run: ${e.message}. Give a larger --budget (0: none), or fewer --instances, --days or --tail.\n`);
      process.exit(2);
    }
    skipped.push(e.message);
    log(`skipped: ${e.message}`);
    break;
  }
  results.push(r);
  if (factors.length > 1) console.log(`\n## ${r.options.instances} backend instances\n`);
  console.log(report(r));
}
if (v.json) fs.writeFileSync(v.json, JSON.stringify(results, null, 1));
if (results.length > 1) {
  console.log("\nGrowth (backend instances; exponent = log(cost ratio) / log(series ratio), 1 = linear in series):\n");
  console.log(growth(results));
}
for (const m of skipped) console.log(`\nnot run (over --budget): ${m}`);
if (results.length > 1 || skipped.length) console.log(report(results[0]!).split("\n").at(-1));
