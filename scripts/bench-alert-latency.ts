// npm run bench:alert-latency [-- --rounds 3]: for latency-spike, llm-outage and error-burst, the
// time from the moment the simulator breaks its indicator to the moment the webhook sink receives
// the alert, next to its floor: the rule's `for` + the evaluation interval + the route's
// group_wait, all at the demo time scale of `npm start`. A report, not a pass/fail test.
//
// The three scenarios run at once in one stack (they break independent indicators), then the stack
// recovers until every alert has resolved, and the next round starts.
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { parseArgs } from "node:util";
import { forDurations } from "../catalog/targets.ts";
import { notificationPolicy } from "../catalog/notifications.ts";
import { seconds } from "../catalog/duration.ts";
import type { PriorityName } from "../catalog/types.ts";
import { scaleDuration } from "./render/timescale.ts";
import { defaultTimeScale, startStack } from "./stack/stack.ts";

const { values } = parseArgs({ args: process.argv.slice(2), options: { rounds: { type: "string", default: "3" } } });
const rounds = Math.max(1, Number(values.rounds));
const scale = defaultTimeScale();
const cases: { scenario: "latency-spike" | "llm-outage" | "error-burst"; alert: string; priority: PriorityName }[] = [
  { scenario: "latency-spike", alert: "ApiLatencyHigh", priority: "P1" },
  { scenario: "llm-outage", alert: "LlmApiDown", priority: "P0" },
  { scenario: "error-burst", alert: "ApiErrorBudgetBurnFast", priority: "P0" },
];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xinliya-bench-alerts-"));
const stack = await startStack({ dir, timeScale: scale, basePort: 19300 });
const evaluation = seconds(stack.env.evaluationInterval);
const floor = (c: (typeof cases)[number]) =>
  seconds(scaleDuration(forDurations()[c.alert]!, scale)) + evaluation
  + seconds(scaleDuration(notificationPolicy().priorities[c.priority].groupWait, scale));

const firstNotice = (alert: string, status: string, after: number) =>
  stack.sink.received.find((n) => n.at >= after && n.alerts.some((a) => a.labels.alertname === alert && a.status === status));

async function until(what: string, timeoutMs: number, ok: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const latencies = new Map(cases.map((c) => [c.alert, [] as number[]]));
try {
  await new Promise((r) => setTimeout(r, 10_000)); // a healthy baseline in every window
  for (let round = 1; round <= rounds; round++) {
    const t0 = Date.now();
    stack.setScenario(...cases.map((c) => c.scenario));
    for (const c of cases) {
      await until(`${c.alert} firing`, 120_000, () => firstNotice(c.alert, "firing", t0) !== undefined);
      latencies.get(c.alert)!.push((firstNotice(c.alert, "firing", t0)!.at - t0) / 1000);
    }
    const t1 = Date.now();
    stack.setScenario("normal");
    for (const c of cases) await until(`${c.alert} resolved`, 180_000, () => firstNotice(c.alert, "resolved", t1) !== undefined);
    console.log(`round ${round}/${rounds} done`);
  }
} finally {
  await stack.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
console.log(`\nbench:alert-latency, time scale ${scale}, evaluation interval ${evaluation}s, ${rounds} rounds (median)`);
console.log("scenario        alert                    measured  floor  over floor   (target: within 10 s)");
for (const c of cases) {
  const m = median(latencies.get(c.alert)!);
  const f = floor(c);
  console.log(`${c.scenario.padEnd(15)} ${c.alert.padEnd(24)} ${m.toFixed(1).padStart(6)} s ${String(f).padStart(4)} s ${(m - f).toFixed(1).padStart(8)} s`);
}
