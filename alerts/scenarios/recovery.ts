// Failure scenarios of the restore drills and dumps (item 20, alerts/recovery.ts), from the textfile
// the backup job writes for node_exporter on the database host (scripts/stack/backups.ts writes
// the same in the live stack). The generated boundary cases stay in alerts/cases/recovery.ts.
import { drilledBackup } from "../../catalog/data-targets.ts";
import { jobs } from "../../catalog/selectors.ts";
import { TEST_INTERVAL, humanize, humanizeDuration, sampleCount, series } from "../testing.ts";
import { afterFor, forOf } from "../cases/data-common.ts";
import type { RuleContext, SeriesDef } from "../types.ts";
import type { FailureScenario, ScenarioFile } from "./types.ts";

function scenarios(ctx: RuleContext): FailureScenario[] {
  const node = { job: jobs(ctx.env).node, instance: "db-1:9100", backup: drilledBackup() };
  const s = (name: string, values: string): SeriesDef => ({ series: series(name, node), values });
  const N = sampleCount(forOf("RestoreDrillMissing"));
  const day = 86400;
  const MB = 1_000_000;
  return [
    {
      item: 20,
      name: "RestoreDrillMissing: a drill that never succeeded fires too",
      interval: TEST_INTERVAL,
      series: [s("xinliya_restore_drill_last_run_success", `0x${N}`)],
      expect: [{ at: afterFor("RestoreDrillMissing"), alert: "RestoreDrillMissing", firing: [{ labels: { job: node.job, backup: drilledBackup() }, value: humanizeDuration(1) }] }],
    },
    {
      item: 20,
      name: "the monthly drill restored and matched 20 days ago: nothing is overdue",
      interval: TEST_INTERVAL,
      series: [
        s("xinliya_restore_drill_last_run_success", `1x${N}`),
        s("xinliya_restore_drill_data_match", `1x${N}`),
        s("xinliya_restore_drill_last_success_timestamp_seconds", `${-20 * day}x${N}`),
        s("xinliya_restore_drill_duration_seconds", `240x${N}`),
      ],
      expect: [
        { at: afterFor("RestoreDrillMissing"), alert: "RestoreDrillMissing", firing: [] },
        { at: afterFor("RestoreDrillMissing"), alert: "RestoreDrillFailed", firing: [] },
        { at: afterFor("RestoreDrillMissing"), alert: "RestoreDrillSlow", firing: [] },
      ],
    },
    {
      item: 20,
      name: "the dump is overwritten halfway before the drill: pg_restore fails, the rows do not match",
      interval: TEST_INTERVAL,
      series: [s("xinliya_restore_drill_last_run_success", "1x4 0x10"), s("xinliya_restore_drill_data_match", "1x4 0x10")],
      expect: [
        { at: "4m", alert: "RestoreDrillFailed", firing: [] },
        { at: "8m", alert: "RestoreDrillFailed", firing: [{ labels: node, value: "0" }] },
      ],
    },
    {
      item: 20,
      name: "pg_dump of a database whose tables were dropped by mistake: a 40 kB dump after a week of 25 MB ones",
      interval: TEST_INTERVAL,
      series: [s("xinliya_pg_backup_size_bytes", `${25 * MB}x4 40000x10`)],
      expect: [
        { at: "4m", alert: "BackupSizeDropped", firing: [] },
        { at: "8m", alert: "BackupSizeDropped", firing: [{ labels: node, value: humanize(40000) }] },
      ],
    },
    {
      item: 20,
      name: "the nightly dump shrinks by a tenth after old conversations are purged by the retention job",
      interval: TEST_INTERVAL,
      series: [s("xinliya_pg_backup_size_bytes", `${25 * MB}x4 ${22.5 * MB}x10`)],
      expect: [{ at: "8m", alert: "BackupSizeDropped", firing: [] }],
    },
  ];
}

export function recoveryScenarioFile(ctx: RuleContext): ScenarioFile {
  return { domain: "recovery", source: "alerts/scenarios/recovery.ts", scenarios: scenarios(ctx) };
}
