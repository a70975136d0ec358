// The expected backup jobs: a closed list (the names of catalog/allowlists.ts backups()), each with
// its own maximum age, a target of catalog/targets.ts. A job missing here, or one that stops
// reporting, alerts (BackupMissing, BackupNotReported) even after the exporter forgot it.
import { backups } from "./allowlists.ts";
import type { TargetName } from "./targets.ts";

export interface BackupJob {
  /** How often it runs, for people (runbooks, dashboards). */
  schedule: "continuous" | "hourly" | "daily";
  /** The target that holds its maximum age since the last success. */
  maxAge: TargetName;
}

export function backupJobs(): Record<string, BackupJob> {
  return {
    // WAL segments are archived continuously: an hour without one is a gap in point-in-time recovery.
    postgres_wal_archive: { schedule: "continuous", maxAge: "backupMaxAgeContinuous" },
    postgres_incremental: { schedule: "hourly", maxAge: "backupMaxAgeHourly" },
    redis_snapshot: { schedule: "hourly", maxAge: "backupMaxAgeHourly" },
    // Daily jobs get 26 h: a day plus the slack of a slow run.
    postgres_full: { schedule: "daily", maxAge: "backupMaxAge" },
    object_storage_sync: { schedule: "daily", maxAge: "backupMaxAge" },
    offsite_replica: { schedule: "daily", maxAge: "backupMaxAge" },
    config_snapshot: { schedule: "daily", maxAge: "backupMaxAge" },
  };
}

/** Jobs of the allow-list without an entry above, or entries that are not in it (a catalog test). */
export function backupJobProblems(): string[] {
  const listed = new Set(backups());
  const jobs = Object.keys(backupJobs());
  return [
    ...[...listed].filter((b) => !jobs.includes(b)).map((b) => `backup ${b} of allowlists.ts has no entry in catalog/backups.ts`),
    ...jobs.filter((b) => !listed.has(b)).map((b) => `catalog/backups.ts lists ${b}, which allowlists.ts backups() does not`),
  ];
}
