// npm run bench:alert-latency [-- --rounds 1 --scenario a,b]: for every live scenario of the
// stack (scripts/stack/scenarios.ts, so scenarios added there are measured with no edit here), the
// time from the moment the simulator breaks its indicator to the moment the webhook sink receives
// each alert the scenario brings, next to its floor: the rule's `for` + the evaluation interval +
// the route's group_wait, all at the demo time scale of `npm start`. A report, not a pass/fail test.
//
// Scenarios are played one at a time from a healthy stack: the alerts that reach the sink after
// the switch, and were not firing before it, are the scenario's. Then the stack recovers until they
// have all resolved (or a time limit passes), and the next scenario starts.
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { parseArgs } from "node:util";
import { forDurations } from "../catalog/targets.ts";
import { notificationPolicy } from "../catalog/notifications.ts";
import { seconds } from "../catalog/duration.ts";
import type { PriorityName } from "../catalog/types.ts";
import { scaleDuration } from "./render/timescale.ts";
import { type ScenarioName, scenarios } from "./stack/scenarios.ts";
import { defaultTimeScale, startStack } from "./stack/stack.ts";

const { values } = parseArgs({ args: process.argv.slice(2), options: {
  rounds: { type: "string", default: "1" },
  scenario: { type: "string" },
  "settle-seconds": { type: "string", default: "60" },
} });
const rounds = Math.max(1, Number(values.rounds));
const known = Object.keys(scenarios()).filter((n) => n !== "normal");
const chosen = values.scenario ? values.scenario.split(",") : known;
for (const n of chosen) if (!known.includes(n)) throw new Error(`--scenario: unknown scenario "${n}" (known: ${known.join(", ")})`);
const scale = defaultTimeScale();
const settle = Number(values["settle-seconds"]) * 1000;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xinliya-bench-alerts-"));
const stack = await startStack({ dir, timeScale: scale, basePort: 0 });
const evaluation = seconds(stack.env.evaluationInterval);
const floor = (alert: string, priority: string | undefined) => {
  const f = forDurations()[alert];
  const p = notificationPolicy().priorities[priority as PriorityName];
  return (f ? seconds(scaleDuration(f, scale)) : 0) + evaluation + (p ? seconds(scaleDuration(p.groupWait, scale)) : 0);
};

const firingAt = (after: number) => {
  const first = new Map<string, { at: number; priority?: string }>();
  for (const n of stack.sink.received) {
    if (n.at < after) continue;
    for (const a of n.alerts) if (a.status === "firing" && !first.has(a.labels.alertname!)) first.set(a.labels.alertname!, { at: n.at, priority: a.labels.priority });
  }
  return first;
};
/** Alerts whose latest notification up to now says firing. */
const firingNow = () => {
  const state = new Map<string, string>();
  for (const n of stack.sink.received) for (const a of n.alerts) state.set(a.labels.alertname!, a.status);
  return new Set([...state].filter(([, s]) => s === "firing").map(([a]) => a));
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const rows: { scenario: string; alert: string; priority: string; measured: number[]; floor: number }[] = [];
try {
  await sleep(10_000); // a healthy baseline in every window
  for (let round = 1; round <= rounds; round++) {
    for (const name of chosen) {
      const before = firingNow();
      const t0 = Date.now();
      stack.setScenario(name as ScenarioName);
      // The slowest floor at this scale is well under a minute; wait that long past the last new alert.
      let lastNew = Date.now();
      let count = 0;
      while (Date.now() - t0 < 150_000) {
        const fired = [...firingAt(t0).keys()].filter((a) => !before.has(a));
        if (fired.length > count) { count = fired.length; lastNew = Date.now(); }
        if (count > 0 && Date.now() - lastNew > settle) break;
        await sleep(250);
      }
      for (const [alert, f] of firingAt(t0)) {
        if (before.has(alert)) continue;
        let row = rows.find((r) => r.scenario === name && r.alert === alert);
        if (!row) rows.push(row = { scenario: name, alert, priority: f.priority ?? "—", measured: [], floor: floor(alert, f.priority) });
        row.measured.push((f.at - t0) / 1000);
      }
      if (!rows.some((r) => r.scenario === name)) rows.push({ scenario: name, alert: "(none reached the sink)", priority: "—", measured: [], floor: NaN });
      const t1 = Date.now();
      stack.setScenario("normal");
      const mine = [...firingAt(t0).keys()].filter((a) => !before.has(a));
      while (mine.some((a) => firingNow().has(a)) && Date.now() - t1 < 180_000) await sleep(250);
      console.error(`round ${round}/${rounds}: ${name} done (${mine.join(", ") || "no alert"})`);
    }
  }
} finally {
  await stack.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
console.log(`\nbench:alert-latency, time scale ${scale}, evaluation interval ${evaluation}s, ${rounds} round(s) (median), ${chosen.length} scenarios`);
console.log("| scenario | alert | measured | floor | over the floor |");
console.log("| --- | --- | ---: | ---: | ---: |");
for (const r of rows) {
  if (r.measured.length === 0) { console.log(`| ${r.scenario} | ${r.alert} | — | — | — |`); continue; }
  const m = median(r.measured);
  console.log(`| ${r.scenario} | ${r.alert} (${r.priority}) | ${m.toFixed(1)} s | ${r.floor.toFixed(0)} s | ${(m - r.floor).toFixed(1)} s |`);
}
