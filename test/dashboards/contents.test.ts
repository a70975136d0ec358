import { describe, expect, it } from "vitest";
import { built, exprsOf, thresholdValues } from "./built.ts";

// The panels of the dashboards issue's table, one line each, written from the issue (not from the
// code): the dashboard, the panel key, its kind, what its queries must contain, the thresholds it
// must draw. The numbers are the ops guide's: the catalog test keeps the catalog equal to them.
type Row = [uid: string, key: string, type: string, reads: string[], thresholds?: number[]];

const ISSUE: Row[] = [
  ["xinliya-overview", "alertsByPriority", "stat", ['ALERTS{alertstate="firing", priority="P0"}', 'priority="P1"', 'priority="P2"', 'priority="P3"']],
  ["xinliya-overview", "firingAlerts", "table", ["ALERTS{"]],
  ["xinliya-overview", "availability", "stat", ["job:http_server_availability:ratio_rate30d"], [0.999]],
  ["xinliya-overview", "errorBudget", "gauge", ["job:http_server_error_budget_remaining:ratio_rate30d"], [0]],
  ["xinliya-overview", "apiLatency", "stat", ["job:http_server_request_duration_seconds:p95_rate5m"], [2]],
  ["xinliya-overview", "successRate", "stat", ["job:http_server_availability:ratio_rate5m"], [0.995]],
  ["xinliya-overview", "agentLatency", "stat", ["agent:xinliya_agent_processing_duration_seconds:p95_rate5m"], [5]],
  ["xinliya-overview", "activeSessions", "stat", ["xinliya_active_sessions"]],
  ["xinliya-overview", "concurrentUsers", "stat", ["xinliya_concurrent_users"]],
  ["xinliya-system", "cpu", "timeseries", ["instance:node_cpu_utilisation:rate5m"], [0.8]],
  ["xinliya-system", "memory", "timeseries", ["instance:node_memory_utilisation:ratio"], [0.85]],
  ["xinliya-system", "disk", "timeseries", ["instance_mountpoint:node_filesystem_utilisation:ratio"], [0.9]],
  ["xinliya-system", "network", "timeseries", ["node_network_receive_bytes_total", "node_network_transmit_bytes_total"]],
  ["xinliya-system", "tcp", "timeseries", ["node_netstat_Tcp_CurrEstab"]],
  ["xinliya-system", "load", "timeseries", ["node_load1", "node_load5", "node_load15"]],
  ["xinliya-system", "instances", "table", ["by (job, instance)"], [0.8, 0.85, 0.9]],
  ["xinliya-api", "requests", "timeseries", ["job:http_server_requests:rate5m"]],
  ["xinliya-api", "latencyPercentiles", "timeseries", ["histogram_quantile(0.5,", "histogram_quantile(0.95,", "histogram_quantile(0.99,"], [2]],
  ["xinliya-api", "successRate", "timeseries", ["job:http_server_availability:ratio_rate5m"], [0.995]],
  ["xinliya-api", "latencyByRoute", "timeseries", ["route:http_server_request_duration_seconds:p95_rate5m"], [2]],
  ["xinliya-api", "successRateByRoute", "timeseries", ["route:http_server_requests_success:ratio_rate5m"], [0.995]],
  ["xinliya-api", "routes", "table", ["http_route"], [2, 0.995]],
  ["xinliya-api", "errorsByStatus", "timeseries", ["sum by (http_response_status_code)", 'http_response_status_code=~"4..|5.."']],
  ["xinliya-agent", "agentLatency", "timeseries", ["agent:xinliya_agent_processing_duration_seconds:p95_rate5m", "histogram_quantile(0.5, agent_le:xinliya_agent_processing_duration_seconds_bucket:rate5m"], [5]],
  ["xinliya-agent", "agentOutcomes", "timeseries", ["sum by (agent, outcome) (rate(xinliya_agent_processing_duration_seconds_count"]],
  ["xinliya-agent", "llmCallsByModel", "timeseries", ["sum by (provider, model) (rate(xinliya_llm_requests_total"]],
  ["xinliya-agent", "llmLatencyByModel", "timeseries", ["histogram_quantile(0.5, model_le:xinliya_llm_request_duration_seconds_bucket:rate5m", "model:xinliya_llm_request_duration_seconds:p95_rate5m"]],
  ["xinliya-agent", "llmErrorsByModel", "timeseries", ['outcome=~"error|timeout"', "by (provider, model, outcome)"]],
  ["xinliya-agent", "llmRateLimited", "timeseries", ['outcome=~"rate_limited"', "by (provider, model)"]],
  ["xinliya-business", "qualityScore", "timeseries", ["agent:xinliya_conversation_quality_score:mean1h"], [0.7]],
  ["xinliya-business", "qualityDistribution", "heatmap", ["xinliya_conversation_quality_score_bucket"]],
  ["xinliya-business", "ratingDistribution", "bargauge", ["sum by (rating) (increase(xinliya_feedback_ratings_total"]],
  ["xinliya-business", "lowRatingShare", "timeseries", ["job:xinliya_feedback_ratings_low:ratio_rate1d"], [0.2]],
  ["xinliya-business", "featureUsage", "bargauge", ["sum by (feature) (increase(xinliya_feature_usage_total"]],
  ["xinliya-business", "errorTypes", "timeseries", ["sum by (error_type) (rate(xinliya_errors_total"]],
  ["xinliya-business", "activeSessions", "timeseries", ["xinliya_active_sessions"]],
  ["xinliya-business", "concurrentUsers", "timeseries", ["xinliya_concurrent_users"]],
  ["xinliya-slo", "availabilityWindows", "bargauge", ["5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d"].map((w) => `job:http_server_availability:ratio_rate${w}{`), [0.999]],
  ["xinliya-slo", "burnRateFast", "timeseries", ["job:http_server_error_budget_burn:rate1h", "job:http_server_error_budget_burn:rate5m"], [6, 14.4]],
  ["xinliya-slo", "burnRateSlow", "timeseries", ["job:http_server_error_budget_burn:rate3d", "job:http_server_error_budget_burn:rate6h"], [1, 3]],
  ["xinliya-slo", "errorBudget", "timeseries", ["job:http_server_error_budget_remaining:ratio_rate30d"], [0]],
  ["xinliya-capacity", "cpuTrend7d", "timeseries", ["instance:node_cpu_utilisation:rate5m"], [0.8]],
  ["xinliya-capacity", "memoryTrend30d", "timeseries", ["instance:node_memory_utilisation:ratio"], [0.85]],
  ["xinliya-capacity", "diskFull", "table", ["instance_mountpoint:node_filesystem_avail_bytes:predict_linear7d_0s", "instance_mountpoint:node_filesystem_avail_bytes:deriv7d"], [86400]],
  ["xinliya-capacity", "requestGrowth", "timeseries", ["job:http_server_requests:rate5m", "offset 7d"]],
  ["xinliya-capacity", "headroom", "table", ["0.8 - max by (job, instance)", "0.85 - max by (job, instance)", "0.9 - max by (job, instance)"], [0]],
  ["xinliya-operations", "backupAge", "timeseries", ["time() - xinliya_backup_last_success_timestamp_seconds"], [93600]],
  ["xinliya-operations", "backupLastRun", "state-timeline", ["xinliya_backup_last_run_success"]],
  ["xinliya-operations", "authFailures", "timeseries", ["job:xinliya_auth_failures:rate5m"], [0.5]],
  ["xinliya-operations", "targets", "state-timeline", ["up{"]],
  ["xinliya-operations", "ruleFailures", "timeseries", ["prometheus_rule_evaluation_failures_total"]],
  ["xinliya-operations", "notifications", "timeseries", ["integration:alertmanager_notifications_failed:ratio_rate5m"], [0.01]],
];

describe("the panels of the dashboards issue", () => {
  const dashboards = built();

  it.each(ISSUE)("%s › %s is a %s reading %j", (uid, key, type, reads, thresholds) => {
    const panel = dashboards.get(uid)!.panel(key);
    expect(panel.type).toBe(type);
    const text = exprsOf(panel).join("\n");
    for (const r of reads) expect(text).toContain(r);
    for (const t of thresholds ?? []) expect(thresholdValues(panel)).toContain(t);
  });

  it("keeps the capacity trends to 7 and 30 days", () => {
    const capacity = dashboards.get("xinliya-capacity")!;
    for (const r of ["cpu", "memory", "disk"]) {
      expect(capacity.panel(`${r}Trend7d`).timeFrom).toBe("7d");
      expect(capacity.panel(`${r}Trend30d`).timeFrom).toBe("30d");
    }
    expect(dashboards.get("xinliya-slo")!.panel("errorBudget").timeFrom).toBe("30d");
  });

  it("links the overview to every other dashboard from a panel, and every dashboard from its header", () => {
    const content: string = dashboards.get("xinliya-overview")!.panel("dashboards").options.content;
    const others = [...dashboards.keys()].filter((u) => u !== "xinliya-overview");
    expect(others).toHaveLength(10); // seven, xinliya-data (issue 13), xinliya-safety (issue 14), xinliya-host (issue 12)
    for (const uid of others) expect(content).toContain(`](/d/${uid})`);
  });
});
