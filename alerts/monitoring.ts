// Monitoring of the monitoring (issue 10, item 9): configuration reloads of Prometheus and
// Alertmanager, Prometheus without an Alertmanager or dropping notifications, missed rule-group
// iterations, TSDB compaction and WAL problems, and a retention shorter than the SLO period.
import { duration, seconds } from "../catalog/duration.ts";
import { tsdbProblemWindow } from "../catalog/retention.ts";
import { jobMatcher } from "../catalog/selectors.ts";
import { sloPeriod } from "../catalog/slo.ts";
import { rateWindow } from "../catalog/targets.ts";
import type { AlertDef, RuleContext, RuleGroupDef } from "./types.ts";

function alerts(ctx: RuleContext): AlertDef[] {
  const prom = jobMatcher(ctx.env, "prometheus");
  const am = jobMatcher(ctx.env, "alertmanager");
  const w = rateWindow();
  const tw = tsdbProblemWindow();
  const tsdb = (m: string) => `sum by (job, instance) (increase(${m}{${prom}}[${tw}])) > 0`;
  const noFloor = "the pipeline's own health, not a share of events";
  const alert = (a: Omit<AlertDef, "kind" | "priority" | "noTrafficFloor"> & { priority?: AlertDef["priority"] }): AlertDef =>
    ({ kind: "alert", priority: "P1", noTrafficFloor: noFloor, ...a, dashboard: a.dashboard });
  return [
    alert({
      name: "PrometheusConfigReloadFailed",
      expr: `prometheus_config_last_reload_successful{${prom}} == 0`,
      watches: ["prometheus"],
      summary: { zh: "Prometheus 配置重载失败", en: "Prometheus failed to reload its configuration" },
      description: {
        zh: (t) => `Prometheus ${t.label("instance")} 最近一次配置重载失败（值 ${t.value("number")}）：它仍在使用旧配置，新的规则与抓取目标没有生效。`,
        en: (t) => `The last configuration reload of Prometheus ${t.label("instance")} failed (value ${t.value("number")}): it still runs the old configuration; new rules and targets are not in effect.`,
      },
      dashboard: { uid: "xinliya-operations", panel: "pipelineHealth" },
    }),
    alert({
      name: "AlertmanagerConfigReloadFailed",
      expr: `alertmanager_config_last_reload_successful{${am}} == 0`,
      watches: ["alertmanager"],
      summary: { zh: "Alertmanager 配置重载失败", en: "Alertmanager failed to reload its configuration" },
      description: {
        zh: (t) => `Alertmanager ${t.label("instance")} 最近一次配置重载失败（值 ${t.value("number")}）：路由与接收者仍是旧的。`,
        en: (t) => `The last configuration reload of Alertmanager ${t.label("instance")} failed (value ${t.value("number")}): routes and receivers are still the old ones.`,
      },
      dashboard: { uid: "xinliya-operations", panel: "pipelineHealth" },
    }),
    alert({
      name: "PrometheusAlertmanagerMissing",
      expr: `prometheus_notifications_alertmanagers_discovered{${prom}} < 1`,
      watches: ["alertmanager"],
      summary: { zh: "Prometheus 未连接任何 Alertmanager", en: "Prometheus is connected to no Alertmanager" },
      description: {
        zh: (t) => `Prometheus ${t.label("instance")} 发现的 Alertmanager 数量为 ${t.value("number")}：告警无法送达任何人（只有死人开关会发现）。`,
        en: (t) => `Prometheus ${t.label("instance")} discovers ${t.value("number")} Alertmanagers: no alert reaches anyone (only the dead man's switch notices).`,
      },
      dashboard: { uid: "xinliya-operations", panel: "pipelineHealth" },
    }),
    alert({
      name: "PrometheusNotificationsDropped",
      // A reload restarts Alertmanager discovery (up to 5 s) and drops what is sent meanwhile (seen
      // live: backend-leaves, issue 10): not news. Drops that go on past twice the window still page.
      expr: `sum by (job, instance) (increase(prometheus_notifications_dropped_total{${prom}}[${w}])) > 0` +
        ` unless on (job, instance) changes(prometheus_config_last_reload_success_timestamp_seconds{${prom}}[${duration(2 * seconds(w))}]) > 0`,
      watches: ["prometheus"],
      summary: { zh: "Prometheus 丢弃了告警通知", en: "Prometheus dropped alert notifications" },
      description: {
        zh: (t) => `Prometheus ${t.label("instance")} 最近 ${w} 丢弃了 ${t.value("number")} 条发往 Alertmanager 的告警。`,
        en: (t) => `Prometheus ${t.label("instance")} dropped ${t.value("number")} alerts on their way to Alertmanager over the last ${w}.`,
      },
      dashboard: { uid: "xinliya-operations", panel: "pipelineHealth" },
    }),
    alert({
      name: "PrometheusRuleGroupsMissed",
      expr: `sum by (job, instance, rule_group) (increase(prometheus_rule_group_iterations_missed_total{${prom}}[${w}])) > 0`,
      watches: ["prometheus"],
      summary: { zh: "Prometheus 跳过了规则组评估", en: "Prometheus missed rule-group evaluations" },
      description: {
        zh: (t) => `Prometheus ${t.label("instance")} 的规则组 ${t.label("rule_group")} 最近 ${w} 跳过了 ${t.value("number")} 次评估（上一次评估太慢）：其中的告警会延迟或漏报。`,
        en: (t) => `Prometheus ${t.label("instance")} missed ${t.value("number")} evaluations of rule group ${t.label("rule_group")} over the last ${w} (the previous one ran too long): its alerts are late or missed.`,
      },
      dashboard: { uid: "xinliya-operations", panel: "pipelineHealth" },
    }),
    alert({
      name: "PrometheusTsdbFailing",
      expr: `(${tsdb("prometheus_tsdb_compactions_failed_total")}) or (${tsdb("prometheus_tsdb_wal_corruptions_total")})`,
      watches: ["prometheus"],
      summary: { zh: "Prometheus 存储（TSDB）出错", en: "Prometheus's storage (TSDB) has problems" },
      description: {
        zh: (t) => `Prometheus ${t.label("instance")} 最近 ${tw} 有 ${t.value("number")} 次 TSDB 压缩失败或 WAL 损坏：数据可能丢失，磁盘可能被占满。`,
        en: (t) => `Prometheus ${t.label("instance")} had ${t.value("number")} failed TSDB compactions or WAL corruptions over the last ${tw}: data may be lost, and the disk may fill up.`,
      },
      dashboard: { uid: "xinliya-operations", panel: "pipelineHealth" },
    }),
    alert({
      name: "PrometheusRetentionTooShort",
      expr: `prometheus_tsdb_retention_limit_seconds{${prom}} < ${seconds(sloPeriod())}`,
      priority: "P2",
      summary: { zh: "Prometheus 数据保留期短于 SLO 周期", en: "Prometheus keeps less than the SLO period" },
      description: {
        zh: (t) => `Prometheus ${t.label("instance")} 只保留 ${t.value("duration")} 的数据，短于 ${sloPeriod()} 的 SLO 周期：${sloPeriod()} 可用性与错误预算实际读的是更短的窗口。`,
        en: (t) => `Prometheus ${t.label("instance")} keeps only ${t.value("duration")} of data, less than the ${sloPeriod()} SLO period: the ${sloPeriod()} availability and error budget really read a shorter window.`,
      },
      dashboard: { uid: "xinliya-operations", panel: "retention" },
    }),
  ];
}

export function monitoringRules(ctx: RuleContext): RuleGroupDef {
  return { domain: "monitoring", group: "xinliya.monitoring", rules: alerts(ctx), tests: [] };
}
