// Panel factories of the operations and security dashboard (ops guide 2.3, 3.1, 6.1, 6.3).
import { operationsRecordNames } from "../../alerts/operations.ts";
import { watchdog } from "../../catalog/watchdog.ts";
import { formatTarget, target } from "../../catalog/thresholds.ts";
import { jobScope, query, scope, timeseriesPanel } from "../common.ts";
import type { DashboardContext, PanelDef } from "../types.ts";

const zh = (ctx: DashboardContext) => ctx.locale === "zh";

export function targetsUpTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "抓取目标状态" : "Scrape targets",
    description: zh(ctx)
      ? "每个抓取目标的 up 值：1 为正常，0 为无法抓取（TargetDown；业务指标导出器为 BusinessExporterDown）。"
      : "up of every scrape target: 1 is fine, 0 cannot be scraped (TargetDown; BusinessExporterDown for the business exporter).",
    unit: "none", min: 0, max: 1,
  }).withTarget(query(`up{${scope()}}`, "{{job}} {{instance}}"));
  return { key: "targets", panel };
}

export function backupAgeTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "距最近一次成功备份" : "Time since the last successful backup",
    description: zh(ctx)
      ? `每个备份任务最近一次成功距今的时间。虚线为 ${formatTarget("backupMaxAge")}，持续超过它触发 BackupMissing（运维指南 3.1 每日验证备份）。`
      : `Time since each backup job last succeeded. The dashed line is ${formatTarget("backupMaxAge")}; staying above it fires BackupMissing (ops guide 3.1: verify backups daily).`,
    unit: "s", min: 0, threshold: target("backupMaxAge"),
  }).withTarget(query(`time() - xinliya_backup_last_success_timestamp_seconds{${scope()}}`, "{{backup}}"));
  return { key: "backupAge", panel };
}

export function backupLastRunTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "最近一次备份运行结果" : "Latest backup run",
    description: zh(ctx)
      ? "每个备份任务最近一次运行的结果：1 为成功，0 为失败（BackupFailed）。"
      : "Result of each backup job's latest run: 1 succeeded, 0 failed (BackupFailed).",
    unit: "none", min: 0, max: 1,
  }).withTarget(query(`xinliya_backup_last_run_success{${scope()}}`, "{{backup}}"));
  return { key: "backupLastRun", panel };
}

export function authFailuresTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "登录失败速率" : "Failed logins per second",
    description: zh(ctx)
      ? `每秒失败的登录次数（5 分钟窗口，运维指南 6.1 登录行为监控）。虚线为阈值 ${formatTarget("authFailureRate")}，持续高于它触发 AuthFailuresHigh。`
      : `Failed logins per second (5-minute window; ops guide 6.1, login monitoring). The dashed line is the ${formatTarget("authFailureRate")} threshold; staying above it fires AuthFailuresHigh.`,
    unit: "reqps", min: 0, threshold: target("authFailureRate"),
  }).withTarget(query(`${operationsRecordNames().authFailures}{${jobScope()}}`, "{{job}}"));
  return { key: "authFailures", panel };
}

export function ruleFailuresTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "规则评估失败" : "Rule evaluation failures",
    description: zh(ctx)
      ? "Prometheus 每秒评估失败的次数，按规则组。任何失败都会触发 PrometheusRuleEvaluationFailures：该组的告警可能失效。"
      : "Failed rule evaluations per second by rule group. Any failure fires PrometheusRuleEvaluationFailures: that group's alerts may be blind.",
    unit: "short", min: 0,
  }).withTarget(query(
    `sum by (instance, rule_group) (rate(prometheus_rule_evaluation_failures_total{${scope()}}[$__rate_interval]))`,
    "{{instance}} {{rule_group}}"));
  return { key: "ruleFailures", panel };
}

export function notificationFailuresTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "通知失败占比" : "Failed notification share",
    description: zh(ctx)
      ? `Alertmanager 各通知渠道发送失败的占比（5 分钟窗口）。虚线为阈值 ${formatTarget("notificationFailureShare")}，持续高于它触发 AlertmanagerNotificationsFailing。`
      : `Share of notifications that Alertmanager failed to send, per integration (5-minute window). The dashed line is the ${formatTarget("notificationFailureShare")} threshold; staying above it fires AlertmanagerNotificationsFailing.`,
    unit: "percentunit", min: 0, max: 1, threshold: target("notificationFailureShare"),
  }).withTarget(query(`${operationsRecordNames().notificationsFailed}{${scope()}}`, "{{instance}} {{integration}}"));
  return { key: "notifications", panel };
}

export function firingAlertsTimeseries(ctx: DashboardContext): PanelDef {
  const { alert } = watchdog();
  const panel = timeseriesPanel({
    title: zh(ctx) ? "触发中的告警与心跳" : "Firing alerts and heartbeat",
    description: zh(ctx)
      ? `按优先级统计的触发中告警数，以及 ${alert} 心跳（应始终为 1；为 0 或缺失说明告警规则没有在评估）。`
      : `Firing alerts by priority, and the ${alert} heartbeat (always 1; 0 or missing means the rules are not being evaluated).`,
    unit: "short", min: 0,
  })
    .withTarget(query(`count by (priority) (ALERTS{alertstate="firing", alertname!="${alert}"})`, "{{priority}}", "A"))
    .withTarget(query(`sum(ALERTS{alertstate="firing", alertname="${alert}"})`, alert, "B"));
  return { key: "alerts", panel };
}
