// The tables of the operations dashboard: one row per backup job, one row per scrape target.
import { target } from "../../catalog/thresholds.ts";
import { scope, zh } from "../common.ts";
import { drillDown, tablePanel } from "../tables.ts";
import type { DashboardContext, PanelDef } from "../types.ts";

export function backupsTable(ctx: DashboardContext): PanelDef {
  const last = `max by (backup) (xinliya_backup_last_success_timestamp_seconds{${scope()}})`;
  const t = zh(ctx)
    ? { title: "备份任务一览", backup: "备份任务", at: "最近成功时间", age: "距今", run: "最近一次运行", ok: "成功", failed: "失败" }
    : { title: "Backup jobs", backup: "Backup", at: "Last success", age: "Age", run: "Latest run", ok: "succeeded", failed: "failed" };
  const panel = tablePanel({
    title: t.title,
    description: zh(ctx)
      ? "每个备份任务最近一次成功的时间与距今多久（超过阈值为红色，即 BackupMissing），以及最近一次运行的结果（失败即 BackupFailed）。运维指南 3.1：每日验证备份任务完成。"
      : "When each backup job last succeeded and how long ago (red past the threshold: BackupMissing), and the result of its latest run (failed: BackupFailed). Ops guide 3.1: verify the backups every day.",
    labels: { backup: t.backup },
    columns: [
      // Grafana reads dateTimeAsIso as milliseconds since the epoch.
      { name: t.at, unit: "dateTimeAsIso", expr: `${last} * 1000` },
      { name: t.age, unit: "s", threshold: target("backupMaxAge"), expr: `time() - ${last}` },
      {
        name: t.run, unit: "none", expr: `max by (backup) (xinliya_backup_last_run_success{${scope()}})`,
        mappings: { 0: { text: t.failed, color: "red" }, 1: { text: t.ok, color: "green" } },
      },
    ],
    sortBy: { column: t.age, desc: true },
  }, 24, 6);
  return { key: "backups", panel };
}

export function targetsTable(ctx: DashboardContext): PanelDef {
  const t = zh(ctx)
    ? { title: "抓取目标一览", job: "任务", instance: "实例", up: "状态", ok: "在线", down: "无法抓取" }
    : { title: "Scrape targets", job: "Job", instance: "Instance", up: "State", ok: "up", down: "down" };
  const panel = tablePanel({
    title: t.title,
    description: zh(ctx)
      ? "每个抓取目标最近一次抓取是否成功，无法抓取的排在最前（TargetDown；业务指标导出器为 BusinessExporterDown）。"
      : "Whether the last scrape of every target succeeded, the ones that are down first (TargetDown; BusinessExporterDown for the business exporter).",
    labels: { job: t.job, instance: t.instance },
    links: { labels: ["job", "instance"], title: zh(ctx) ? "该目标的状态与运行时长" : "This target over time", url: drillDown("xinliya-operations", { job: "job", instance: "instance" }) },
    columns: [{
      name: t.up, unit: "none", expr: `max by (job, instance) (up{${scope()}})`,
      mappings: { 0: { text: t.down, color: "red" }, 1: { text: t.ok, color: "green" } },
    }],
    sortBy: { column: t.up, desc: false },
  }, 12, 8);
  return { key: "targetsTable", panel };
}
