import { describe, expect, it } from "vitest";
import { burnRateAlerts } from "../../catalog/slo.ts";
import { priority } from "../../catalog/priorities.ts";
import { forDurations, rateWindow } from "../../catalog/targets.ts";
import { environment } from "../../catalog/environments.ts";
import { safetyAlerts } from "../../catalog/safety.ts";
import { bundleAlertTests, bundleRules } from "../../scripts/lib/bundle-rules.ts";
import { analysePromql } from "../../scripts/lib/promql.ts";
import { render } from "../../scripts/render/index.ts";
import { options } from "../helpers.ts";
import { pageMinEvents } from "../../catalog/thresholds.ts";
import { seconds } from "../../catalog/duration.ts";
import { apiRecordNames } from "../../alerts/api.ts";

/** The table of the alerts issue: name, priority, and the labels that name the culprit. */
const REQUIRED: [string, string, string[]][] = [
  ["HostCpuHigh", "P2", ["job", "instance"]],
  ["HostMemoryHigh", "P2", ["job", "instance"]],
  ["HostDiskSpaceHigh", "P1", ["job", "instance", "mountpoint"]],
  ["HostDiskWillFillIn24h", "P2", ["job", "instance", "mountpoint"]],
  ["TargetDown", "P2", ["job", "instance"]],
  ["BackendUnavailable", "P0", ["job"]],
  ["ApiLatencyHigh", "P1", ["job"]],
  ["ApiSuccessRateLow", "P1", ["job"]],
  ["ApiErrorBudgetBurnFast", "P0", ["job"]],
  ["ApiErrorBudgetBurnSlow", "P2", ["job"]],
  ["AgentProcessingSlow", "P1", ["job", "agent"]],
  ["LlmApiErrorsHigh", "P1", ["job", "provider"]],
  ["LlmApiDown", "P0", ["job"]],
  ["AgentFallbackHigh", "P2", ["job", "agent"]],
  ["ConversationQualityLow", "P2", ["job", "agent"]],
  ["UserSatisfactionLow", "P3", ["job"]],
  // The freshest report of any replica counts (issue 10): per job and backup, not per instance.
  ["BackupMissing", "P1", ["job", "backup"]],
  ["BackupFailed", "P1", ["job", "instance", "backup"]],
  ["AuthFailuresHigh", "P2", ["job"]],
  // Issue 10, item 14: it blinds the P0 LlmApiDown, so it cannot be P2.
  ["BusinessExporterDown", "P1", ["job"]],
  ["PrometheusRuleEvaluationFailures", "P1", ["job", "instance", "rule_group"]],
  ["AlertmanagerNotificationsFailing", "P1", ["job", "instance", "integration"]],
  // Issue 10: blind spots 1–9 and the latency configuration alert of item 11.
  ["AgentRunsFailing", "P1", ["job", "agent"]],
  ["SafetyAgentRunsFailing", "P0", ["job", "agent"]],
  ["ExporterRejectingEvents", "P1", ["job"]],
  ["ExporterReceivesNoEvents", "P1", ["job"]],
  ["ScrapeJobMissing", "P1", ["job"]],
  ["KeySeriesMissing", "P1", ["job", "series"]],
  ["HistogramBucketMissing", "P3", ["job", "le"]],
  ["BackupNotReported", "P1", ["job", "backup"]],
  ["AuthLoginsFailing", "P1", ["job"]],
  ["HostFilesystemReadOnly", "P1", ["job", "instance", "mountpoint"]],
  ["HostCollectorFailing", "P1", ["job", "instance", "collector"]],
  ["HostInodesHigh", "P1", ["job", "instance", "mountpoint"]],
  ["HostDiskWillFillIn4h", "P1", ["job", "instance", "mountpoint"]],
  ["HostOomKills", "P2", ["job", "instance"]],
  ["HostClockSkew", "P2", ["job", "instance"]],
  ["HostCpuStealHigh", "P2", ["job", "instance"]],
  ["PrometheusConfigReloadFailed", "P1", ["job", "instance"]],
  ["AlertmanagerConfigReloadFailed", "P1", ["job", "instance"]],
  ["PrometheusAlertmanagerMissing", "P1", ["job", "instance"]],
  ["PrometheusNotificationsDropped", "P1", ["job", "instance"]],
  ["PrometheusRuleGroupsMissed", "P1", ["job", "instance", "rule_group"]],
  ["PrometheusTsdbFailing", "P1", ["job", "instance"]],
  ["PrometheusRetentionTooShort", "P2", ["job", "instance"]],
  // Issue 14: the safety alerts, as catalog/safety.ts declares them.
  ...safetyAlerts().map((a): [string, string, string[]] => [a.name, a.priority, [...a.by]]),
  // Issue 14: LLM economics on the OTel GenAI conventions.
  ["LlmBudgetBurnHigh", "P2", ["job"]],
  ["LlmBudgetExhaustedBeforeDayEnd", "P1", ["job"]],
  ["LlmProviderRateLimited", "P1", ["job", "gen_ai_provider_name"]],
  ["LlmTimeToFirstTokenSlow", "P1", ["job", "gen_ai_provider_name"]],
];

/** Labels an alert may carry: bounded, and each one helps to route or to find the culprit. */
const ALLOWED_LABELS = new Set(["job", "instance", "agent", "provider", "backup", "mountpoint", "device", "fstype", "rule_group", "integration", "priority", "severity",
  // Issue 10: the collector that fails, the key series that is gone, the bucket bound that is missing.
  "collector", "series", "le",
  // Issue 14: the crisis detector, the GenAI provider.
  "detector", "gen_ai_provider_name"]);

const bundle = () => render(options());
/** The data tier (issue 13) has its own table: test/alerts/data-rules.test.ts. */
const DATA_DOMAINS = ["database", "cache", "reachability", "probe-slo", "recovery"].map((d) => `prometheus/rules/${d}.yml`);
const alerts = () => bundleRules(bundle()).filter((r) => r.rule.alert && !DATA_DOMAINS.includes(r.file));
const records = () => bundleRules(bundle()).flatMap((r) => (r.rule.record ? [r.rule.record] : []));

describe("the alerts of the issue", () => {
  it("exist with their priority, severity, catalog `for` and the four annotations", () => {
    const env = environment("production");
    const byName = new Map(alerts().map((a) => [a.rule.alert!, a.rule]));
    expect([...byName.keys()].sort()).toEqual([...REQUIRED.map(([n]) => n), "Watchdog"].sort());
    for (const [name, p] of REQUIRED) {
      const rule = byName.get(name)!;
      expect(rule.labels, name).toEqual({ priority: p, severity: priority(p).severity });
      expect(rule.for, name).toBe(forDurations()[name]);
      expect(Object.keys(rule.annotations!).sort(), name).toEqual(["dashboard_url", "description", "runbook_url", "summary"]);
      expect(rule.annotations!.runbook_url).toBe(`${env.runbookBaseUrl}/${name}.md`);
      expect(rule.annotations!.dashboard_url).toMatch(new RegExp(`^${env.grafanaUrl}/d/xinliya-[a-z]+\\?viewPanel=\\d+$`));
    }
  });

  it("fire with the labels that name the culprit, and no other", () => {
    const firing = bundleAlertTests(bundle()).filter((t) => (t.expectation.exp_alerts ?? []).length > 0);
    for (const [name, , culprit] of REQUIRED) {
      const labelSets = firing.filter((t) => t.expectation.alertname === name)
        .flatMap((t) => (t.expectation.exp_alerts as { exp_labels: Record<string, string> }[]).map((a) => Object.keys(a.exp_labels)));
      expect(labelSets.length, `${name} has firing tests`).toBeGreaterThan(0);
      // BusinessExporterDown's `absent` branch knows the job only; every other firing carries the full set.
      expect(labelSets.some((keys) => culprit.every((l) => keys.includes(l))), `${name} names ${culprit.join(", ")}`).toBe(true);
      for (const keys of labelSets) for (const k of keys) expect(ALLOWED_LABELS.has(k), `${name} carries label ${k}`).toBe(true);
    }
  });

  it("read recording rules for every expensive expression", () => {
    const recorded = new Set(records());
    const raw = ["TargetDown", "BusinessExporterDown", "BackupFailed", "PrometheusRuleEvaluationFailures", "Watchdog",
      // Issue 10: presence, flags and counters of single targets, cheap without a record.
      "SafetyAgentRunsFailing", "ExporterRejectingEvents", "ExporterReceivesNoEvents", "ScrapeJobMissing", "KeySeriesMissing", "HistogramBucketMissing",
      "HostFilesystemReadOnly", "HostCollectorFailing", "HostInodesHigh", "HostOomKills", "HostClockSkew", "HostCpuStealHigh",
      "PrometheusConfigReloadFailed", "AlertmanagerConfigReloadFailed", "PrometheusAlertmanagerMissing", "PrometheusNotificationsDropped",
      "PrometheusRuleGroupsMissed", "PrometheusTsdbFailing", "PrometheusRetentionTooShort",
      // Issue 14: gauges and one increase per job or detector: nothing to pre-compute.
      "CrisisWaitingTooLong", "CrisisDetectorSilent", "UsageRemindersStopped"];
    for (const { rule } of alerts()) {
      if (raw.includes(rule.alert!)) continue;
      const read = analysePromql(String(rule.expr)).selectors.map((s) => s.metric);
      expect(read.some((m) => recorded.has(m)), `${rule.alert} reads a recording rule`).toBe(true);
    }
  });
});

describe("the recording rules of the issue", () => {
  it("record the availability SLI over 5m, 30m, 1h, 2h, 6h, 1d, 3d and 30d, the burn rates and the budget left", () => {
    const names = records();
    const sli = names.filter((n) => n.startsWith("job:http_server_availability:ratio_rate")).map((n) => n.split("ratio_rate")[1]);
    expect(sli).toEqual(["5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d"]);
    const burn = names.filter((n) => n.startsWith("job:http_server_error_budget_burn:rate")).map((n) => n.split(":rate")[1]);
    expect(burn).toEqual(["5m", "30m", "1h", "2h", "6h", "1d", "3d"]);
    expect(names).toContain("job:http_server_error_budget_remaining:ratio_rate30d");
  });

  it("record API and agent p95 and CPU, memory and disk utilisation, all named level:metric:operations", () => {
    const names = records();
    expect(names).toEqual(expect.arrayContaining([
      "job:http_server_request_duration_seconds:p95_rate5m",
      "agent:xinliya_agent_processing_duration_seconds:p95_rate5m",
      "instance:node_cpu_utilisation:rate5m",
      "instance:node_memory_utilisation:ratio",
      "instance_mountpoint:node_filesystem_utilisation:ratio",
    ]));
    for (const n of names) expect(n).toMatch(/^[a-z_]+:[a-z0-9_]+:[a-z0-9_]+$/);
    // Each name is written once, except by the API's bucket shards (alerts/api-buckets.ts): every
    // shard writes the same records over its own `le` set, and no other group writes them.
    const located = bundleRules(bundle()).filter((r) => r.rule.record);
    const shard = (file: string) => /\/api-buckets-\d+\.yml$/.test(file);
    const once = located.filter((r) => !shard(r.file)).map((r) => r.rule.record!);
    expect(new Set(once).size).toBe(once.length);
    const perShard = new Map<string, string[]>();
    for (const r of located.filter((x) => shard(x.file))) perShard.set(r.file, [...(perShard.get(r.file) ?? []), r.rule.record!]);
    expect(perShard.size).toBeGreaterThan(1);
    expect(new Set([...perShard.values()].map((n) => n.join(" "))).size).toBe(1);
    for (const n of [...perShard.values()][0]!) expect(once).not.toContain(n);
  });

  it("build the burn-rate alerts from the catalog's window pairs", () => {
    const byName = new Map(alerts().map((a) => [a.rule.alert!, String(a.rule.expr)]));
    for (const [alert, pairs] of Object.entries(burnRateAlerts())) {
      // The paging alert also needs pageMinEvents() failed requests in each long window (issue 10, item 10),
      // counted from the recorded 5xx rate, not from the raw counts (issue 17): over the last rate
      // window, or its mean over the long window times the seconds it covers there, at most the window's.
      const failed = apiRecordNames().failed;
      const last = `${failed} * ${seconds(rateWindow())} >= ${pageMinEvents()}`;
      const covered = (w: string) => `clamp_max(time() - min_over_time(timestamp(${failed})[${w}:]), ${seconds(w)})`;
      const floor = (w: string) => ` and on (job) (${last} or avg_over_time(${failed}[${w}]) * ${covered(w)} >= ${pageMinEvents()})`;
      expect(byName.get(alert)).toBe(pairs.map((p) => {
        const pair = `(job:http_server_error_budget_burn:rate${p.long} > ${p.factor} and job:http_server_error_budget_burn:rate${p.short} > ${p.factor})`;
        return alert === "ApiErrorBudgetBurnFast" ? `((${pair})${floor(p.long)})` : pair;
      }).join(" or "));
    }
  });
});
