// One bench:scale run: synthesize and backfill, start Prometheus with the generated rules, time
// the rule groups, each rule and every panel of every dashboard (ours, and the peer's if given).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { backfill, type Plan } from "./backfill.ts";
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
}

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

export async function runScale(o: Options): Promise<Result> {
  const started = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xinliya-bench-scale-"));
  const dataDir = path.join(dir, "data");
  const pilotDir = path.join(dir, "pilot");
  const proms: Prom[] = [];
  try {
    const rules = loadRules(o.rulesDir);
    const ruleFiles = [...new Set(rules.map((r) => path.join(o.rulesDir, r.file)))];
    const groupNames = [...new Set(rules.map((r) => r.group))];
    const t0 = Math.floor(Date.now() / 1000 / STEP) * STEP;
    const tail = o.tail * 86_400;
    const shape: Shape = { instances: o.instances, nodes: o.nodes, routes: o.routes, methods: o.methods, statuses: o.statuses, cpus: o.cpus, origin: t0 - tail - 86_400, extraNodeMetrics: o.peer?.nodeMetrics };
    const raw = allGroups(shape, ruleFiles.flatMap((f) => groupNames.map((g) => `${f};${g}`)));
    const plan: Plan = { end: t0, denseFrom: t0 - durationSeconds(o.dense), step: STEP, tailStep: 300, longDense: o.days * 86_400, tail, day: 86_400 };

    // 1. A pilot of the last 15 minutes, to evaluate the recording rules once.
    o.log(`pilot: ${seriesOf(raw)} raw series, last 15 min`);
    const pilotFrom = t0 - 900;
    await backfill(raw, { ...plan, denseFrom: pilotFrom }, { from: pilotFrom, to: t0, after: pilotFrom - 1 }, pilotDir, dir);
    const pilot = await startPrometheus(path.join(dir), pilotDir, []);
    proms.push(pilot);
    // Rules and panel queries; a panel with its own (long) time range is marked `long `.
    const readers = [...rules.map((r) => r.expr), ...dashboardFiles(o.dashboardsDir).flatMap(longTexts)];
    const recorded = await recordedGroups(pilot, rules, t0, readers);
    await pilot.stop();
    fs.rmSync(pilotDir, { recursive: true, force: true });
    const groups: Group[] = [...raw, ...recorded.groups];
    o.log(`recorded: ${seriesOf(recorded.groups)} series of ${rules.filter((r) => r.record).length} recording rules${recorded.missing.length ? ` (no result: ${recorded.missing.join(", ")})` : ""}`);

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
