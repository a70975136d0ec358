// Failure scenarios of backups and logins (items 4 and 6), from the exporter's series.
import { backupJobs } from "../../catalog/backups.ts";
import { targets } from "../../catalog/targets.ts";
import type { RuleContext, SeriesDef } from "../types.ts";
import { counter, exporter } from "./raw.ts";
import { humanizeDuration } from "../testing.ts";
import type { FailureScenario, ScenarioFile } from "./types.ts";

const MINUTES = 60;

/**
 * The last-success timestamp a replica reports for a job: `ageMinutes` old at the start, then
 * renewed every `everyMinutes` (0: never renewed); `_` after `forgetAt` (the replica restarted).
 */
function lastSuccess(ctx: RuleContext, instance: string, backup: string, ageMinutes: number, everyMinutes: number, forgetAt = MINUTES + 1): SeriesDef {
  const values: string[] = [];
  let last = -ageMinutes * 60;
  for (let m = 0; m <= MINUTES; m++) {
    if (everyMinutes > 0 && m > 0 && m % everyMinutes === 0) last = m * 60;
    values.push(m >= forgetAt ? "_" : String(last));
  }
  return { series: `xinliya_backup_last_success_timestamp_seconds{job="${exporter(ctx).job}",instance="${instance}",backup="${backup}"}`, values: values.join(" ") };
}

/** Every expected job fresh on one replica, but those the scenario plays itself. */
function freshJobs(ctx: RuleContext, except: string[]): SeriesDef[] {
  return Object.keys(backupJobs()).filter((b) => !except.includes(b)).map((b) => lastSuccess(ctx, "app-1:9464", b, 10, 30));
}

function backupScenarios(ctx: RuleContext): FailureScenario[] {
  const walMax = targets().backupMaxAgeContinuous.value / 60;
  const hourlyMax = targets().backupMaxAgeHourly.value / 60;
  return [
    {
      item: 4,
      name: "WAL archiving stopped: its one-hour limit is passed long before a daily backup's 26 h",
      interval: "1m",
      series: [...freshJobs(ctx, ["postgres_wal_archive"]), lastSuccess(ctx, "app-1:9464", "postgres_wal_archive", walMax - 20, 0)],
      expect: [
        { at: "10m", alert: "BackupMissing", firing: [] },
        { at: "40m", alert: "BackupMissing", firing: [{ labels: { job: exporter(ctx).job!, backup: "postgres_wal_archive" }, value: "1h 20m 0s" }] },
      ],
    },
    {
      item: 4,
      name: "the exporter restarts and forgets a job that had stopped: it still alerts",
      interval: "1m",
      series: [...freshJobs(ctx, ["postgres_wal_archive"]), lastSuccess(ctx, "app-1:9464", "postgres_wal_archive", walMax - 20, 0, 15)],
      expect: [
        { at: "10m", alert: "BackupMissing", firing: [] },
        { at: "40m", alert: "BackupMissing", firing: [{ labels: { job: exporter(ctx).job!, backup: "postgres_wal_archive" }, value: "1h 20m 0s" }] },
      ],
    },
    {
      item: 4,
      name: "hourly Redis snapshots stopped: they alert after their own limit, not a daily one",
      interval: "1m",
      series: [...freshJobs(ctx, ["redis_snapshot"]), lastSuccess(ctx, "app-1:9464", "redis_snapshot", hourlyMax - 20, 0)],
      expect: [
        { at: "10m", alert: "BackupMissing", firing: [] },
        { at: "40m", alert: "BackupMissing", firing: [{ labels: { job: exporter(ctx).job!, backup: "redis_snapshot" }, value: humanizeDuration((hourlyMax + 20) * 60) }] },
      ],
    },
    {
      item: 4,
      name: "an expected job that no replica ever reported: BackupNotReported",
      interval: "1m",
      series: freshJobs(ctx, ["offsite_replica"]),
      expect: [
        { at: "10m", alert: "BackupNotReported", firing: [] },
        { at: "20m", alert: "BackupNotReported", firing: [{ labels: { job: exporter(ctx).job!, backup: "offsite_replica" }, value: "1d 2h 0m 0s" }] },
      ],
    },
    {
      item: 4,
      name: "two replicas: one has a stale view of the full backup, the other saw it succeed: the freshest counts",
      interval: "1m",
      series: [
        ...freshJobs(ctx, ["postgres_full"]),
        lastSuccess(ctx, "app-1:9464", "postgres_full", 30 * 60, 0),
        lastSuccess(ctx, "app-2:9464", "postgres_full", 60, 0),
      ],
      expect: [{ at: "40m", alert: "BackupMissing", firing: [] }, { at: "40m", alert: "BackupNotReported", firing: [] }],
    },
  ];
}

function loginScenarios(ctx: RuleContext): FailureScenario[] {
  const logins = (success: number, failure: number) => [
    counter("xinliya_auth_attempts_total", { ...exporter(ctx), outcome: "success" }, [{ minutes: MINUTES, perMinute: success }]),
    counter("xinliya_auth_attempts_total", { ...exporter(ctx), outcome: "failure" }, [{ minutes: MINUTES, perMinute: failure }]),
  ];
  const job = exporter(ctx).job!;
  return [
    {
      item: 6,
      name: "authentication broken at normal volume: 12 logins a minute, all failing (0.2/s, under the rate threshold)",
      interval: "1m",
      series: logins(0, 12),
      expect: [
        { at: "3m", alert: "AuthLoginsFailing", firing: [] },
        { at: "15m", alert: "AuthLoginsFailing", firing: [{ labels: { job }, value: "100%" }] },
        { at: "15m", alert: "AuthFailuresHigh", firing: [] },
      ],
    },
    {
      item: 6,
      name: "normal logins with a few typos, and one failing login on a quiet night: no page",
      interval: "1m",
      series: logins(30, 2),
      expect: [{ at: "30m", alert: "AuthLoginsFailing", firing: [] }],
    },
  ];
}

export function operationsScenarioFile(ctx: RuleContext): ScenarioFile {
  return { domain: "operations", source: "alerts/scenarios/operations.ts", scenarios: [...backupScenarios(ctx), ...loginScenarios(ctx)] };
}
