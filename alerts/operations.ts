// Operations and security (ops guide 2.3, 3.1, 6.1, 6.3): scrape targets, the business exporter,
// backups, failed logins, and the health of Prometheus and Alertmanager themselves.
import { authOutcomes } from "../catalog/outcomes.ts";
import { jobMatcher, jobs } from "../catalog/selectors.ts";
import { backupLookback, rateWindow } from "../catalog/targets.ts";
import { formatTarget, target } from "../catalog/thresholds.ts";
import type { JobKey } from "../catalog/types.ts";
import { operationsTests } from "./cases/operations.ts";
import { anyOf, withFloor } from "./promql.ts";
import { backupJobs } from "../catalog/backups.ts";
import type { AlertDef, RecordDef, RuleContext, RuleGroupDef } from "./types.ts";

export function operationsRecordNames() {
  const w = rateWindow();
  return {
    authFailures: `job:xinliya_auth_failures:rate${w}`,
    notificationsFailed: `integration:alertmanager_notifications_failed:ratio_rate${w}`,
    authFailedShare: `job:xinliya_auth_failures:ratio_rate${w}`,
    backupFreshest: `backup:xinliya_backup_last_success_timestamp_seconds:max${backupLookback()}`,
    backupMaxAge: "backup:xinliya_backup_max_age:seconds",
  };
}

/** Jobs whose down targets TargetDown reports: all but the business exporter, which has its own alert. */
export function targetDownJobs(ctx: RuleContext): string[] {
  const all = jobs(ctx.env);
  return (Object.keys(all) as JobKey[]).filter((k) => k !== "businessExporter").map((k) => all[k]);
}

function records(ctx: RuleContext): RecordDef[] {
  const w = rateWindow();
  const n = operationsRecordNames();
  const am = jobMatcher(ctx.env, "alertmanager");
  const by = "job, instance, integration";
  return [
    {
      kind: "record",
      record: n.authFailures,
      expr: `sum by (job) (rate(xinliya_auth_attempts_total{${jobMatcher(ctx.env, "businessExporter")}, outcome="${authOutcomes().failure}"}[${w}]))`,
    },
    {
      kind: "record",
      record: n.authFailedShare,
      expr: `${n.authFailures} / sum by (job) (rate(xinliya_auth_attempts_total{${jobMatcher(ctx.env, "businessExporter")}}[${w}]))`,
    },
    {
      // The freshest report of any replica, remembered over the lookback: an exporter that restarted
      // and forgot a job does not reset its age.
      kind: "record",
      record: n.backupFreshest,
      expr: `max by (job, backup) (max_over_time(xinliya_backup_last_success_timestamp_seconds{${jobMatcher(ctx.env, "businessExporter")}}[${backupLookback()}]))`,
    },
    {
      // The closed list of expected jobs (catalog/backups.ts), each with its own maximum age.
      kind: "record",
      record: n.backupMaxAge,
      expr: Object.entries(backupJobs())
        .map(([backup, b]) => `label_replace(label_replace(vector(${target(b.maxAge)}), "backup", "${backup}", "", ""), "job", "${jobs(ctx.env).businessExporter}", "", "")`)
        .join(" or "),
    },
    {
      kind: "record",
      record: n.notificationsFailed,
      expr: `sum by (${by}) (rate(alertmanager_notifications_failed_total{${am}}[${w}])) / sum by (${by}) (rate(alertmanager_notifications_total{${am}}[${w}]))`,
    },
  ];
}

function targetAlerts(ctx: RuleContext): AlertDef[] {
  const exporter = jobMatcher(ctx.env, "businessExporter");
  return [
    {
      kind: "alert",
      name: "TargetDown",
      expr: `up{job=~"${anyOf(targetDownJobs(ctx))}"} == 0`,
      priority: "P2",
      summary: { zh: "抓取目标宕机", en: "A scrape target is down" },
      description: {
        zh: (t) => `任务 ${t.label("job")} 的抓取目标 ${t.label("instance")} 无法抓取（up == 0）：进程已停止或网络不通。`,
        en: (t) => `Target ${t.label("instance")} of job ${t.label("job")} cannot be scraped (up == 0): the process is down or unreachable.`,
      },
      dashboard: { uid: "xinliya-operations", panel: "targets" },
    },
    {
      // `absent` also catches an exporter that vanished from the scrape configuration.
      kind: "alert",
      name: "BusinessExporterDown",
      expr: `up{${exporter}} == 0 or absent(up{${exporter}})`,
      // It blinds every business alert, the P0 LlmApiDown and SafetyAgentRunsFailing included.
      priority: "P1",
      watches: ["business_exporter"],
      summary: { zh: "业务指标导出器未被抓取", en: "The business exporter is not scraped" },
      description: {
        zh: (t) => `业务指标导出器（任务 ${t.label("job")}）未被 Prometheus 成功抓取；智能体、LLM、业务、备份与认证告警在恢复前都无法触发。`,
        en: (t) => `The business exporter (job ${t.label("job")}) is not scraped by Prometheus; agent, LLM, business, backup and auth alerts cannot fire until it is back.`,
      },
      dashboard: { uid: "xinliya-operations", panel: "targets" },
    },
  ];
}

function backupAndAuthAlerts(ctx: RuleContext): AlertDef[] {
  const exporter = jobMatcher(ctx.env, "businessExporter");
  const n = operationsRecordNames();
  return [
    {
      kind: "alert",
      name: "BackupMissing",
      expr: `time() - ${n.backupFreshest} > on (job, backup) ${n.backupMaxAge}`,
      priority: "P1",
      noTrafficFloor: "a backup's age is not a share of events",
      summary: { zh: "备份已过期", en: "A backup is overdue" },
      description: {
        zh: (t) => `备份任务 ${t.label("backup")} 最近一次成功（所有导出器副本中最新的一次）距今已 ${t.value("duration")}，超过该任务允许的最长间隔（catalog/backups.ts）。`,
        en: (t) => `The last successful run of backup ${t.label("backup")} (the freshest report of any exporter replica) was ${t.value("duration")} ago, more than that job's maximum age (catalog/backups.ts).`,
      },
      dashboard: { uid: "xinliya-operations", panel: "backupAge" },
    },
    {
      // An expected job that no replica has reported over the lookback: never set up, or gone silent.
      kind: "alert",
      name: "BackupNotReported",
      expr: `${n.backupMaxAge} unless on (job, backup) ${n.backupFreshest}`,
      priority: "P1",
      summary: { zh: "预期的备份任务没有上报", en: "An expected backup job does not report" },
      description: {
        zh: (t) => `预期的备份任务 ${t.label("backup")}（允许的最长间隔 ${t.value("duration")}）在最近 ${backupLookback()} 内没有任何导出器副本上报过成功时间：任务可能从未配置，或已停止上报。`,
        en: (t) => `No exporter replica has reported a success time of the expected backup job ${t.label("backup")} (maximum age ${t.value("duration")}) over the last ${backupLookback()}: the job was never set up, or stopped reporting.`,
      },
      dashboard: { uid: "xinliya-operations", panel: "backupAge" },
    },
    {
      kind: "alert",
      name: "BackupFailed",
      expr: `xinliya_backup_last_run_success{${exporter}} == 0`,
      priority: "P1",
      summary: { zh: "备份任务失败", en: "A backup run failed" },
      description: {
        zh: (t) => `备份任务 ${t.label("backup")} 的最近一次运行失败。`,
        en: (t) => `The latest run of backup ${t.label("backup")} failed.`,
      },
      dashboard: { uid: "xinliya-operations", panel: "backupLastRun" },
    },
    {
      kind: "alert",
      name: "AuthFailuresHigh",
      expr: `${operationsRecordNames().authFailures} > ${target("authFailureRate")}`,
      priority: "P2",
      summary: { zh: "登录失败次数异常", en: "Unusually many failed logins" },
      description: {
        zh: (t) => `${t.label("job")} 报告最近 ${rateWindow()} 的登录失败速率为每秒 ${t.value("decimal")} 次，高于阈值 ${formatTarget("authFailureRate")}：可能是暴力破解，或认证服务故障。`,
        en: (t) => `${t.label("job")} reports ${t.value("decimal")} failed logins per second over the last ${rateWindow()}, above the ${formatTarget("authFailureRate")} threshold: a brute-force attempt, or a broken authentication service.`,
      },
      dashboard: { uid: "xinliya-operations", panel: "authFailures" },
    },
    {
      // Every login failing at normal volume is an authentication outage, whatever the rate.
      kind: "alert",
      name: "AuthLoginsFailing",
      expr: withFloor(`${n.authFailedShare} >= ${target("authOutageShare")}`, `xinliya_auth_attempts_total{${exporter}}`, "job", rateWindow()),
      priority: "P1",
      summary: { zh: "登录几乎全部失败", en: "Almost every login fails" },
      description: {
        zh: (t) => `${t.label("job")} 报告最近 ${rateWindow()} 有 ${t.value("percent")} 的登录失败（阈值 ${formatTarget("authOutageShare")}）：认证服务可能中断，用户无法登录。`,
        en: (t) => `${t.label("job")} reports that ${t.value("percent")} of the logins over the last ${rateWindow()} failed (threshold ${formatTarget("authOutageShare")}): authentication may be down and users cannot log in.`,
      },
      dashboard: { uid: "xinliya-operations", panel: "authFailedShare" },
    },
  ];
}

function pipelineAlerts(ctx: RuleContext): AlertDef[] {
  const w = rateWindow();
  return [
    {
      kind: "alert",
      name: "PrometheusRuleEvaluationFailures",
      expr: `sum by (job, instance, rule_group) (increase(prometheus_rule_evaluation_failures_total{${jobMatcher(ctx.env, "prometheus")}}[${w}])) > 0`,
      priority: "P1",
      summary: { zh: "Prometheus 规则评估失败", en: "Prometheus fails to evaluate rules" },
      description: {
        zh: (t) => `Prometheus ${t.label("instance")} 的规则组 ${t.label("rule_group")} 最近 ${w} 有 ${t.value("number")} 次评估失败，其中的告警可能不会触发。`,
        en: (t) => `Prometheus ${t.label("instance")} failed ${t.value("number")} evaluations of rule group ${t.label("rule_group")} over the last ${w}; its alerts may not fire.`,
      },
      dashboard: { uid: "xinliya-operations", panel: "ruleFailures" },
    },
    {
      kind: "alert",
      name: "AlertmanagerNotificationsFailing",
      expr: `${operationsRecordNames().notificationsFailed} > ${target("notificationFailureShare")}`,
      priority: "P1",
      summary: { zh: "Alertmanager 通知发送失败", en: "Alertmanager fails to send notifications" },
      description: {
        zh: (t) => `Alertmanager ${t.label("instance")} 通过 ${t.label("integration")} 发送的通知最近 ${w} 有 ${t.value("percent")} 失败，高于阈值 ${formatTarget("notificationFailureShare")}：告警可能送不到值班人员。`,
        en: (t) => `${t.value("percent")} of the notifications Alertmanager ${t.label("instance")} sent through ${t.label("integration")} over the last ${w} failed, above the ${formatTarget("notificationFailureShare")} threshold: alerts may not reach the on-call engineer.`,
      },
      dashboard: { uid: "xinliya-operations", panel: "notifications" },
    },
  ];
}

export function operationsRules(ctx: RuleContext): RuleGroupDef {
  return {
    domain: "operations",
    group: "xinliya.operations",
    rules: [...records(ctx), ...targetAlerts(ctx), ...backupAndAuthAlerts(ctx), ...pipelineAlerts(ctx)],
    tests: operationsTests(ctx),
  };
}
