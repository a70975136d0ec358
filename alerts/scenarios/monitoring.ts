// Failure scenarios of the monitoring itself (item 9) and of the business indicators (item 12).
import { jobs } from "../../catalog/selectors.ts";
import { target } from "../../catalog/thresholds.ts";
import type { RuleContext, SeriesDef } from "../types.ts";
import { counter, exporter, gauge } from "./raw.ts";
import type { FailureScenario, ScenarioFile } from "./types.ts";

const MINUTES = 90;

function pipeline(ctx: RuleContext, o: { reload?: number; amReload?: number; discovered?: number; dropped?: number; missed?: number; compactionFailAt?: number; retentionDays?: number }): SeriesDef[] {
  const prom = { job: jobs(ctx.env).prometheus, instance: "localhost:9090" };
  const am = { job: jobs(ctx.env).alertmanager, instance: "alertmanager-1:9093" };
  const after10 = (healthy: number, bad: number) => [{ minutes: 10, value: healthy }, { minutes: MINUTES - 9, value: bad }];
  return [
    gauge("prometheus_config_last_reload_successful", prom, after10(1, o.reload ?? 1)),
    gauge("alertmanager_config_last_reload_successful", am, after10(1, o.amReload ?? 1)),
    gauge("prometheus_notifications_alertmanagers_discovered", prom, after10(2, o.discovered ?? 2)),
    counter("prometheus_notifications_dropped_total", prom, [{ minutes: 10, perMinute: 0 }, { minutes: MINUTES - 10, perMinute: o.dropped ?? 0 }]),
    counter("prometheus_rule_group_iterations_missed_total", { ...prom, rule_group: "rules/slo.yml;xinliya.slo" },
      [{ minutes: 10, perMinute: 0 }, { minutes: MINUTES - 10, perMinute: o.missed ?? 0 }]),
    counter("prometheus_tsdb_compactions_failed_total", prom, o.compactionFailAt
      ? [{ minutes: o.compactionFailAt, perMinute: 0 }, { minutes: 1, perMinute: 1 }, { minutes: MINUTES - o.compactionFailAt - 1, perMinute: 0 }]
      : [{ minutes: MINUTES, perMinute: 0 }]),
    counter("prometheus_tsdb_wal_corruptions_total", prom, [{ minutes: MINUTES, perMinute: 0 }]),
    gauge("prometheus_tsdb_retention_limit_seconds", prom, [{ minutes: MINUTES + 1, value: (o.retentionDays ?? 35) * 86400 }]),
  ];
}

function monitoringScenarios(ctx: RuleContext): FailureScenario[] {
  const prom = { job: jobs(ctx.env).prometheus, instance: "localhost:9090" };
  const am = { job: jobs(ctx.env).alertmanager, instance: "alertmanager-1:9093" };
  return [
    {
      item: 9,
      name: "a broken configuration is deployed: both reloads fail",
      interval: "1m",
      series: pipeline(ctx, { reload: 0, amReload: 0 }),
      expect: [
        { at: "15m", alert: "PrometheusConfigReloadFailed", firing: [] },
        { at: "25m", alert: "PrometheusConfigReloadFailed", firing: [{ labels: prom, value: "0" }] },
        { at: "15m", alert: "AlertmanagerConfigReloadFailed", firing: [] },
        { at: "25m", alert: "AlertmanagerConfigReloadFailed", firing: [{ labels: am, value: "0" }] },
      ],
    },
    {
      item: 9,
      name: "Alertmanager unreachable: Prometheus discovers none and drops its notifications",
      interval: "1m",
      series: pipeline(ctx, { discovered: 0, dropped: 5 }),
      expect: [
        { at: "12m", alert: "PrometheusAlertmanagerMissing", firing: [] },
        { at: "20m", alert: "PrometheusAlertmanagerMissing", firing: [{ labels: prom, value: "0" }] },
        { at: "12m", alert: "PrometheusNotificationsDropped", firing: [] },
        { at: "20m", alert: "PrometheusNotificationsDropped", firing: [{ labels: prom, value: "25" }] },
      ],
    },
    {
      item: 9,
      name: "a configuration reload: Prometheus rediscovers its Alertmanagers and drops a few notifications meanwhile: nothing fires",
      interval: "1m",
      series: [
        ...pipeline(ctx, {}).filter((s) => !s.series.startsWith("prometheus_notifications_dropped_total")),
        counter("prometheus_notifications_dropped_total", prom, [{ minutes: 10, perMinute: 0 }, { minutes: 1, perMinute: 6 }, { minutes: MINUTES - 11, perMinute: 0 }]),
        gauge("prometheus_config_last_reload_success_timestamp_seconds", prom, [{ minutes: 11, value: 1000 }, { minutes: MINUTES - 10, value: 1600 }]),
      ],
      expect: ["12m", "16m", "25m", "40m"].map((at) => ({ at, alert: "PrometheusNotificationsDropped", firing: [] })),
    },
    {
      item: 9,
      name: "an overloaded Prometheus: a slow rule group misses iterations, a compaction fails, retention left at 15 days",
      interval: "1m",
      series: pipeline(ctx, { missed: 1, compactionFailAt: 20, retentionDays: 15 }),
      expect: [
        { at: "12m", alert: "PrometheusRuleGroupsMissed", firing: [] },
        { at: "30m", alert: "PrometheusRuleGroupsMissed", firing: [{ labels: { ...prom, rule_group: "rules/slo.yml;xinliya.slo" }, value: "5" }] },
        { at: "22m", alert: "PrometheusTsdbFailing", firing: [] },
        { at: "30m", alert: "PrometheusTsdbFailing", firing: [{ labels: prom, value: "1" }] },
        { at: "30m", alert: "PrometheusRetentionTooShort", firing: [] },
        { at: "70m", alert: "PrometheusRetentionTooShort", firing: [{ labels: prom, value: "15d 0h 0m 0s" }] },
      ],
    },
    {
      item: 9,
      name: "a healthy pipeline with a 35-day retention: nothing fires",
      interval: "1m",
      series: pipeline(ctx, {}),
      expect: ["PrometheusConfigReloadFailed", "AlertmanagerConfigReloadFailed", "PrometheusAlertmanagerMissing", "PrometheusNotificationsDropped",
        "PrometheusRuleGroupsMissed", "PrometheusTsdbFailing", "PrometheusRetentionTooShort"].map((alert) => ({ at: "80m", alert, firing: [] })),
    },
  ];
}

function businessScenarios(ctx: RuleContext): FailureScenario[] {
  const job = jobs(ctx.env).businessExporter;
  const quality = (agent: string, perMinute: number, scoreSum: number, minutes = MINUTES) => [
    counter("xinliya_conversation_quality_score_count", { ...exporter(ctx), agent }, [{ minutes, perMinute }]),
    counter("xinliya_conversation_quality_score_sum", { ...exporter(ctx), agent }, [{ minutes, perMinute: scoreSum }]),
  ];
  // One short of the catalog's minimum sample: a changed minimum moves these scenarios with it.
  const lowSample = target("qualityMinSample") - 1;
  const ratingSample = target("satisfactionMinSample") - 1;
  const ratings = (perRating: Record<string, number>) => Object.entries(perRating).map(([rating, n]) =>
    counter("xinliya_feedback_ratings_total", { ...exporter(ctx), rating }, [{ minutes: MINUTES, perMinute: n }]));
  return [
    {
      item: 12,
      name: "quality really drops: a conversation a minute scored 0.4",
      interval: "1m",
      series: quality("empathy_listener", 1, 0.4),
      expect: [
        { at: "20m", alert: "ConversationQualityLow", firing: [] },
        { at: "60m", alert: "ConversationQualityLow", firing: [{ labels: { job, agent: "empathy_listener" }, value: "40%" }] },
      ],
    },
    {
      item: 12,
      name: "low-scored conversations one short of the minimum sample in an hour are no trend",
      interval: "1m",
      series: [
        counter("xinliya_conversation_quality_score_count", { ...exporter(ctx), agent: "sleep_coach" }, [{ minutes: 5, perMinute: 0 }, { minutes: lowSample, perMinute: 1 }, { minutes: MINUTES - 5 - lowSample, perMinute: 0 }]),
        counter("xinliya_conversation_quality_score_sum", { ...exporter(ctx), agent: "sleep_coach" }, [{ minutes: 5, perMinute: 0 }, { minutes: lowSample, perMinute: 0.2 }, { minutes: MINUTES - 5 - lowSample, perMinute: 0 }]),
      ],
      expect: [{ at: "50m", alert: "ConversationQualityLow", firing: [] }],
    },
    {
      item: 12,
      name: "half of two ratings a minute are 1 star: satisfaction is low",
      interval: "1m",
      series: ratings({ "1": 1, "5": 1 }),
      expect: [
        { at: "30m", alert: "UserSatisfactionLow", firing: [] },
        { at: "85m", alert: "UserSatisfactionLow", firing: [{ labels: { job }, value: "50%" }] },
      ],
    },
    {
      item: 12,
      name: "low ratings one short of the minimum sample in a day are no trend",
      interval: "1m",
      series: [counter("xinliya_feedback_ratings_total", { ...exporter(ctx), rating: "1" }, [{ minutes: 3, perMinute: 0 }, { minutes: ratingSample, perMinute: 1 }, { minutes: MINUTES - 3 - ratingSample, perMinute: 0 }])],
      expect: [{ at: "85m", alert: "UserSatisfactionLow", firing: [] }],
    },
  ];
}

export function monitoringScenarioFile(ctx: RuleContext): ScenarioFile {
  return { domain: "monitoring", source: "alerts/scenarios/monitoring.ts", scenarios: [...monitoringScenarios(ctx), ...businessScenarios(ctx)] };
}
