// End to end, issue 14: the live stack plays crisis-handoff-slow, crisis-detector-down and
// emergency-contact-fails at once (each breaks its own stage of the crisis pipeline). Every
// resulting P0 pages both on-call engineers and the team, while maintenance silences made through
// `npm run maintenance` are active: the command refuses the matchers that would hide them, and the
// ones it accepts do not.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "../../../catalog/selectors.ts";
import { runMaintenance } from "../../../scripts/maintenance/main.ts";
import type { Notification } from "../../../scripts/stack/sink.ts";
import { type Stack, portsClosed, startStack } from "../../../scripts/stack/stack.ts";
import { tempDir } from "../../tempdirs.ts";
import { waitFor } from "./wait.ts";
import { amAlerts } from "./paging.ts";
import { diagnose } from "./diagnose.ts";

const TIME_SCALE = 1 / 40;
const SCENARIOS = ["crisis-handoff-slow", "crisis-detector-down", "emergency-contact-fails"] as const;
/** What each scenario must page, and whom: the contract, written out. */
const PAGES: Record<(typeof SCENARIOS)[number], string[]> = {
  "crisis-handoff-slow": ["CrisisWaitingTooLong"],
  "crisis-detector-down": ["CrisisDetectorSilent", "CrisisDetectorCoverageLost"],
  "emergency-contact-fails": ["EmergencyContactNotifyFailing"],
};
const BOTH_ON_CALL_AND_TEAM = ["oncall-primary", "oncall-secondary", "sre-chat"];

let stack: Stack;
let switchedAt = 0;

async function maintenance(...argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runMaintenance([...argv, "--alertmanager", stack.urls.alertmanager, "--env", "local", "--author", "e2e"], (l) => lines.push(l));
  return { code, out: lines.join("\n") };
}

const firing = (alertname: string): Notification[] =>
  stack.sink.received.filter((n) => n.alerts.some((a) => a.labels.alertname === alertname && a.status === "firing"));

beforeAll(async () => {
  stack = await startStack({ dir: path.join(tempDir("xinliya-safety-e2e-"), "stack"), timeScale: TIME_SCALE, basePort: 0 });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe("live crisis pipeline", () => {
  it("creates the maintenance silences the command accepts, and refuses those that would hide a safety alert", async () => {
    const backend = jobs(stack.env).backend;
    const exporterJob = jobs(stack.env).businessExporter;
    for (const matcher of [`job="${exporterJob}"`, 'severity="critical"', 'priority="P0"', 'alertname=~"Crisis.*"', 'environment="local"']) {
      const r = await maintenance("--duration", "2h", "--matcher", matcher, "--reason", "e2e");
      expect({ matcher, code: r.code }).toEqual({ matcher, code: 2 });
      expect(r.out).toMatch(/would hide .*(Crisis|Emergency|Usage|Watchdog)/);
    }
    for (const matchers of [[`job="${backend}"`], ['instance=~".+"'], [`job="${exporterJob}"`, 'instance=~".+"'], ['alertname=~"Api.+|Host.+|Llm.+"']]) {
      const r = await maintenance("--duration", "2h", ...matchers.flatMap((m) => ["--matcher", m]), "--reason", "数据库升级");
      expect(r.code, r.out).toBe(0);
    }
    const listed = await maintenance("--list");
    expect(listed.out.match(/ active /g)?.length).toBe(4);
    stack.setScenario(...SCENARIOS);
    switchedAt = Date.now();
  }, 30_000);

  it.each(Object.entries(PAGES).flatMap(([scenario, alerts]) => alerts.map((a) => [scenario, a] as const)))(
    "%s pages %s on both on-call engineers and the team at once, through the maintenance silences",
    async (_scenario, alert) => {
      const got = await waitFor(`${alert} on ${BOTH_ON_CALL_AND_TEAM.join(", ")}`, 60_000, () => {
        const r = [...new Set(firing(alert).map((n) => n.receiver))].sort();
        return r.length >= BOTH_ON_CALL_AND_TEAM.length ? r : undefined;
      }, { explain: () => diagnose(stack, switchedAt) });
      expect(got).toEqual([...BOTH_ON_CALL_AND_TEAM].sort());
      // "At once": the three notifications of the first firing arrive within a few seconds.
      const firsts = BOTH_ON_CALL_AND_TEAM.map((r) => Math.min(...firing(alert).filter((n) => n.receiver === r).map((n) => n.at)));
      expect(Math.max(...firsts) - Math.min(...firsts)).toBeLessThan(5_000);
      expect(Math.min(...firsts)).toBeGreaterThan(switchedAt);
      const a = firing(alert)[0]!.alerts.find((x) => x.labels.alertname === alert)!;
      expect(a.labels.priority).toBe("P0");
      expect(a.annotations.runbook_url).toMatch(new RegExp(`/${alert}\\.md$`));
      expect(a.annotations.dashboard_url).toMatch(/\/d\/xinliya-safety\?viewPanel=\d+$/);
      // Alertmanager agrees: the alert is active, silenced by nothing, inhibited by nothing.
      const alerts = await amAlerts(stack, alert);
      expect(alerts.length).toBeGreaterThan(0);
      for (const x of alerts) expect(x.status).toMatchObject({ state: "active", silencedBy: [], inhibitedBy: [] });
    }, 70_000);

  it("repeats the page while it fires (repeat until resolved)", async () => {
    const alert = "CrisisWaitingTooLong";
    // The safety route's repeat_interval, 5m at 1/40 scale, is 7.5 s.
    await waitFor(`${alert} repeated on oncall-secondary`, 40_000, () => firing(alert).filter((n) => n.receiver === "oncall-secondary").length >= 2 || undefined,
      { explain: () => diagnose(stack, switchedAt) });
  }, 45_000);

  it("stops every process and frees every port", async () => {
    await stack.stop();
    expect(stack.processes.every((p) => !p.running)).toBe(true);
    expect(await portsClosed(stack.urls)).toBe(true);
  }, 30_000);
});
