// `npm run maintenance` against a real Alertmanager (prometheus-alertmanager 0.25, the local
// bundle's config) on a free loopback port, stopped by its process id: the silence is created
// through API v2 and silences the backend's alerts; matchers that would hide a safety alert or
// Watchdog are refused, naming the alert, and create nothing; --list and --expire; the announcement.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { safetyAlerts } from "../../../catalog/safety.ts";
import { jobs } from "../../../catalog/selectors.ts";
import { environment } from "../../../catalog/environments.ts";
import { maintenanceAnnouncements } from "../../../catalog/maintenance.ts";
import { fill } from "../../../scripts/maintenance/announcement.ts";
import { runMaintenance } from "../../../scripts/maintenance/main.ts";
import { listSilences } from "../../../scripts/maintenance/alertmanager.ts";
import { type Alertmanager, freePort, startAlertmanager } from "../../alerts/routing/tools.ts";
import { options, renderTo } from "../../helpers.ts";

const env = environment("local");
const backend = jobs(env).backend;
const exporterJob = jobs(env).businessExporter;
let am: Alertmanager;

async function run(...argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runMaintenance([...argv, "--alertmanager", am.url, "--env", "local", "--author", "test"], (l) => lines.push(l));
  return { code, out: lines.join("\n") };
}

beforeAll(async () => {
  am = await startAlertmanager(path.join(renderTo(options("local")), "alertmanager/alertmanager.yml"));
}, 30_000);
afterAll(async () => { await am?.stop(); });

describe("npm run maintenance", () => {
  it("creates a 2h silence for the backend through API v2 and prints the announcement for users and team in zh and en", async () => {
    const { code, out } = await run("--start", "now", "--duration", "2h", "--matcher", `job="${backend}"`, "--reason", "数据库升级 / database upgrade");
    expect(code, out).toBe(0);
    const id = /created silence ([0-9a-f-]{36})/.exec(out)![1]!;
    const s = (await listSilences(am.url)).find((x) => x.id === id)!;
    expect(s.status.state).toBe("active");
    expect(s.matchers).toEqual([{ name: "job", value: backend, isRegex: false, isEqual: true }]);
    expect((Date.parse(s.endsAt) - Date.parse(s.startsAt)) / 1000).toBeCloseTo(7200, 0);
    expect(s.comment).toContain("数据库升级");
    for (const head of ["【维护计划公告】", "[Scheduled maintenance]", "【维护计划公告 · 团队】", "[Maintenance plan · team]"]) expect(out).toContain(head);
    expect(out).toContain(id);
    // Users read when and why, never the matchers.
    const users = out.slice(out.indexOf("【维护计划公告】"), out.indexOf("【维护计划公告 · 团队】"));
    expect(users).toContain("数据库升级");
    expect(users).not.toContain(backend);
  });

  it("the silence hides the backend's alerts but not a safety alert of the same time", async () => {
    await am.post([
      { alertname: "ApiLatencyHigh", job: backend, priority: "P1", severity: "critical", environment: env.name },
      { alertname: "CrisisWaitingTooLong", job: exporterJob, priority: "P0", severity: "critical", environment: env.name },
    ]);
    const alerts = await (await fetch(`${am.url}/api/v2/alerts`)).json() as { labels: Record<string, string>; status: { state: string; silencedBy: string[] } }[];
    const state = (name: string) => alerts.find((a) => a.labels.alertname === name)!.status;
    expect(state("ApiLatencyHigh").state).toBe("suppressed");
    expect(state("ApiLatencyHigh").silencedBy.length).toBe(1);
    expect(state("CrisisWaitingTooLong")).toMatchObject({ state: "active", silencedBy: [] });
  });

  it.each([
    [`job="${exporterJob}"`, "CrisisTakeoverSlow"],
    ['severity="critical"', "CrisisTakeoverSlow"],
    ['priority=~"P0|P1"', "UsageRemindersStopped"],
    ['detector="model_classifier"', "CrisisDetectorSilent"],
    ['alertname="Watchdog"', "Watchdog"],
    ['alertname=~".+"', "Watchdog"],
    ['environment="local"', "CrisisWaitingTooLong"],
  ])("refuses --matcher %s, naming %s, and creates nothing", async (matcher, hidden) => {
    const before = (await listSilences(am.url)).length;
    const { code, out } = await run("--duration", "2h", "--matcher", matcher, "--reason", "test");
    expect(code).toBe(2);
    expect(out).toMatch(/^maintenance: refused: the matchers .* would hide /);
    expect(out).toContain(hidden);
    expect((await listSilences(am.url)).length).toBe(before);
  });

  it("names every safety alert an exporter-wide matcher would hide", async () => {
    const { out } = await run("--duration", "2h", "--matcher", `job="${exporterJob}"`, "--reason", "test");
    for (const a of safetyAlerts()) expect(out).toContain(a.name);
  });

  it("accepts a matcher narrowed by instance even on the exporter's job (safety alerts carry no instance)", async () => {
    const { code, out } = await run("--duration", "30m", "--matcher", `job="${exporterJob}"`, "--matcher", 'instance="app-a:9464"', "--reason", "重启导出器");
    expect(code, out).toBe(0);
  });

  it("refuses bad flags, naming the flag", async () => {
    expect((await run("--duration", "2 hours", "--matcher", `job="${backend}"`, "--reason", "x")).out).toMatch(/--duration "2 hours": invalid duration/);
    expect((await run("--duration", "2h", "--matcher", "job=backend", "--reason", "x")).out).toMatch(/--matcher "job=backend" is not a matcher/);
    expect((await run("--duration", "2h", "--matcher", `job="${backend}"`)).out).toMatch(/--reason is required/);
    expect((await run("--duration", "2h", "--reason", "x")).out).toMatch(/at least one --matcher/);
    expect((await run("--start", "tomorrow", "--duration", "2h", "--matcher", `job="${backend}"`, "--reason", "x")).out).toMatch(/--start "tomorrow" is not/);
    expect((await run("--expire", "not-an-id")).code).toBe(2);
    expect((await run("--bogus")).code).toBe(2);
  });

  it("lists the silences and expires one", async () => {
    const { out } = await run("--list");
    const id = /^([0-9a-f-]{36})\s+active\s.*job="xinliya-backend"/m.exec(out)?.[1] ?? /^([0-9a-f-]{36})\s+active/m.exec(out)![1]!;
    expect(out).toContain("[xinliya-maintenance]");
    expect((await run("--expire", id)).code).toBe(0);
    expect((await listSilences(am.url)).find((s) => s.id === id)!.status.state).toBe("expired");
  });

  it("says when Alertmanager cannot be reached (exit 1)", async () => {
    const port = await freePort();
    const lines: string[] = [];
    const code = await runMaintenance(["--list", "--alertmanager", `http://127.0.0.1:${port}`], (l) => lines.push(l));
    expect({ code, out: lines.join("\n") }).toMatchObject({ code: 1, out: expect.stringMatching(/GET \/api\/v2\/silences: cannot reach Alertmanager/) });
  });

  it("runs as `npm run maintenance` (the package script)", () => {
    const res = spawnSync("npm", ["run", "--silent", "maintenance", "--", "--list", "--alertmanager", am.url], { encoding: "utf8", timeout: 60_000 });
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/expired|active|no silence/);
  }, 60_000);

  it("refuses an announcement template with an unknown placeholder, naming it", () => {
    expect(() => fill(maintenanceAnnouncements().users.zh + "{typo}", { start: "", end: "", duration: "", reason: "" }, "catalog/maintenance.ts users.zh"))
      .toThrow(/catalog\/maintenance\.ts users\.zh: unknown placeholder \{typo\}/);
  });
});
