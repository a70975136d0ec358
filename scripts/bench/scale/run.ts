// One bench:scale run: synthesize and backfill, start Prometheus with the generated rules, time
// the rule groups, each rule and every panel of every dashboard (ours, and the peer's if given).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { backfill, countSamples, type Plan } from "./backfill.ts";
import { byReaders } from "./history.ts";
import { type DashboardJson, type PanelPlan, planDashboard } from "./grafana.ts";
import { measurePanels, measureRules, watchGroups, type GroupCost, type PanelCost, type RuleCost } from "./measure.ts";
import { allGroups, type Group, type Shape, seriesOf } from "./model.ts";
import { type Prom, labelValues, startPrometheus } from "./prometheus.ts";
import { type RuleDef, durationSeconds, loadRules, recordedGroups } from "./rules.ts";

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

/** A run that would not finish by its deadline (estimated from the pilot's backfill rate). */
export class OverBudget extends Error {}

/** What timing the rules and panels takes after the backfill, about (two evaluations, rules, panels). */
export const MEASURE_RESERVE_MS = 120_000;

export interface Result {
  options: Omit<Options, "log" | "peer">;
  series: number; recordedSeries: number; samples: number; backfillMs: number; promtoolMs: number; totalMs: number;
  groups: GroupCost[]; rules: RuleCost[]; panels: PanelCost[];
  peer?: { rules: RuleCost[]; panels: PanelCost[] };
  compare?: { rules: RuleCost[]; panels: PanelCost[] };
  missingRecords: string[];
}

const STEP = 30;

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
    const values = await labelValues(prom, m[2]!, (m[1] ?? "up").replace(/\$\w+/g, ".+"), now - 3600, now);
    return values[0] ?? ".+";
  };
}

/** The raw groups and the backfill plan of a run with these options, at the current time. */
function prepare(o: Options, rules: RuleDef[]) {
  const ruleFiles = [...new Set(rules.map((r) => path.join(o.rulesDir, r.file)))];
  const groupNames = [...new Set(rules.map((r) => r.group))];
  const t0 = Math.floor(Date.now() / 1000 / STEP) * STEP;
  const tail = o.tail * 86_400;
  const shape: Shape = { instances: o.instances, nodes: o.nodes, routes: o.routes, methods: o.methods, statuses: o.statuses, cpus: o.cpus, origin: t0 - tail - 86_400, extraNodeMetrics: o.peer?.nodeMetrics };
  // Every series as far back as a measured rule or panel (ours, --compare's, the peer's) reads it.
  const ours = dashboardFiles(o.dashboardsDir);
  const panelTexts = [...ours, ...(o.compare?.dashboards ?? []), ...(o.peer?.dashboards ?? [])].flatMap(longTexts);
  const ruleTexts = [...rules, ...(o.compare?.rules ?? []), ...(o.peer?.rules ?? [])].map((r) => r.expr);
  const split = byReaders(allGroups(shape, ruleFiles.flatMap((f) => groupNames.map((g) => `${f};${g}`))), { panels: panelTexts, rules: ruleTexts }, 900);
  const plan: Plan = { end: t0, denseFrom: t0 - durationSeconds(o.dense), step: STEP, tailStep: 300, longDense: o.days * 86_400, tail, day: 86_400 };
  return { ruleFiles, groupNames, t0, tail, ours, split, raw: split.groups, plan, pilotFrom: t0 - 900 };
}

/**
 * The samples a run of `o` backfills (pilot and history; the recorded series, a few per cent, left
 * out), and this machine's backfill rate now, from the pilot of a one-instance run (samples/ms).
 */
export function plannedSamples(o: Options): number {
  const p = prepare(o, loadRules(o.rulesDir));
  return countSamples(p.raw, { ...p.plan, denseFrom: p.pilotFrom }, { from: p.pilotFrom, to: p.t0, after: p.pilotFrom - 1 }) +
    countSamples(p.raw, p.plan, { from: p.t0 - p.tail, to: p.t0 });
}

export async function backfillRate(o: Options): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xinliya-bench-rate-"));
  try {
    const p = prepare({ ...o, instances: 1 }, loadRules(o.rulesDir));
    const r = await backfill(p.raw, { ...p.plan, denseFrom: p.pilotFrom }, { from: p.pilotFrom, to: p.t0, after: p.pilotFrom - 1 }, path.join(dir, "data"), dir);
    return r.samples / Math.max(r.ms, 1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function runScale(o: Options): Promise<Result> {
  const started = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xinliya-bench-scale-"));
  const dataDir = path.join(dir, "data");
  const pilotDir = path.join(dir, "pilot");
  const proms: Prom[] = [];
  try {
    const rules = loadRules(o.rulesDir);
    const { ruleFiles, groupNames, t0, tail, ours, split, raw, plan } = prepare(o, rules);
    o.log(`history: ${split.recentSeries} raw series no panel reads are stored only as far back as the rules read them`);

    // 1. A pilot of the last 15 minutes, to evaluate the recording rules once.
    o.log(`pilot: ${seriesOf(raw)} raw series, last 15 min`);
    const pilotFrom = t0 - 900;
    const pilotBf = await backfill(raw, { ...plan, denseFrom: pilotFrom }, { from: pilotFrom, to: t0, after: pilotFrom - 1 }, pilotDir, dir);
    const pilot = await startPrometheus(path.join(dir), pilotDir, []);
    proms.push(pilot);
    // Rules and panel queries; a panel with its own (long) time range is marked `long `.
    const readers = [...rules.map((r) => r.expr), ...ours.flatMap(longTexts)];
    const recorded = await recordedGroups(pilot, rules, t0, readers);
    await pilot.stop();
    fs.rmSync(pilotDir, { recursive: true, force: true });
    const groups: Group[] = [...raw, ...recorded.groups];
    o.log(`recorded: ${seriesOf(recorded.groups)} series of ${rules.filter((r) => r.record).length} recording rules${recorded.missing.length ? ` (no result: ${recorded.missing.join(", ")})` : ""}`);

    // The backfill's size and, at the pilot's rate, its time: refused now if the run cannot end by the deadline.
    const planned = countSamples(groups, plan, { from: t0 - tail, to: t0 });
    const rate = pilotBf.samples / Math.max(pilotBf.ms, 1);
    const estimateMs = planned / rate;
    o.log(`backfill: ${planned} samples planned, about ${(estimateMs / 1000).toFixed(0)} s at the pilot's ${(rate * 1000).toFixed(0)} samples/s`);
    if (o.deadline && Date.now() + estimateMs + MEASURE_RESERVE_MS > o.deadline) {
      throw new OverBudget(`${o.instances} backend instances: the backfill of ${planned} samples would take about ${(estimateMs / 1000).toFixed(0)} s at ${(rate * 1000).toFixed(0)} samples/s, past the --budget (${((o.deadline - Date.now()) / 1000).toFixed(0)} s left, ${MEASURE_RESERVE_MS / 1000} s kept for the timing)`);
    }

    // 2. The whole history up to t0, then a catch-up to a little after the moment Prometheus starts.
    const bf = await backfill(groups, plan, { from: t0 - tail, to: t0 }, dataDir, dir, (i, n) => { if (i % 60 === 0) o.log(`backfill: slice ${i + 1}/${n}`); });
    const lag = Math.ceil((Date.now() / 1000 - t0) / STEP) * STEP;
    const end = t0 + lag + 30;
    const catchUp = await backfill(groups, { ...plan, end }, { from: t0 + 1, to: end, after: t0 }, dataDir, dir);
    const samples = bf.samples + catchUp.samples;
    o.log(`backfill: ${samples} samples in ${((bf.ms + catchUp.ms) / 1000).toFixed(0)} s, data until ${new Date(end * 1000).toISOString()}`);

    // 3. Prometheus with the rules. Evaluations before `end` read full windows (their results
    //    cannot be stored before the backfilled blocks end, which does not change their cost).
    const prom = await startPrometheus(dir, dataDir, ruleFiles);
    proms.push(prom);
    o.log(`prometheus ${prom.url}: waiting for ${o.evaluations} evaluations of every rule group`);
    const groupCosts = await watchGroups(prom, groupNames, o.evaluations, 240_000);
    const ruleCosts = await measureRules(prom, rules, end, o.runs);

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
      peer = { rules: await measureRules(prom, o.peer.rules, end, o.runs), panels: await measurePanels(prom, peerPlans, o.runs) };
    }
    let compare: Result["compare"];
    if (o.compare) {
      const plans: PanelPlan[] = [];
      for (const d of o.compare.dashboards) plans.push(...await planDashboard(d, end, "30s", resolve));
      o.log(`compare: ${o.compare.rules.length} rules, ${plans.length} panels`);
      compare = { rules: await measureRules(prom, o.compare.rules, end, o.runs), panels: await measurePanels(prom, plans, o.runs) };
    }
    const { log: _log, peer: _peer, compare: _compare, ...options } = o;
    return {
      options, series: seriesOf(groups), recordedSeries: seriesOf(recorded.groups), samples,
      backfillMs: bf.ms + catchUp.ms, promtoolMs: bf.promtoolMs + catchUp.promtoolMs, totalMs: performance.now() - started,
      groups: groupCosts, rules: ruleCosts, panels: panelCosts, peer, compare, missingRecords: recorded.missing,
    };
  } finally {
    for (const p of proms) await p.stop();
    if (!o.keep) fs.rmSync(dir, { recursive: true, force: true });
    else o.log(`kept ${dir}`);
  }
}
