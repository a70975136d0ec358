// The data tier's alerts (issue 13), as the issue lists them: name, priority and the labels that
// name the culprit, written here from the issue, not derived from the code.
import { describe, expect, it } from "vitest";
import { priority } from "../../catalog/priorities.ts";
import { forDurations } from "../../catalog/targets.ts";
import { bundleAlertTests, bundleRules } from "../../scripts/lib/bundle-rules.ts";
import { dashboardPanels } from "../../scripts/lib/expressions.ts";
import { metricsRead, metricsReadThrough } from "../../scripts/lib/metric-reads.ts";
import { render } from "../../scripts/render/index.ts";
import { options } from "../helpers.ts";

const REQUIRED: [string, string, string[]][] = [
  ["PostgresDown", "P0", ["job", "instance"]],
  ["PostgresConnectionsHigh", "P1", ["job", "instance"]],
  ["PostgresLongTransaction", "P2", ["job", "instance", "datname"]],
  ["PostgresIdleInTransaction", "P2", ["job", "instance", "datname"]],
  ["PostgresLockWaits", "P1", ["job", "instance", "datname"]],
  ["PostgresDeadlocks", "P2", ["job", "instance", "datname"]],
  ["PostgresSlowQueries", "P2", ["job", "instance", "datname", "queryid"]],
  ["PostgresCacheHitRatioLow", "P3", ["job", "instance", "datname"]],
  ["PostgresXidWraparoundRisk", "P2", ["job", "instance", "datname"]],
  ["PostgresDeadTuplesHigh", "P3", ["job", "instance", "datname", "schemaname", "relname"]],
  ["PostgresWalArchiveFailing", "P1", ["job", "instance"]],
  // Round 2: archive age and vacuum age (issue §1), the probe-based uptime SLI (§3 "Uptime").
  ["PostgresWalArchiveStale", "P1", ["job", "instance"]],
  ["PostgresVacuumTooOld", "P3", ["job", "instance", "datname", "schemaname", "relname"]],
  ["ApiProbeBudgetBurnFast", "P0", ["job", "instance"]],
  ["ApiProbeBudgetBurnSlow", "P2", ["job", "instance"]],
  ["RedisDown", "P1", ["job", "instance"]],
  ["RedisMemoryHigh", "P2", ["job", "instance"]],
  ["RedisEvictionsHigh", "P2", ["job", "instance"]],
  ["RedisCacheHitRateLow", "P2", ["job", "instance"]],
  ["RedisRejectedConnections", "P1", ["job", "instance"]],
  ["RedisClientsHigh", "P2", ["job", "instance"]],
  ["RedisRdbSaveFailing", "P2", ["job", "instance"]],
  ["RedisRdbSaveStale", "P2", ["job", "instance"]],
  ["ApiProbeFailed", "P0", ["instance"]],
  ["CertificateInvalid", "P1", ["job", "instance"]],
  ["CertificateExpiresIn7Days", "P1", ["instance"]],
  ["CertificateExpiringSoon", "P2", ["instance"]],
  ["DataExporterDown", "P2", ["job", "instance"]],
  ["RestoreDrillFailed", "P1", ["job", "instance", "backup"]],
  ["RestoreDrillMissing", "P2", ["job", "backup"]],
  ["RestoreDrillSlow", "P2", ["job", "instance", "backup"]],
  ["BackupSizeDropped", "P1", ["job", "instance", "backup"]],
];

/** Bounded labels only: never a query text, a user or a client address. */
const ALLOWED = new Set(["job", "instance", "server", "datname", "queryid", "schemaname", "relname", "backup", "priority", "severity"]);
const DOMAINS = ["database", "cache", "reachability", "probe-slo", "recovery"].map((d) => `prometheus/rules/${d}.yml`);

describe("the data tier's alerts", () => {
  const bundle = render(options());

  it("are exactly the issue's, with priority, severity, catalog `for` and the four annotations", () => {
    const rules = bundleRules(bundle).filter((r) => r.rule.alert && DOMAINS.includes(r.file)).map((r) => r.rule);
    expect(rules.map((r) => r.alert).sort()).toEqual(REQUIRED.map(([n]) => n).sort());
    for (const [name, p] of REQUIRED) {
      const rule = rules.find((r) => r.alert === name)!;
      expect(rule.labels, name).toEqual({ priority: p, severity: priority(p).severity });
      expect(rule.for, name).toBe(forDurations()[name]);
      expect(Object.keys(rule.annotations!).sort(), name).toEqual(["dashboard_url", "description", "runbook_url", "summary"]);
      expect(rule.annotations!.dashboard_url, name).toMatch(/\/d\/xinliya-data\?viewPanel=\d+$/);
    }
  });

  it("open a panel of xinliya-data that shows a series the alert reads", () => {
    const rules = bundleRules(bundle).map((r) => r.rule);
    const records = new Map(rules.flatMap((r) => (r.record ? [[r.record, String(r.expr)] as const] : [])));
    const panels = dashboardPanels(JSON.parse(bundle.get("grafana/dashboards/xinliya-data.json")!)) as { id: number; targets?: { expr: string }[] }[];
    for (const [name] of REQUIRED) {
      const rule = rules.find((r) => r.alert === name)!;
      const id = Number(/viewPanel=(\d+)$/.exec(rule.annotations!.dashboard_url!)![1]);
      const panel = panels.find((p) => p.id === id);
      expect(panel, name).toBeDefined();
      const reads = new Set([...metricsReadThrough(String(rule.expr), records), ...metricsRead(String(rule.expr))]);
      const shown = (panel!.targets ?? []).flatMap((t) => [...metricsRead(t.expr)]);
      expect(shown.some((m) => reads.has(m)), `${name} → panel ${id}`).toBe(true);
    }
  });

  it("fire in their promtool cases with the labels that name the culprit, and only bounded ones", () => {
    const tests = bundleAlertTests(bundle);
    for (const [name, , culprit] of REQUIRED) {
      const mine = tests.filter((t) => t.expectation.alertname === name);
      const firing = mine.flatMap((t) => (t.expectation.exp_alerts ?? []) as { exp_labels: Record<string, string> }[]);
      expect(firing.length, `${name} fires in a case`).toBeGreaterThan(0);
      expect(mine.some((t) => (t.expectation.exp_alerts ?? []).length === 0), `${name} has a silent case`).toBe(true);
      expect(firing.some((a) => culprit.every((l) => l in a.exp_labels)), `${name} names ${culprit.join(", ")}`).toBe(true);
      for (const a of firing) for (const k of Object.keys(a.exp_labels)) expect(ALLOWED.has(k), `${name} carries ${k}`).toBe(true);
    }
  });
});
