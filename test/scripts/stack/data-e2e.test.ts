// End to end for the data tier (issue 13): real PostgreSQL 15, Redis, postgres_exporter,
// redis_exporter, blackbox_exporter, the HTTPS endpoint with its openssl certificate, the real
// pg_dump backup and pg_restore drill. Each fault is injected for real; each scenario must page
// exactly the receivers of its alert's priority. Two stacks run side by side, four or five scenarios
// each (each breaks its own indicator), at the e2e time scale.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { dataJobs, realStackBackupJobs } from "../../../catalog/data-targets.ts";
import { jobs } from "../../../catalog/selectors.ts";
import { target } from "../../../catalog/thresholds.ts";
import type { Notification } from "../../../scripts/stack/sink.ts";
import { type Stack, portsClosed, startStack } from "../../../scripts/stack/stack.ts";
import { tempDir } from "../../tempdirs.ts";
import { waitFor } from "./wait.ts";
import { amAlerts, promQuery } from "./paging.ts";

/** Times to page are measured here: polled every 250 ms. */
const poll = <T,>(what: string, ms: number, probe: () => T | undefined | Promise<T | undefined>) => waitFor(what, ms, probe, { everyMs: 250 });

const TIME_SCALE = 1 / 40;
/** Who is paged for each priority: the routing table of the README, written from the issue. */
const RECEIVERS: Record<string, string[]> = {
  P0: ["oncall-primary", "oncall-secondary", "sre-chat"],
  P1: ["oncall-primary", "sre-chat"],
  P2: ["sre-chat"],
};
/** scenario → the alert it must page, with that alert's priority. */
const PLAYS = {
  a: [["db-connections", "PostgresConnectionsHigh", "P1"], ["cache-misses", "RedisCacheHitRateLow", "P2"],
    ["cert-expiring", "CertificateExpiresIn7Days", "P1"], ["restore-drill-fails", "RestoreDrillFailed", "P1"]],
  b: [["db-locks", "PostgresLockWaits", "P1"], ["api-unreachable", "ApiProbeFailed", "P0"],
    ["db-slow-query", "PostgresSlowQueries", "P2"], ["cache-memory", "RedisMemoryHigh", "P2"], ["backup-fails", "BackupFailed", "P1"]],
} as const;
/**
 * Fired, and held back: the probe-based uptime SLI burns its budget during the outage too, and
 * ApiProbeFailed, already paging for the same endpoint, inhibits it (one incident, one page).
 */
const HELD = [["b", "api-unreachable", "ApiProbeBudgetBurnFast", "ApiProbeFailed"]] as const;
const playKey = (scenario: string, alert: string) => `${scenario} → ${alert}`;

const stacks: Record<"a" | "b", Stack> = {} as never;
const switchedAt: Record<string, number> = {};
const paged: Record<string, number> = {};

function delivered(stack: Stack, alertname: string): Notification[] {
  return stack.sink.received.filter((n) => n.alerts.some((a) => a.labels.alertname === alertname && a.status === "firing"));
}

beforeAll(async () => {
  const root = tempDir("xinliya-data-e2e-");
  [stacks.a, stacks.b] = await Promise.all([
    startStack({ dir: path.join(root, "a"), timeScale: TIME_SCALE, basePort: 0 }),
    startStack({ dir: path.join(root, "b"), timeScale: TIME_SCALE, basePort: 0 }),
  ]);
  // Every target up and the first backup drilled before any fault: the faults start from health.
  await Promise.all((["a", "b"] as const).map((k) => poll(`every target of stack ${k} up`, 30_000, async () =>
    (await promQuery(stacks[k], "up == 1")).length === Object.keys(jobs(stacks[k].env)).length + Object.keys(dataJobs()).length)));
  for (const k of ["a", "b"] as const) {
    const names = PLAYS[k].map((p) => p[0]);
    await stacks[k].data.setScenario(names);
    for (const n of names) switchedAt[n] = Date.now();
    stacks[k].setScenario(...names);
  }
}, 150_000);

afterAll(async () => {
  await Promise.all(Object.values(stacks).map((s) => s?.stop()));
  console.log(["scenario → alert → receivers → time to page (scale 1/40)",
    ...Object.values(PLAYS).flat()
      .map(([s, a, p]) => `${s} → ${a} (${p}) → ${RECEIVERS[p]!.join(", ")} → ${paged[playKey(s, a)] ? `${(paged[playKey(s, a)]! / 1000).toFixed(1)} s` : "—"}`)].join("\n"));
});

describe("the data tier, live", () => {
  it("the faults are real: sessions near max_connections, a lock holder with waiters, a 3-day certificate, a cold cache", async () => {
    const conns = await poll("sessions above the connection threshold", 20_000, async () => {
      const r = await promQuery(stacks.a, "instance:pg_connections:ratio");
      return r.length && Number(r[0]!.value[1]) > target("dbConnectionsShare") ? r : undefined;
    });
    expect(Number(conns[0]!.value[1])).toBeLessThan(1);
    const waits = await poll("sessions waiting for the lock", 20_000, async () => {
      const r = await promQuery(stacks.b, 'max(pg_lock_waits_sessions{datname="xinliya"})');
      return r.length && Number(r[0]!.value[1]) > 0 ? r : undefined;
    });
    expect(Number(waits[0]!.value[1])).toBeGreaterThan(0);
    const cert = await poll("the short-lived certificate probed", 20_000, async () => {
      const r = await promQuery(stacks.a, "min(probe_ssl_earliest_cert_expiry) - time()");
      return r.length && Number(r[0]!.value[1]) < 7 * 86400 ? r : undefined;
    });
    expect(Number(cert[0]!.value[1])).toBeGreaterThan(2 * 86400);
    const hits = await poll("the cold cache", 20_000, async () => {
      const r = await promQuery(stacks.a, "instance:redis_keyspace_hits:ratio_rate5m");
      return r.length && Number(r[0]!.value[1]) < target("cacheHitRate") ? r : undefined;
    });
    expect(Number(hits[0]!.value[1])).toBeGreaterThanOrEqual(0);
  }, 30_000);

  it.each(Object.entries(PLAYS).flatMap(([k, plays]) => plays.map((p) => [k as "a" | "b", ...p] as const)))(
    "stack %s: %s pages %s (%s) on exactly the receivers of its priority",
    async (k, scenario, alert, priority) => {
      const stack = stacks[k];
      const want = [...RECEIVERS[priority]!].sort();
      const got = await poll(`${alert} on ${want.join(", ")}`, 90_000, () => {
        const r = [...new Set(delivered(stack, alert).map((n) => n.receiver))].sort();
        return r.length >= want.length ? r : undefined;
      });
      // The first page after the switch (a page before it would be noise of the start-up, and fails below).
      const after = delivered(stack, alert).map((n) => n.at).filter((at) => at >= switchedAt[scenario]!);
      paged[playKey(scenario, alert)] = (after.length ? Math.min(...after) : Number.NaN) - switchedAt[scenario]!;
      expect(delivered(stack, alert).every((n) => n.at >= switchedAt[scenario]!), `${alert} paged before its fault`).toBe(true);
      expect(got).toEqual(want);
      const a = delivered(stack, alert)[0]!.alerts.find((x) => x.labels.alertname === alert)!;
      expect(a.labels.priority).toBe(priority);
      expect(a.annotations.runbook_url).toMatch(new RegExp(`/${alert}\\.md$`));
      expect(a.annotations.dashboard_url).toMatch(/\/d\/xinliya-[a-z]+\?viewPanel=\d+$/);
    }, 100_000);

  it.each(HELD)("stack %s: %s fires %s, and %s holds it back: never delivered", async (k, _scenario, alert, cause) => {
    const stack = stacks[k];
    const held = await poll(`${alert} active and inhibited by ${cause}`, 60_000, async () => {
      const a = await amAlerts(stack, alert);
      return a.length > 0 && a.every((x) => x.status.inhibitedBy.length > 0) ? a : undefined;
    });
    expect(held.length).toBeGreaterThan(0);
    expect(delivered(stack, alert)).toEqual([]);
    expect(delivered(stack, cause).length).toBeGreaterThan(0);
  }, 70_000);

  it("keeps the neighbours quiet: a bad certificate is not an outage, an outage is not a bad certificate", () => {
    expect(delivered(stacks.a, "ApiProbeFailed")).toEqual([]);
    expect(delivered(stacks.b, "CertificateInvalid")).toEqual([]);
    expect(delivered(stacks.a, "PostgresDown")).toEqual([]);
    expect(delivered(stacks.b, "RestoreDrillFailed")).toEqual([]);
    // The certificate swap restarts the HTTPS listener: a lost probe or two, under the probe SLI's floor.
    expect(delivered(stacks.a, "ApiProbeBudgetBurnFast")).toEqual([]);
  });

  it("reports the real failed backup, not a simulated success: BackupFailed names postgres_full, pg_dump's own error", () => {
    const failed = delivered(stacks.b, "BackupFailed").flatMap((n) => n.alerts).filter((x) => x.labels.alertname === "BackupFailed" && x.status === "firing");
    expect([...new Set(failed.map((x) => x.labels.backup))]).toEqual(realStackBackupJobs());
    expect(stacks.b.data.backups.runs.some((r) => !r.backupOk && /pg_dump/.test(r.error ?? ""))).toBe(true);
    expect(delivered(stacks.a, "BackupFailed")).toEqual([]);
  });

  it("ran the real backup and drill: the corrupted dump failed to restore, the healthy ones matched", () => {
    const a = stacks.a.data.backups.runs;
    expect(a[0]).toMatchObject({ backupOk: true, drillOk: true, dataMatch: true });
    expect(a.some((r) => r.backupOk && !r.drillOk && /pg_restore/.test(r.error ?? ""))).toBe(true);
    expect(stacks.b.data.backups.runs[0]!.sizeBytes).toBeGreaterThan(100_000);
  });

  it("leaves no process and no port after teardown", async () => {
    await Promise.all(Object.values(stacks).map((s) => s.stop()));
    for (const s of Object.values(stacks)) {
      expect(s.processes.every((p) => !p.running)).toBe(true);
      expect(await portsClosed(s.urls)).toBe(true);
    }
  }, 60_000);
});
