// Panels of the failure modes of issue 10: what the new alerts read (agent failures, uptime, the
// bucket at the target, login outages, backup freshness, the exporter's proof of life, the host
// set and the monitoring pipeline). One row per dashboard, listed once in each dashboard file.
import { agentRecordNames } from "../../alerts/agents.ts";
import { apiRecordNames } from "../../alerts/api.ts";
import { operationsRecordNames } from "../../alerts/operations.ts";
import { formatTarget, target } from "../../catalog/thresholds.ts";
import { jobScope, query, scope, timeseriesPanel, zh } from "../common.ts";
import type { GrafanaUnit } from "../units.ts";
import type { DashboardContext, PanelDef, RowDef } from "../types.ts";

interface PanelSpec {
  key: string;
  title: [string, string];
  description: [string, string];
  unit: GrafanaUnit;
  targets: [string, string][];
  threshold?: number | number[];
  redBelow?: boolean;
  /** Default 0; null for a value that may be negative. */
  min?: number | null;
  max?: number;
}

function panel(ctx: DashboardContext, s: PanelSpec): PanelDef {
  const pick = (t: [string, string]) => (zh(ctx) ? t[0] : t[1]);
  let p = timeseriesPanel({
    title: pick(s.title), description: pick(s.description), unit: s.unit,
    ...(s.min === null ? {} : { min: s.min ?? 0 }),
    ...(s.max !== undefined ? { max: s.max } : {}),
    ...(s.threshold !== undefined ? { threshold: s.threshold, redBelow: s.redBelow ?? false } : {}),
  }).span(8);
  s.targets.forEach(([expr, legend], i) => { p = p.withTarget(query(expr, legend, String.fromCharCode(65 + i))); });
  return { key: s.key, panel: p };
}

export function agentFailureRow(ctx: DashboardContext): RowDef {
  const n = agentRecordNames();
  return {
    title: { zh: "智能体故障", en: "Agent failures" },
    panels: [panel(ctx, {
      key: "agentFailedShare",
      title: ["智能体失败占比", "Failed agent runs"],
      description: [
        `每个智能体以错误或超时结束的运行占比（5 分钟）。虚线为 ${formatTarget("agentFailureShare")}（AgentRunsFailing）；危机分诊与安全审查智能体按 1 小时、${formatTarget("safetyAgentFailureShare")} 触发 P0（SafetyAgentRunsFailing）。`,
        `Share of each agent's runs that ended in an error or a timeout (5 minutes). The dashed line is ${formatTarget("agentFailureShare")} (AgentRunsFailing); crisis_triage and safety_reviewer page at P0 over 1 h above ${formatTarget("safetyAgentFailureShare")} (SafetyAgentRunsFailing).`,
      ],
      unit: "percentunit", max: 1, threshold: [target("safetyAgentFailureShare"), target("agentFailureShare")],
      targets: [[`${n.failed}{${jobScope()}}`, "{{agent}}"]],
    }), panel(ctx, {
      key: "agentWithinTarget",
      title: ["目标时间内完成的运行", "Runs within the target"],
      description: [
        `每个智能体在 ${formatTarget("agentProcessingP95")} 内完成的运行占比，读自该边界的桶（不插值）。不高于 95% 即 p95 未达标（AgentProcessingSlow）。`,
        `Share of each agent's runs that finished within ${formatTarget("agentProcessingP95")}, read from the bucket at that bound (no interpolation). At or below 95 % the p95 misses its target (AgentProcessingSlow).`,
      ],
      unit: "percentunit", max: 1,
      targets: [[`${n.withinTarget}{${jobScope()}}`, "{{agent}}"]],
    })],
  };
}

export function apiFailureRow(ctx: DashboardContext): RowDef {
  const n = apiRecordNames();
  return {
    title: { zh: "可用时间与目标桶", en: "Uptime and the target bucket" },
    panels: [panel(ctx, {
      key: "apiWithinTarget",
      title: ["目标时间内完成的请求", "Requests within the target"],
      description: [
        `在 ${formatTarget("apiLatencyP95")} 内完成的请求占比，读自该边界的桶（不插值）。不高于 95% 即 p95 未达标（ApiLatencyHigh）。`,
        `Share of requests that finished within ${formatTarget("apiLatencyP95")}, read from the bucket at that bound (no interpolation). At or below 95 % the p95 misses its target (ApiLatencyHigh).`,
      ],
      unit: "percentunit", max: 1,
      targets: [[`${n.withinTarget}{${jobScope()}}`, "{{job}}"]],
    }), panel(ctx, {
      key: "backendDown",
      title: ["后端全部不可用", "Backend entirely down"],
      description: [
        "1 表示后端没有任何实例在线或被抓取：这段时间计入可用时间 SLO 的错误预算。",
        "1 while no backend instance is up or scraped: that time spends the uptime SLO's error budget.",
      ],
      unit: "none", max: 1,
      targets: [[`${n.down}{${jobScope()}}`, "{{job}}"]],
    })],
  };
}

export function operationsFailureRow(ctx: DashboardContext): RowDef {
  const n = operationsRecordNames();
  return {
    title: { zh: "失明与缺失", en: "Blindness and gaps" },
    panels: [
      panel(ctx, {
        key: "authFailedShare",
        title: ["登录失败占比", "Failed login share"],
        description: [`失败登录占全部登录的比例（5 分钟）。虚线为 ${formatTarget("authOutageShare")}：正常流量下达到它即认证中断（AuthLoginsFailing）。`,
          `Share of logins that failed (5 minutes). The dashed line is ${formatTarget("authOutageShare")}: reaching it at normal volume is an authentication outage (AuthLoginsFailing).`],
        unit: "percentunit", max: 1, threshold: target("authOutageShare"),
        targets: [[`${n.authFailedShare}{${jobScope()}}`, "{{job}}"]],
      }),
      panel(ctx, {
        key: "backupFreshness",
        title: ["备份新鲜度", "Backup freshness"],
        description: ["每个预期备份任务的年龄（所有副本中最新的一次成功）与它允许的最长间隔（catalog/backups.ts）。年龄超过上限触发 BackupMissing，没有上报触发 BackupNotReported。",
          "Age of each expected backup job (the freshest success of any replica) beside its own maximum age (catalog/backups.ts). Above it fires BackupMissing; no report fires BackupNotReported."],
        unit: "s",
        targets: [[`time() - ${n.backupFreshest}{${jobScope()}}`, "{{backup}}"], [`${n.backupMaxAge}{${jobScope()}}`, "{{backup}} max"]],
      }),
      panel(ctx, {
        key: "exporterAccepted",
        title: ["导出器收到的事件与后端流量", "Events the exporter got, backend traffic"],
        description: ["每秒智能体运行事件（导出器的生命迹象）与后端请求。后端有流量而事件为 0 触发 ExporterReceivesNoEvents。",
          "Agent-run events per second (the exporter's proof of life) and backend requests. Traffic with no event fires ExporterReceivesNoEvents."],
        unit: "reqps",
        targets: [[`sum by (job) (rate(xinliya_agent_processing_duration_seconds_count{${scope()}}[$__rate_interval]))`, "{{job}} events"],
          [`sum by (job) (${apiRecordNames().byInstanceCode}{${scope()}})`, "{{job}} requests"]],
      }),
      panel(ctx, {
        key: "keySeries",
        title: ["关键指标的序列数", "Series of the key metrics"],
        description: ["每个任务关键直方图的桶序列数（按实例或智能体与桶边界，取自记录规则，不必在每一步扫描全部原始序列）：目标在线而降为 0 触发 KeySeriesMissing；直方图缺少目标边界的桶触发 HistogramBucketMissing。",
          "Bucket series of each job's key histograms (per instance or agent and bound, from the recording rules, so that no step scans every raw series): dropping to 0 while the target is up fires KeySeriesMissing; a histogram without the bucket at its target fires HistogramBucketMissing."],
        unit: "short",
        targets: [[`count by (job) (${apiRecordNames().bucketsByInstance}{${scope()}})`, "{{job}} buckets"],
          [`count by (job) (${agentRecordNames().agentBuckets}{${jobScope()}})`, "{{job}} agent buckets"]],
      }),
      panel(ctx, {
        key: "pipelineHealth",
        title: ["监控链路健康", "Monitoring pipeline health"],
        description: ["配置重载是否成功与重载次数、Prometheus 发现的 Alertmanager 数、丢弃的通知、跳过的规则评估、TSDB 压缩失败与 WAL 损坏。",
          "Configuration reloads (success and count), Alertmanagers Prometheus discovers, dropped notifications, missed rule evaluations, failed TSDB compactions and WAL corruptions."],
        unit: "short",
        targets: [
          [`prometheus_config_last_reload_successful{${scope()}}`, "Prometheus reload ok"],
          // A reload drops a few notifications while Alertmanagers are rediscovered (PrometheusNotificationsDropped waits it out).
          [`changes(prometheus_config_last_reload_success_timestamp_seconds{${scope()}}[$__rate_interval])`, "Prometheus reloads"],
          [`alertmanager_config_last_reload_successful{${scope()}}`, "Alertmanager reload ok {{instance}}"],
          [`prometheus_notifications_alertmanagers_discovered{${scope()}}`, "Alertmanagers"],
          [`sum by (instance) (rate(prometheus_notifications_dropped_total{${scope()}}[$__rate_interval]))`, "dropped/s"],
          [`sum by (rule_group) (rate(prometheus_rule_group_iterations_missed_total{${scope()}}[$__rate_interval]))`, "missed {{rule_group}}"],
          [`sum by (instance) (rate(prometheus_tsdb_compactions_failed_total{${scope()}}[$__rate_interval]))`, "compactions failed/s"],
          [`sum by (instance) (rate(prometheus_tsdb_wal_corruptions_total{${scope()}}[$__rate_interval]))`, "WAL corruptions/s"],
        ],
      }),
      panel(ctx, {
        key: "retention",
        title: ["Prometheus 数据保留期", "Prometheus retention"],
        description: ["Prometheus 保留数据的时长，须不短于 30 天的 SLO 周期（PrometheusRetentionTooShort）。",
          "How long Prometheus keeps data; it must not be shorter than the 30-day SLO period (PrometheusRetentionTooShort)."],
        unit: "s",
        targets: [[`prometheus_tsdb_retention_limit_seconds{${scope()}}`, "{{instance}}"]],
      }),
    ],
  };
}

export function systemFailureRow(ctx: DashboardContext): RowDef {
  const fs = `${scope()}, fstype!~"tmpfs|overlay|squashfs"`;
  return {
    title: { zh: "主机故障", en: "Host failures" },
    panels: [
      panel(ctx, {
        key: "hostHealth",
        title: ["只读挂载、采集器与 OOM", "Read-only mounts, collectors, OOM kills"],
        description: ["真实文件系统是否只读（1 为只读，HostFilesystemReadOnly）、node_exporter 采集器是否成功（0 为失败，HostCollectorFailing）与每秒 OOM 杀进程（HostOomKills）。",
          "Whether each real filesystem is read-only (1, HostFilesystemReadOnly), whether each node_exporter collector succeeds (0 is a failure, HostCollectorFailing), and OOM kills per second (HostOomKills)."],
        unit: "short",
        targets: [[`node_filesystem_readonly{${fs}}`, "{{instance}} {{mountpoint}} ro"],
          [`node_scrape_collector_success{${scope()}}`, "{{instance}} {{collector}} ok"],
          [`rate(node_vmstat_oom_kill{${scope()}}[$__rate_interval])`, "{{instance}} OOM"]],
      }),
      panel(ctx, {
        key: "hostShares",
        title: ["inode 使用率与 CPU steal", "Inode usage and CPU steal"],
        description: [`inode 使用率（阈值 ${formatTarget("inodeUtilisation")}，HostInodesHigh）与被宿主机挪用的 CPU 时间（阈值 ${formatTarget("cpuStealShare")}，HostCpuStealHigh）。`,
          `Inode usage (threshold ${formatTarget("inodeUtilisation")}, HostInodesHigh) and CPU time stolen by the hypervisor (threshold ${formatTarget("cpuStealShare")}, HostCpuStealHigh).`],
        unit: "percentunit", max: 1, threshold: [target("cpuStealShare"), target("inodeUtilisation")],
        targets: [[`1 - node_filesystem_files_free{${fs}} / node_filesystem_files{${fs}}`, "{{instance}} {{mountpoint}} inodes"],
          [`avg without (cpu) (rate(node_cpu_seconds_total{${scope()}, mode="steal"}[$__rate_interval]))`, "{{instance}} steal"]],
      }),
      panel(ctx, {
        key: "hostClock",
        title: ["时钟偏差", "Clock offset"],
        description: [`各节点时钟与时间源的偏差。虚线为 ${formatTarget("clockOffset")}（HostClockSkew）。`,
          `Offset of each node's clock from its time source. The dashed line is ${formatTarget("clockOffset")} (HostClockSkew).`],
        unit: "s", min: null, threshold: target("clockOffset"),
        targets: [[`node_timex_offset_seconds{${scope()}}`, "{{instance}}"]],
      }),
    ],
  };
}
