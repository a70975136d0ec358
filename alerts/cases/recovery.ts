// Boundary cases of the restore-drill and backup-size rules (alerts/recovery.ts), generated from the
// catalog's numbers; failure scenarios and quiet neighbours: alerts/scenarios/recovery.ts.
import { drilledBackup } from "../../catalog/data-targets.ts";
import { jobs } from "../../catalog/selectors.ts";
import { target } from "../../catalog/thresholds.ts";
import { boundaryCases, humanize, humanizeDuration, levelCases, sampleCount, series } from "../testing.ts";
import type { RuleContext, RuleTestCase } from "../types.ts";
import { forOf } from "./data-common.ts";

export function recoveryTests(ctx: RuleContext): RuleTestCase[] {
  const node = { job: jobs(ctx.env).node, instance: "db-1:9100" };
  const BACKUPS = ["config_snapshot", drilledBackup()];
  const n = (alert: string) => sampleCount(forOf(alert));
  const lastSuccess = (remaining: number) => ({
    series: series("xinliya_restore_drill_last_success_timestamp_seconds", { ...node, backup: drilledBackup() }),
    values: `${-remaining}+60x${n("RestoreDrillMissing")}`,
  });
  return [
    ...levelCases({
      alert: "RestoreDrillFailed", forDuration: forOf("RestoreDrillFailed"), quiet: 1, loud: 0,
      names: { quiet: "a drill that restored and matched", loud: "a drill whose dump did not restore" }, subjects: BACKUPS,
      inputs: (level, backup) => [{ series: series("xinliya_restore_drill_last_run_success", { ...node, backup }), values: `${level}x${n("RestoreDrillFailed")}` }],
      labels: (backup) => ({ ...node, backup }), format: String,
    }),
    ...boundaryCases({
      alert: "RestoreDrillMissing", forDuration: forOf("RestoreDrillMissing"), threshold: target("restoreDrillMaxAge"), margin: 3600,
      subjects: [drilledBackup()],
      inputs: (level) => [lastSuccess(level)],
      labels: (backup) => ({ ...node, backup }), format: humanizeDuration,
    }),
    ...boundaryCases({
      alert: "RestoreDrillSlow", forDuration: forOf("RestoreDrillSlow"), threshold: target("restoreDrillRto"), margin: 60, subjects: BACKUPS,
      inputs: (level, backup) => [{ series: series("xinliya_restore_drill_duration_seconds", { ...node, backup }), values: `${level}x${n("RestoreDrillSlow")}` }],
      labels: (backup) => ({ ...node, backup }), format: humanizeDuration,
    }),
    ...boundaryCases({
      alert: "BackupSizeDropped", forDuration: forOf("BackupSizeDropped"), threshold: target("backupSizeDropShare"), margin: 0.1,
      direction: "below", subjects: BACKUPS,
      // A 1 MB dump, then one `level` times as big from the second minute on.
      inputs: (level, backup) => [{
        series: series("xinliya_pg_backup_size_bytes", { ...node, backup }), values: `1000000 ${Math.round(level * 1e6)}x${n("BackupSizeDropped")}`,
      }],
      labels: (backup) => ({ ...node, backup }), format: (level) => humanize(Math.round(level * 1e6)),
    }),
  ];
}
