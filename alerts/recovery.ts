// Backups you can restore (ops guide 3.2, 6.3): the monthly restore drill, its restore time
// against the RTO target, and a dump whose size drops sharply (an empty dump is not a backup).
// The backup job writes these series to node_exporter's textfile collector on the database host.
import { backupSizeWindow, drilledBackup } from "../catalog/data-targets.ts";
import { jobMatcher } from "../catalog/selectors.ts";
import { formatTarget, target } from "../catalog/thresholds.ts";
import { recoveryTests } from "./cases/recovery.ts";
import { dataAlert } from "./data-common.ts";
import type { AlertDef, RuleContext, RuleGroupDef } from "./types.ts";

function alerts(ctx: RuleContext): AlertDef[] {
  const j = jobMatcher(ctx.env, "node");
  const last = `xinliya_restore_drill_last_success_timestamp_seconds{${j}}`;
  return [
    dataAlert("RestoreDrillFailed", "P1", `xinliya_restore_drill_last_run_success{${j}} == 0`, ["恢复演练失败", "A restore drill failed"],
      (t) => `备份 ${t.label("backup")} 的最近一次恢复演练失败（pg_restore 出错或行数不一致）：这份备份可能无法用于恢复。`,
      (t) => `The latest restore drill of backup ${t.label("backup")} failed (pg_restore failed or the row counts differ): this backup may not restore.`, "restoreDrillResult"),
    dataAlert("RestoreDrillMissing", "P2", `time() - ${last} > ${target("restoreDrillMaxAge")} or absent(xinliya_restore_drill_last_success_timestamp_seconds{${j}, backup="${drilledBackup()}"})`, ["恢复演练已过期", "The restore drill is overdue"],
      (t) => `备份 ${t.label("backup")} 最近一次成功的恢复演练距今已 ${t.value("duration")}（或从未成功），超过每月一次的 ${formatTarget("restoreDrillMaxAge")}。`,
      (t) => `The last successful restore drill of backup ${t.label("backup")} was ${t.value("duration")} ago (or never), more than the monthly ${formatTarget("restoreDrillMaxAge")}.`, "restoreDrill"),
    dataAlert("RestoreDrillSlow", "P2", `xinliya_restore_drill_duration_seconds{${j}} > ${target("restoreDrillRto")}`, ["恢复演练超过 RTO", "A restore drill is slower than the RTO"],
      (t) => `备份 ${t.label("backup")} 的恢复演练用了 ${t.value("duration")}，超过恢复时间目标 ${formatTarget("restoreDrillRto")}。`,
      (t) => `The restore drill of backup ${t.label("backup")} took ${t.value("duration")}, more than the ${formatTarget("restoreDrillRto")} recovery time objective.`, "restoreDrill"),
    dataAlert("BackupSizeDropped", "P1",
      `xinliya_pg_backup_size_bytes{${j}} < ${target("backupSizeDropShare")} * max_over_time(xinliya_pg_backup_size_bytes{${j}}[${backupSizeWindow()}])`,
      ["备份体积骤降", "A backup shrank sharply"],
      (t) => `备份 ${t.label("backup")} 的最新转储只有 ${t.value("number")} 字节，不到过去 ${backupSizeWindow()} 最大值的 ${formatTarget("backupSizeDropShare")}：可能是空的或不完整的转储。`,
      (t) => `The latest dump of backup ${t.label("backup")} is only ${t.value("number")} bytes, less than ${formatTarget("backupSizeDropShare")} of the largest over the last ${backupSizeWindow()}: it may be empty or incomplete.`, "backupSize"),
  ];
}

export function recoveryRules(ctx: RuleContext): RuleGroupDef {
  return { domain: "recovery", group: "xinliya.recovery", rules: alerts(ctx), tests: recoveryTests(ctx) };
}
