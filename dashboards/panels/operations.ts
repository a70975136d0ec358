// Panel factories of the operations and security dashboard (ops guide 2.3, 3.1, 6.1, 6.3).
import { operationsRecordNames } from "../../alerts/operations.ts";
import { authOutcomes } from "../../catalog/outcomes.ts";
import { withOutcomeColours } from "../colours.ts";
import { watchdog } from "../../catalog/watchdog.ts";
import { formatTarget, target } from "../../catalog/thresholds.ts";
import { jobScope, query, scope, timeseriesPanel, zh } from "../common.ts";
import { stateTimelinePanel } from "../kinds.ts";
import type { DashboardContext, PanelDef } from "../types.ts";

export function targetsUpTimeseries(ctx: DashboardContext): PanelDef {
  const panel = stateTimelinePanel({
    title: zh(ctx) ? "抓取目标状态" : "Scrape targets",
    description: zh(ctx)
      ? "每个抓取目标随时间的 up 状态：绿色为正常，红色为无法抓取（TargetDown；业务指标导出器为 BusinessExporterDown）。"
      : "up of every scrape target over time: green is fine, red cannot be scraped (TargetDown; BusinessExporterDown for the business exporter).",
    states: zh(ctx) ? { ok: "在线", bad: "无法抓取" } : { ok: "up", bad: "down" },
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
  const panel = stateTimelinePanel({
    title: zh(ctx) ? "最近一次备份运行结果" : "Latest backup run",
    description: zh(ctx)
      ? "每个备份任务最近一次运行的结果随时间的变化：绿色为成功，红色为失败（BackupFailed）。"
      : "Result of each backup job's latest run over time: green succeeded, red failed (BackupFailed).",
    states: zh(ctx) ? { ok: "成功", bad: "失败" } : { ok: "succeeded", bad: "failed" },
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
  }).span(8).withTarget(query(
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
  }).span(8).withTarget(query(`${operationsRecordNames().notificationsFailed}{${scope()}}`, "{{instance}} {{integration}}"));
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
    .span(8)
    .withTarget(query(`count by (priority) (ALERTS{alertstate="firing", alertname!="${alert}"})`, "{{priority}}", "A"))
    .withTarget(query(`sum(ALERTS{alertstate="firing", alertname="${alert}"})`, alert, "B"));
  return { key: "alerts", panel };
}

export function loginAttemptsTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "登录尝试（按结果）" : "Login attempts by outcome",
    description: zh(ctx)
      ? `每秒的登录尝试，按结果（${authOutcomes().all.join("、")}）。失败突增而成功不变，常是撞库或暴力破解（运维指南 6.1 异常访问检测）。`
      : `Login attempts per second by outcome (${authOutcomes().all.join(", ")}). Failures jumping while successes stay flat often mean credential stuffing or brute force (ops guide 6.1).`,
    unit: "reqps", min: 0,
  }).withTarget(query(
    `sum by (outcome) (rate(xinliya_auth_attempts_total{${scope()}}[$__rate_interval]))`, "{{outcome}}"));
  withOutcomeColours(panel, authOutcomes().all);
  return { key: "loginAttempts", panel };
}

export function ruleEvaluationsTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "规则评估速率" : "Rule evaluations",
    description: zh(ctx)
      ? "Prometheus 每秒评估规则的次数，按规则组。某组消失或为 0 说明它没有被加载，其告警不会触发。"
      : "Rule evaluations per second by rule group. A group that vanishes or drops to 0 is not loaded: its alerts cannot fire.",
    unit: "ops", min: 0,
  }).span(8).withTarget(query(
    `sum by (instance, rule_group) (rate(prometheus_rule_evaluations_total{${scope()}}[$__rate_interval]))`,
    "{{instance}} {{rule_group}}"));
  return { key: "ruleEvaluations", panel };
}

export function notificationRateTimeseries(ctx: DashboardContext): PanelDef {
  const rate = (metric: string) =>
    `sum by (instance, integration) (rate(${metric}{${scope()}}[$__rate_interval]))`;
  const panel = timeseriesPanel({
    title: zh(ctx) ? "通知发送速率" : "Notifications sent",
    description: zh(ctx)
      ? "Alertmanager 每秒尝试发送与发送失败的通知数，按通知渠道。"
      : "Notifications per second that Alertmanager attempted and that failed, per integration.",
    unit: "ops", min: 0,
  })
    .span(8)
    .withTarget(query(rate("alertmanager_notifications_total"), zh(ctx) ? "{{instance}} {{integration}} 尝试" : "{{instance}} {{integration}} attempted", "A"))
    .withTarget(query(rate("alertmanager_notifications_failed_total"), zh(ctx) ? "{{instance}} {{integration}} 失败" : "{{instance}} {{integration}} failed", "B"));
  return { key: "notificationRate", panel };
}

export function exporterRejectedTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "导出器拒收的事件" : "Events rejected by the exporter",
    description: zh(ctx)
      ? "业务指标导出器每秒拒收的事件，按原因。持续不为 0 时业务指标会偏少，先查后端上报的事件格式。"
      : "Events per second the business exporter rejected, by reason. While it is above 0 the business metrics under-count; check the events the backend sends.",
    unit: "ops", min: 0,
  }).span(8).withTarget(query(
    `sum by (reason) (rate(xinliya_exporter_rejected_events_total{${scope()}}[$__rate_interval]))`, "{{reason}}"));
  return { key: "exporterRejected", panel };
}

export function processUptimeTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "进程运行时长" : "Process uptime",
    description: zh(ctx)
      ? "每个暴露 process_start_time_seconds 的进程（API 后端、业务指标导出器，以及 Prometheus 等组件）自启动以来的时长：跌回 0 即一次重启；后端与导出器的重启在每个看板上也有「进程重启」注释。频繁重启多半是崩溃或内存不足。"
      : "Time since each process that exposes process_start_time_seconds started (the API backend, the business exporter, and Prometheus and its tools): a drop to 0 is a restart; the backend's and the exporter's are also marked by the Restarts annotation on every dashboard. Frequent restarts usually mean crashes or running out of memory.",
    unit: "s", min: 0,
  }).withTarget(query(`time() - process_start_time_seconds{${scope()}}`, "{{job}} {{instance}}"));
  return { key: "processUptime", panel };
}
