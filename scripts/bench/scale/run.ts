// One bench:scale run: synthesize and backfill, start Prometheus with the generated rules, time
// the rule groups, each rule and every panel of every dashboard (ours, and the peer's if given).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PARALLEL, backfill, countSamples, countSeries, order, pipelineMs, type Plan } from "./backfill.ts";
import { byReaders } from "./history.ts";
import { type DashboardJson, type PanelPlan, planDashboard } from "./grafana.ts";
import { measurePanels, measureRules, watchGroups, type GroupCost, type PanelCost, type RuleCost } from "./measure.ts";
import { allGroups, type Group, type Shape, seriesOf } from "./model.ts";
import { type Prom, labelValues, startPrometheus } from "./prometheus.ts";
import { PILOT_SPAN, type RuleDef, durationSeconds, loadRules, recordedGroups, scaleRecorded } from "./rules.ts";

export interface Options {
  instances: number; nodes: number; routes: number; methods: number; statuses: number; cpus: number;
  dense: string; days: number; tail: number; runs: number; evaluations: number;
  rulesDir: string; dashboardsDir: string; keep: boolean;
  peer?: { rules: RuleDef[]; dashboards: DashboardJson[]; nodeMetrics: string[] };
  /** Another bundle (e.g. before a fix) whose rules and panels run on the same data, as "before". */
  compare?: { rules: RuleDef[]; dashboards: DashboardJson[] };
  log: (s: string) => void;
  /** Epoch ms by which the run must be done: it refuses, before the backfill, a run it estimates past it. */
  deadline?: number;
}

/** The recorded series of a pilot at this many instances (rules.ts recordedGroups). */
export interface Recorded { instances: number; groups: Group[]; missing: string[] }

/** A run that would not finish by its deadline (estimated from the pilot's rates). */
export class OverBudget extends Error {}

/**
 * This machine's speed now, from a pilot at the run's scale: writing OpenMetrics (ms per sample),
 * promtool (ms per file, per series in it and per sample), Prometheus's start, and one query of a
 * rule on data of this shape. promtool's cost is mostly per series at this scale, not per sample.
 */
export interface Rates { writeMs: number; fileMs: number; seriesMs: number; promtoolMs: number; startMs: number; queryMs: number; series: number }

/** A run's parts, estimated (ms): backfill (pilot, history), Prometheus, evaluations, rules and panels. */
export interface Estimate { samples: number; files: number; backfillMs: number; measureMs: number; totalMs: number; /** Of backfillMs: the run's pilot. */ pilotMs: number }

export interface Result {
  options: Omit<Options, "log" | "peer">;
  series: number; recordedSeries: number; samples: number; backfillMs: number; promtoolMs: number; totalMs: number;
  /** After the backfill: Prometheus, evaluations, rules, panels (ms); and what the pilot's rates estimated. */
  measureMs: number; estimate: Estimate;
  groups: GroupCost[]; rules: RuleCost[]; panels: PanelCost[];
  peer?: { rules: RuleCost[]; panels: PanelCost[] };
  compare?: { rules: RuleCost[]; panels: PanelCost[] };
  missingRecords: string[];
}

const STEP = 30;
/** Runs of each rule's expression through the query API (median): the groups' own durations are the target's figure. */
const RULE_RUNS = 3;
/** How far (s) past the longest range a rule reads it a series no panel reads is stored: the evaluations of the run. */
const MARGIN = 600;

function dashboardFiles(dir: string): DashboardJson[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort().map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as DashboardJson);
}

/** Each target's expression, prefixed `long ` when its panel looks back further than 6 h. */
function longTexts(d: DashboardJson): string[] {
  type P = { timeFrom?: string; targets?: { expr?: string }[]; panels?: P[] };
  const walk = (ps: P[] = []): P[] => ps.flatMap((p) => [p, ...walk(p.panels)]);
  return walk(d.panels as P[]).flatMap((p) => (p.targets ?? []).map((t) => `${p.timeFrom && durationSeconds(p.timeFrom) > 6 * 3600 ? "long " : ""}${t.expr ?? ""}`));
}

async function resolver(prom: Prom, now: number) {
  return async (v: { name: string; query?: string | { query?: string }; definition?: string }) => {
    const q = typeof v.query === "string" ? v.query : v.query?.query ?? v.definition ?? "";
    const m = /label_values\((?:(.+),\s*)?(\w+)\)/.exec(q);
    if (!m) return ".+";
    // Another variable inside the query matches anything, its label absent included (the peer's
    // `cluster=~"$cluster"`, a label our series do not have).
    const match = (m[1] ?? "up").replace(/\$\w+/g, ".*");
    let values = await labelValues(prom, m[2]!, match, now - 3600, now);
    // A metric our model lacks (the peer's node_uname_info): the label's values on the same selector.
    const selector = /^[\w:]+(\{.*\})$/.exec(match)?.[1];
    if (values.length === 0 && selector && /=(?!~?"\.\*")/.test(selector)) values = await labelValues(prom, m[2]!, selector, now - 3600, now);
    // No value: Grafana's "All" of nothing matches series without the label.
    return values[0] ?? ".*";
  };
}

/** The backfill plan of a run with these options whose data end at `end` (Unix s; now by default). */
function planAt(o: Options, end = Date.now() / 1000) {
  const t0 = Math.floor(end / STEP) * STEP;
  const tail = o.tail * 86_400;
  const plan: Plan = { end: t0, denseFrom: t0 - durationSeconds(o.dense), step: STEP, tailStep: 300, longDense: o.days * 86_400, tail, day: 86_400 };
  return { t0, tail, plan, pilotFrom: t0 - PILOT_SPAN };
}

/** The raw groups and the backfill plan of a run with these options, at the current time. */
function prepare(o: Options, rules: RuleDef[]) {
  const ruleFiles = [...new Set(rules.map((r) => path.join(o.rulesDir, r.file)))];
  const groupNames = [...new Set(rules.map((r) => r.group))];
  // Prometheus's rule_group label: "<file>;<group>" of each group that exists (not every file × group).
  const ruleGroups = [...new Set(rules.map((r) => `${path.join(o.rulesDir, r.file)};${r.group}`))];
  const at = planAt(o);
  const shape: Shape = { instances: o.instances, nodes: o.nodes, routes: o.routes, methods: o.methods, statuses: o.statuses, cpus: o.cpus, origin: at.t0 - at.tail - 86_400, extraNodeMetrics: o.peer?.nodeMetrics };
  // Every series as far back as a measured rule or panel (ours, --compare's, the peer's) reads it.
  const ours = dashboardFiles(o.dashboardsDir);
  const panelTexts = [...ours, ...(o.compare?.dashboards ?? []), ...(o.peer?.dashboards ?? [])].flatMap(longTexts);
  const ruleTexts = [...rules, ...(o.compare?.rules ?? []), ...(o.peer?.rules ?? [])].map((r) => r.expr);
  const split = byReaders(allGroups(shape, ruleGroups), { panels: panelTexts, rules: ruleTexts }, MARGIN);
  return { ...at, ruleFiles, groupNames, ours, split, raw: split.groups };
}

/** The backfill of one pilot: the last 2.5 minutes (6 samples) of every raw series. */
async function pilotBackfill(p: ReturnType<typeof prepare>, dataDir: string, tmp: string) {
  return backfill(p.raw, { ...p.plan, denseFrom: p.pilotFrom }, { from: p.pilotFrom, to: p.t0, after: p.pilotFrom - 1 }, dataDir, tmp);
}

/**
 * A run of `o` at these rates: the pilot written and read, then the history's files written one
 * after the other while `PARALLEL` promtools read them (backfill.ts pipelineMs), Prometheus's start,
 * the evaluations waited for, and every rule and panel query (runs + warm-up) at the pilot's query
 * time (a rule's scaled with the raw series, which the heaviest rules read), at least 60 s. The
 * recorded series are counted when given (the pilot's).
 */
export function estimate(o: Options, r: Rates, rules = loadRules(o.rulesDir), p = prepare(o, rules), recorded: Group[] = []): Estimate {
  const all = [...p.raw, ...recorded];
  const pilotRange = { from: p.pilotFrom, to: p.t0, after: p.pilotFrom - 1 };
  const pilotPlan = { ...p.plan, denseFrom: p.pilotFrom };
  const pilot = countSamples(p.raw, pilotPlan, pilotRange);
  const pilotMs = pilot * r.writeMs + r.fileMs + countSeries(p.raw, pilotPlan, pilotRange) * r.seriesMs + pilot * r.promtoolMs;
  const range = { from: p.t0 - p.tail, to: p.t0 };
  const parts = order(all, p.plan, range).map((f) => {
    const sub = { from: Math.max(f.from, range.from), to: f.to - 1 };
    return { n: countSamples(all, p.plan, sub), s: countSeries(all, p.plan, sub) };
  });
  const history = parts.reduce((k, x) => k + x.n, 0);
  const backfillMs = pilotMs + pipelineMs(parts.map((x) => x.n * r.writeMs), parts.map((x) => r.fileMs + x.s * r.seriesMs + x.n * r.promtoolMs));
  const scale = seriesOf(p.raw) / r.series;
  const panels = [...p.ours, ...(o.compare?.dashboards ?? [])].reduce((k, d) => k + longTexts(d).length, 0) + (o.peer ? 200 : 0);
  const ruleQueries = rules.length + (o.peer?.rules.length ?? 0) + (o.compare?.rules.length ?? 0);
  const measureMs = 2 * r.startMs * scale + rules.filter((x) => x.record).length * r.queryMs * scale + o.evaluations * longestInterval(rules) * 1000 +
    Math.max(60_000, (ruleQueries * scale * (RULE_RUNS + 1) + panels * (o.runs + 1)) * r.queryMs);
  return { samples: pilot + history, files: parts.length + 1, backfillMs, measureMs, totalMs: backfillMs + measureMs, pilotMs };
}

/**
 * The longest evaluation interval (s) of the groups: the wait for their evaluations is that many
 * of it (the first comes within one interval of the start; the groups evaluate side by side).
 */
const longestInterval = (rules: RuleDef[]) => Math.max(STEP, ...rules.map((x) => x.interval));

const say = (e: Estimate) => `${e.samples} samples in ${e.files} files, backfill ~${(e.backfillMs / 1000).toFixed(0)} s, Prometheus and timing ~${(e.measureMs / 1000).toFixed(0)} s`;
export const describeEstimate = say;

/**
 * Instances of the rates' pilot at most: promtool's cost per series shows at this size already,
 * and building and writing 30 instances' 700 000 series took 12 min at load average 12–17.
 */
export const PILOT_INSTANCES = 3;

/**
 * Measures `Rates` at the scale of `o` (at most `PILOT_INSTANCES`): every raw series at 2 and then at 6 timestamps (two files:
 * promtool's cost per series and per sample apart), a one-sample file (its cost per file), then
 * Prometheus on them and every rule's expression once.
 */
export async function pilotRates(o: Options): Promise<{ rates: Rates; recorded: Recorded }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xinliya-bench-rate-"));
  const proms: Prom[] = [];
  try {
    const rules = loadRules(o.rulesDir);
    const p = prepare({ ...o, instances: Math.min(o.instances, PILOT_INSTANCES) }, rules);
    const data = path.join(dir, "data");
    const at = (k: number, groups = p.raw) => backfill(groups, { ...p.plan, denseFrom: p.t0 - (k - 1) * STEP }, { from: p.t0 - (k - 1) * STEP, to: p.t0, after: p.t0 - k * STEP }, data, dir);
    const tiny = await at(1, p.raw.slice(0, 1));
    const two = await at(2);
    const six = await at(6);
    const series = seriesOf(p.raw);
    const promtoolMs = Math.max(0, six.promtoolMs - two.promtoolMs) / Math.max(1, six.samples - two.samples);
    const seriesMs = Math.max(0, two.promtoolMs - tiny.promtoolMs - two.samples * promtoolMs) / series;
    const t = performance.now();
    const prom = await startPrometheus(dir, data, []);
    proms.push(prom);
    const startMs = performance.now() - t;
    // Every rule once, warm: the time of one query on data of this shape (the inlined record
    // queries below are heavier than the rules a run times, and would overestimate it).
    const costs = await measureRules(prom, rules, p.t0, 1);
    const queryMs = costs.reduce((n, c) => n + c.p50, 0) / Math.max(1, costs.length);
    // The last 6 samples of every series are the run's pilot: its recorded series, evaluated
    // here; every run scales them to its instances (scaleRecorded).
    // The peer's records too (node-mixin's), read by its panels over their own range.
    const peerTexts = (o.peer?.dashboards ?? []).flatMap(longTexts);
    const { ms: _ms, ...recorded } = await recordedGroups(prom, [...rules, ...(o.peer?.rules ?? [])], p.t0, [...p.ours.flatMap(longTexts), ...peerTexts], MARGIN);
    return { rates: { writeMs: (two.writeMs + six.writeMs) / (two.samples + six.samples), fileMs: tiny.promtoolMs, seriesMs, promtoolMs, startMs, queryMs, series }, recorded: { instances: Math.min(o.instances, PILOT_INSTANCES), ...recorded } };
  } finally {
    for (const p of proms) await p.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One run. `rates` (from `pilotRates`) lets the data end where the backfill is estimated to end,
 * so that nothing is left to catch up; without them, or when the backfill is late, the minutes
 * between are backfilled after it.
 */
export async function runScale(o: Options, rates?: Rates, pilotRecorded?: Recorded): Promise<Result> {
  const started = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xinliya-bench-scale-"));
  const dataDir = path.join(dir, "data");
  const pilotDir = path.join(dir, "pilot");
  const proms: Prom[] = [];
  try {
    const rules = loadRules(o.rulesDir);
    const first = prepare(o, rules);
    const { ruleFiles, groupNames, ours, split, raw } = first;
    o.log(`history: ${split.recentSeries} raw series no panel reads are stored only as far back as the rules read them`);

    // 1. The recorded series: the rates' pilot's, scaled to this run's instances; without it, a
    //    pilot of the last 2.5 minutes at this scale, to evaluate the recording rules once.
    let pilotBf: { samples: number; writeMs: number; promtoolMs: number } = { samples: 1, writeMs: 0, promtoolMs: 0 };
    let recorded: { groups: Group[]; missing: string[] };
    if (pilotRecorded) recorded = { ...pilotRecorded, groups: scaleRecorded(pilotRecorded.groups, pilotRecorded.instances, o.instances) };
    else {
      o.log(`pilot: ${seriesOf(raw)} raw series, last ${PILOT_SPAN / 60} min`);
      pilotBf = await pilotBackfill(first, pilotDir, dir);
      const pilot = await startPrometheus(path.join(dir), pilotDir, []);
      proms.push(pilot);
      // Rules and panel queries; a panel with its own (long) time range is marked `long `.
      recorded = await recordedGroups(pilot, rules, first.t0, ours.flatMap(longTexts), MARGIN);
      await pilot.stop();
      fs.rmSync(pilotDir, { recursive: true, force: true });
    }
    o.log(`recorded: ${seriesOf(recorded.groups)} series of ${rules.filter((r) => r.record).length} recording rules${recorded.missing.length ? ` (no result: ${recorded.missing.join(", ")})` : ""}`);

    // The estimate at this machine's rates (the pilot's own if none were given); refused now if
    // the run cannot end by the deadline. The data end where the backfill is estimated to end.
    const r = rates ?? { writeMs: pilotBf.writeMs / pilotBf.samples, promtoolMs: pilotBf.promtoolMs / pilotBf.samples, fileMs: 0, seriesMs: 0, startMs: 5000, queryMs: 100, series: seriesOf(raw) };
    const est = estimate(o, r, rules, first, recorded.groups);
    const backfillMs = est.backfillMs - est.pilotMs;
    o.log(`estimate: ${say(est)}`);
    if (o.deadline && Date.now() + backfillMs + est.measureMs > o.deadline) {
      throw new OverBudget(`${o.instances} backend instances: estimated ${((backfillMs + est.measureMs) / 1000).toFixed(0)} s (${say(est)}), past the --budget (${((o.deadline - Date.now()) / 1000).toFixed(0)} s left)`);
    }
    const { t0, tail, plan } = planAt(o, Date.now() / 1000 + backfillMs / 1000);
    const groups: Group[] = [...raw, ...recorded.groups];

    // 2. The whole history up to t0; then, if the backfill ended early, a wait until the rules'
    //    windows are full, or, if late, a catch-up to a little after the moment Prometheus starts.
    const bf = await backfill(groups, plan, { from: t0 - tail, to: t0 }, dataDir, dir, (i, n) => { if (i % 10 === 0) o.log(`backfill: file ${i + 1}/${n}`); });
    const early = t0 - MARGIN + 120 - Date.now() / 1000;
    if (early > 0) { o.log(`backfill ended ${early.toFixed(0)} s before the rules' windows are full: waiting`); await new Promise((res) => setTimeout(res, early * 1000)); }
    const lag = Math.ceil((Date.now() / 1000 - t0) / STEP) * STEP;
    const end = lag > 60 ? t0 + lag + 30 : t0;
    const catchUp = end > t0 ? await backfill(groups, { ...plan, end }, { from: t0 + 1, to: end, after: t0 }, dataDir, dir) : { samples: 0, ms: 0, promtoolMs: 0, writeMs: 0, files: 0 };
    const samples = bf.samples + catchUp.samples;
    o.log(`backfill: ${samples} samples in ${bf.files + catchUp.files} files, ${((bf.ms + catchUp.ms) / 1000).toFixed(0)} s (estimated ${(backfillMs / 1000).toFixed(0)} s; writing ${(bf.writeMs / 1000).toFixed(0)} s, promtool ${(bf.promtoolMs / 1000).toFixed(0)} s over ${PARALLEL} processes), data until ${new Date(end * 1000).toISOString()}${catchUp.samples ? ` (${catchUp.samples} caught up)` : ""}`);
    const measureStart = performance.now();
    // 3. Prometheus with the rules. Evaluations before `end` read full windows (their results
    //    cannot be stored before the backfilled blocks end, which does not change their cost).
    const prom = await startPrometheus(dir, dataDir, ruleFiles);
    proms.push(prom);
    o.log(`prometheus ${prom.url}: waiting for ${o.evaluations} evaluations of every rule group`);
    const groupCosts = await watchGroups(prom, groupNames, o.evaluations, Math.max(240_000, (o.evaluations + 2) * longestInterval(rules) * 1000));
    const ruleCosts = await measureRules(prom, rules, end, RULE_RUNS);

    // 4. Every panel of every dashboard, as Grafana at `end`.
    const resolve = await resolver(prom, end);
    const plans: PanelPlan[] = [];
    for (const d of dashboardFiles(o.dashboardsDir)) plans.push(...await planDashboard(d, end, "30s", resolve));
    o.log(`panels: ${plans.length} panels, ${plans.reduce((n, p) => n + p.queries.length, 0)} queries, ${o.runs} runs`);
    const panelCosts = await measurePanels(prom, plans, o.runs);

    let peer: Result["peer"];
    if (o.peer) {
      const peerPlans: PanelPlan[] = [];
      for (const d of o.peer.dashboards) peerPlans.push(...await planDashboard(d, end, "30s", resolve));
      o.log(`peer: ${o.peer.rules.length} rules, ${peerPlans.length} panels`);
      peer = { rules: await measureRules(prom, o.peer.rules, end, RULE_RUNS), panels: await measurePanels(prom, peerPlans, o.runs) };
    }
    let compare: Result["compare"];
    if (o.compare) {
      const plans: PanelPlan[] = [];
      for (const d of o.compare.dashboards) plans.push(...await planDashboard(d, end, "30s", resolve));
      o.log(`compare: ${o.compare.rules.length} rules, ${plans.length} panels`);
      compare = { rules: await measureRules(prom, o.compare.rules, end, RULE_RUNS), panels: await measurePanels(prom, plans, o.runs) };
    }
    const { log: _log, peer: _peer, compare: _compare, ...options } = o;
    return {
      options, series: seriesOf(groups), recordedSeries: seriesOf(recorded.groups), samples,
      backfillMs: bf.ms + catchUp.ms, promtoolMs: bf.promtoolMs + catchUp.promtoolMs, totalMs: performance.now() - started,
      measureMs: performance.now() - measureStart, estimate: { ...est, backfillMs },
      groups: groupCosts, rules: ruleCosts, panels: panelCosts, peer, compare, missingRecords: recorded.missing,
    };
  } finally {
    for (const p of proms) await p.stop();
    if (!o.keep) fs.rmSync(dir, { recursive: true, force: true });
    else o.log(`kept ${dir}`);
  }
}
