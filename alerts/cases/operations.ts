// promtool cases of the operations rules (alerts/operations.ts).
import { duration, seconds } from "../../catalog/duration.ts";
import { authOutcomes } from "../../catalog/outcomes.ts";
import { jobs } from "../../catalog/selectors.ts";
import { forDurations, forOf, rateWindow } from "../../catalog/targets.ts";
import { target } from "../../catalog/thresholds.ts";
import { TEST_INTERVAL, boundaryCases, events, realisedShare, fixed2, humanize, humanizeDuration, humanizePercentage, levelCases, sampleCount, series } from "../testing.ts";
import type { RuleContext, RuleTestCase } from "../types.ts";

const EXPORTER = "app-a:9464";
// Two daily jobs of the closed list (catalog/backups.ts): their maximum age is targets().backupMaxAge.
const BACKUPS = ["postgres_full", "offsite_replica"];
const after = (alert: string) => duration(seconds(forOf(alert)) + 120);

function targetTests(ctx: RuleContext): RuleTestCase[] {
  const j = jobs(ctx.env);
  const n = sampleCount(forOf("TargetDown"));
  const up = (job: string, instance: string, v: number) => ({ series: series("up", { job, instance }), values: `${v}x${n}` });
  return [
    ...levelCases({
      alert: "TargetDown", forDuration: forOf("TargetDown"), quiet: 1, loud: 0,
      names: { quiet: "a target that is up", loud: "a target that is down" },
      inputs: (level, instance) => [up(j.node, instance, level)],
      labels: (instance) => ({ job: j.node, instance }),
      format: String,
    }),
    {
      name: "TargetDown: the business exporter has its own alert, not this one",
      interval: TEST_INTERVAL,
      series: [up(j.businessExporter, EXPORTER, 0)],
      expect: [{ at: after("TargetDown"), alert: "TargetDown", firing: [] }],
    },
    ...levelCases({
      alert: "BusinessExporterDown", forDuration: forOf("BusinessExporterDown"), quiet: 1, loud: 0,
      names: { quiet: "an exporter that is scraped", loud: "an exporter that is down" },
      subjects: [EXPORTER],
      inputs: (level, instance) => [up(j.businessExporter, instance, level)],
      labels: (instance) => ({ job: j.businessExporter, instance }),
      format: String,
    }),
    {
      name: "BusinessExporterDown: an exporter missing from the scrape targets fires too",
      interval: TEST_INTERVAL,
      series: [up(j.node, "host-a:9100", 1)],
      expect: [{ at: after("BusinessExporterDown"), alert: "BusinessExporterDown", firing: [{ labels: { job: j.businessExporter }, value: "1" }] }],
    },
  ];
}

function backupAndAuthTests(ctx: RuleContext): RuleTestCase[] {
  const exporter = { job: jobs(ctx.env).businessExporter, instance: EXPORTER };
  const missingN = sampleCount(forOf("BackupMissing"));
  const failedN = sampleCount(forOf("BackupFailed"));
  const authN = sampleCount(forOf("AuthFailuresHigh"));
  return [
    ...boundaryCases({
      alert: "BackupMissing", forDuration: forOf("BackupMissing"), threshold: target("backupMaxAge"), margin: 60,
      subjects: BACKUPS,
      // The last success stays `level` seconds behind the clock.
      inputs: (level, backup) => [{
        series: series("xinliya_backup_last_success_timestamp_seconds", { ...exporter, backup }),
        values: `${-level}+60x${missingN}`,
      }],
      // The freshest report of any replica counts: the alert is per backup job.
      labels: (backup) => ({ job: exporter.job, backup }),
      format: humanizeDuration,
    }),
    ...levelCases({
      alert: "BackupFailed", forDuration: forOf("BackupFailed"), quiet: 1, loud: 0,
      names: { quiet: "a backup whose latest run succeeded", loud: "a backup whose latest run failed" },
      subjects: BACKUPS,
      inputs: (level, backup) => [{ series: series("xinliya_backup_last_run_success", { ...exporter, backup }), values: `${level}x${failedN}` }],
      labels: (backup) => ({ ...exporter, backup }),
      format: String,
    }),
    ...boundaryCases({
      alert: "AuthFailuresHigh", forDuration: forOf("AuthFailuresHigh"), threshold: target("authFailureRate"), margin: 0.1,
      subjects: [exporter.job],
      // Plenty of successful logins beside the failures: only failures count.
      inputs: (level) => authOutcomes().all.map((outcome) => ({
        series: series("xinliya_auth_attempts_total", { ...exporter, outcome }),
        values: `0+${outcome === authOutcomes().failure ? events(level, 60) : 6000}x${authN}`,
      })),
      labels: () => ({ job: exporter.job }),
      format: fixed2,
      realised: (level) => events(level, 60) / 60,
      warmup: rateWindow(),
    }),
  ];
}

function pipelineTests(ctx: RuleContext): RuleTestCase[] {
  const prom = { job: jobs(ctx.env).prometheus, instance: "localhost:9090" };
  const am = { job: jobs(ctx.env).alertmanager, instance: "alertmanager-1:9093" };
  const ruleFor = forOf("PrometheusRuleEvaluationFailures");
  const amFor = forOf("AlertmanagerNotificationsFailing");
  const windowMinutes = seconds(rateWindow()) / 60;
  return [
    ...levelCases({
      alert: "PrometheusRuleEvaluationFailures", forDuration: ruleFor, quiet: 0, loud: 1,
      names: { quiet: "no failed evaluation", loud: "one failed evaluation a minute" },
      subjects: ["/etc/prometheus/rules/api.yml;xinliya.api", "/etc/prometheus/rules/slo.yml;xinliya.slo"],
      inputs: (level, ruleGroup) => [{
        series: series("prometheus_rule_evaluation_failures_total", { ...prom, rule_group: ruleGroup }),
        values: `0+${level}x${sampleCount(ruleFor)}`,
      }],
      labels: (ruleGroup) => ({ ...prom, rule_group: ruleGroup }),
      // `increase` over the rate window of one failure a minute.
      format: (perMinute) => humanize(perMinute * windowMinutes),
    }),
    ...boundaryCases({
      alert: "AlertmanagerNotificationsFailing", forDuration: amFor, threshold: target("notificationFailureShare"), margin: 0.005,
      subjects: ["email", "webhook"],
      inputs: (level, integration) => [
        { series: series("alertmanager_notifications_total", { ...am, integration }), values: `0+1000x${sampleCount(amFor)}` },
        { series: series("alertmanager_notifications_failed_total", { ...am, integration }), values: `0+${events(level, 1000)}x${sampleCount(amFor)}` },
      ],
      labels: (integration) => ({ ...am, integration }),
      format: humanizePercentage,
      realised: realisedShare(1000),
    }),
  ];
}

export function operationsTests(ctx: RuleContext): RuleTestCase[] {
  return [...targetTests(ctx), ...backupAndAuthTests(ctx), ...pipelineTests(ctx)];
}
