// Every metric that a rule or a dashboard reads. The closed-metric-list check rejects any
// other name in an expression, except the recording rules that we generate ourselves.
import { dataMetrics } from "./data-metrics.ts";
import { genAiMetrics } from "./genai.ts";
import { safetyMetrics } from "./safety-metrics.ts";
import type { MetricDef, MetricSource, MetricType, MetricUnit } from "./types.ts";

function metric(
  source: MetricSource,
  type: MetricType,
  name: string,
  unit: MetricUnit,
  labels: readonly string[],
  help: string,
): MetricDef {
  return { name, type, unit, labels, source, help };
}

function nodeExporterMetrics(): MetricDef[] {
  const n = (type: MetricType, name: string, unit: MetricUnit, labels: string[], help: string) =>
    metric("node_exporter", type, name, unit, labels, help);
  const fs = ["device", "fstype", "mountpoint"];
  return [
    n("counter", "node_cpu_seconds_total", "s", ["cpu", "mode"], "Seconds the CPUs spent in each mode."),
    n("gauge", "node_memory_MemAvailable_bytes", "bytes", [], "Memory available for new work without swapping."),
    n("gauge", "node_memory_MemTotal_bytes", "bytes", [], "Total usable memory."),
    n("gauge", "node_filesystem_avail_bytes", "bytes", fs, "Filesystem space available to non-root users."),
    n("gauge", "node_filesystem_size_bytes", "bytes", fs, "Filesystem size."),
    n("gauge", "node_filesystem_readonly", "none", fs, "1 when the filesystem is mounted read-only."),
    n("counter", "node_network_receive_bytes_total", "bytes", ["device"], "Bytes received per network device."),
    n("counter", "node_network_transmit_bytes_total", "bytes", ["device"], "Bytes sent per network device."),
    n("gauge", "node_netstat_Tcp_CurrEstab", "short", [], "TCP connections currently established."),
    n("gauge", "node_load1", "short", [], "1-minute load average."),
    n("gauge", "node_load5", "short", [], "5-minute load average."),
    n("gauge", "node_load15", "short", [], "15-minute load average."),
    n("gauge", "node_filesystem_files", "short", fs, "Inodes of the filesystem."),
    n("gauge", "node_filesystem_files_free", "short", fs, "Free inodes of the filesystem."),
    n("gauge", "node_scrape_collector_success", "none", ["collector"], "1 when a collector of node_exporter succeeded."),
    n("gauge", "node_vmstat_oom_kill", "short", [], "Processes killed by the OOM killer since boot (a count that node_exporter exposes untyped)."),
    n("gauge", "node_timex_offset_seconds", "s", [], "Offset of the system clock from its time source."),
  ];
}

function backendMetrics(): MetricDef[] {
  // OpenTelemetry HTTP semantic conventions, in their Prometheus form.
  return [
    metric("backend", "histogram", "http_server_request_duration_seconds", "s",
      ["http_request_method", "http_route", "http_response_status_code"],
      "Duration of HTTP server requests handled by the Xinliya API."),
    // prom-client's default metric, which the business exporter exposes too (restart annotations).
    metric("backend", "gauge", "process_start_time_seconds", "dateTimeAsIso", [],
      "Unix time the process (the API backend, the business exporter) started."),
  ];
}

function businessMetrics(): MetricDef[] {
  const b = (type: MetricType, name: string, unit: MetricUnit, labels: string[], help: string) =>
    metric("business_exporter", type, name, unit, labels, help);
  return [
    b("histogram", "xinliya_agent_processing_duration_seconds", "s", ["agent", "outcome"],
      "Time an agent took to produce an answer."),
    b("histogram", "xinliya_llm_request_duration_seconds", "s", ["provider", "model", "outcome"],
      "Duration of calls to LLM providers."),
    b("histogram", "xinliya_conversation_quality_score", "percentunit", ["agent"],
      "Conversation quality score between 0 and 1."),
    b("counter", "xinliya_llm_requests_total", "short", ["provider", "model", "outcome"], "LLM calls by outcome."),
    b("counter", "xinliya_feedback_ratings_total", "short", ["rating"], "User ratings from 1 to 5."),
    b("counter", "xinliya_feature_usage_total", "short", ["feature"], "Uses of each product feature."),
    b("counter", "xinliya_errors_total", "short", ["error_type"], "Errors by type."),
    b("counter", "xinliya_auth_attempts_total", "short", ["outcome"], "Login attempts by outcome."),
    b("gauge", "xinliya_active_sessions", "short", [], "Conversations currently active."),
    b("gauge", "xinliya_concurrent_users", "short", [], "Users currently connected."),
    b("gauge", "xinliya_backup_last_success_timestamp_seconds", "dateTimeAsIso", ["backup"],
      "Unix time of the last successful run of a backup job."),
    b("gauge", "xinliya_backup_last_run_success", "none", ["backup"], "1 when the latest run of a backup job succeeded."),
    b("counter", "xinliya_exporter_rejected_events_total", "short", ["reason"], "Events the exporter rejected."),
  ];
}

function prometheusMetrics(): MetricDef[] {
  return [
    metric("prometheus", "gauge", "up", "none", [], "1 when the last scrape of a target succeeded."),
    { ...metric("prometheus", "gauge", "ALERTS", "none", ["alertname", "alertstate", "priority", "severity"],
      "Pending and firing alerts, one series each."), synthetic: true },
    { ...metric("prometheus", "gauge", "ALERTS_FOR_STATE", "dateTimeAsIso", ["alertname", "priority", "severity"],
      "Unix time at which each pending or firing alert became active."), synthetic: true },
    metric("prometheus", "counter", "prometheus_rule_evaluation_failures_total", "short", ["rule_group"],
      "Rule evaluations that failed."),
    metric("prometheus", "counter", "prometheus_rule_evaluations_total", "short", ["rule_group"],
      "Rule evaluations."),
    metric("prometheus", "gauge", "prometheus_config_last_reload_successful", "none", [], "1 when the last configuration reload succeeded."),
    metric("prometheus", "gauge", "prometheus_config_last_reload_success_timestamp_seconds", "dateTimeAsIso", [], "Unix time of the last successful configuration reload."),
    metric("prometheus", "gauge", "prometheus_notifications_alertmanagers_discovered", "short", [], "Alertmanagers Prometheus sends alerts to."),
    metric("prometheus", "counter", "prometheus_notifications_dropped_total", "short", [], "Alerts dropped on the way to Alertmanager."),
    metric("prometheus", "counter", "prometheus_rule_group_iterations_missed_total", "short", ["rule_group"], "Rule-group evaluations missed because the previous one was too slow."),
    metric("prometheus", "counter", "prometheus_tsdb_compactions_failed_total", "short", [], "TSDB compactions that failed."),
    metric("prometheus", "counter", "prometheus_tsdb_wal_corruptions_total", "short", [], "WAL corruptions found."),
    metric("prometheus", "gauge", "prometheus_tsdb_retention_limit_seconds", "s", [], "How long the TSDB keeps samples."),
  ];
}

function alertmanagerMetrics(): MetricDef[] {
  return [
    metric("alertmanager", "counter", "alertmanager_notifications_total", "short", ["integration"],
      "Notifications attempted."),
    metric("alertmanager", "counter", "alertmanager_notifications_failed_total", "short", ["integration"],
      "Notifications that failed."),
    metric("alertmanager", "gauge", "alertmanager_config_last_reload_successful", "none", [], "1 when the last configuration reload succeeded."),
  ];
}

export function metrics(): MetricDef[] {
  return [
    ...nodeExporterMetrics(),
    ...backendMetrics(),
    ...businessMetrics(),
    ...prometheusMetrics(),
    ...alertmanagerMetrics(),
    ...dataMetrics(),
    ...safetyMetrics(),
    ...genAiMetrics(),
  ];
}

/** The series names a metric exposes: histograms expose `_bucket`, `_sum` and `_count`. */
export function seriesNames(def: MetricDef): string[] {
  if (def.type === "histogram" || def.type === "summary") {
    const parts = def.type === "histogram" ? ["_bucket", "_sum", "_count"] : ["", "_sum", "_count"];
    return parts.map((suffix) => def.name + suffix);
  }
  return [def.name];
}

export function metricByName(name: string): MetricDef | undefined {
  return metrics().find((m) => m.name === name);
}
