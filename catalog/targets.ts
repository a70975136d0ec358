// The numbers of the ops guide (../shared/ops-guide.zh.md, sections 1.1, 2.1, 3, 6) and of the
// alerts issue, written once. Ratios are stored as ratios (0.8), not percentages, because that is
// what PromQL compares.
import { type DataTargetName, dataForDurations, dataTargets } from "./data-targets.ts";
import { safetyForDurations } from "./safety.ts";
import type { Duration } from "./types.ts";

export interface Target {
  value: number;
  /** Inclusive range a sane value must fall in; a catalog test enforces it. */
  range: readonly [number, number];
  /** `ratio` is shown as a percentage, `seconds` as a duration, `perSecond` as "n/s", `count` as is. */
  unit: "ratio" | "seconds" | "perSecond" | "count";
  source: string;
}

export type TargetName =
  | "cpuUtilisation"
  | "memoryUtilisation"
  | "diskUtilisation"
  | "diskFillFloor"
  | "diskFillHorizon"
  | "apiLatencyP95"
  | "apiSuccessRate"
  | "backendMinSuccessRate"
  | "pageMinRate"
  | "agentProcessingP95"
  | "availabilitySlo"
  | "llmErrorShare"
  | "agentFallbackShare"
  | "conversationQuality"
  | "lowRatingMax"
  | "lowRatingShare"
  | "backupMaxAge"
  | "authFailureRate"
  | "notificationFailureShare"
  | "agentFailureShare"
  | "safetyAgentFailureShare"
  | "llmMinSuccessShare"
  | "authOutageShare"
  | "inodeUtilisation"
  | "diskFastFillHorizon"
  | "clockOffset"
  | "cpuStealShare"
  | "qualityMinSample"
  | "satisfactionMinSample"
  | "backupMaxAgeContinuous"
  | "backupMaxAgeHourly"
  | DataTargetName;

export function targets(): Record<TargetName, Target> {
  return {
    cpuUtilisation: { value: 0.8, range: [0.5, 0.99], unit: "ratio", source: "运维指南 2.1：CPU 使用率告警阈值 80%" },
    memoryUtilisation: { value: 0.85, range: [0.5, 0.99], unit: "ratio", source: "运维指南 2.1：内存使用率告警阈值 85%" },
    diskUtilisation: { value: 0.9, range: [0.5, 0.99], unit: "ratio", source: "运维指南 2.1：磁盘使用率告警阈值 90%" },
    diskFillFloor: { value: 0.8, range: [0.5, 0.95], unit: "ratio", source: "告警需求：预测写满且已使用 > 80% 才告警" },
    diskFillHorizon: { value: 86400, range: [3600, 604800], unit: "seconds", source: "告警需求：预测 24 小时内写满" },
    apiLatencyP95: { value: 2, range: [0.1, 30], unit: "seconds", source: "运维指南 1.1/2.1：API 响应时间 < 2 秒" },
    apiSuccessRate: { value: 0.995, range: [0.9, 0.99999], unit: "ratio", source: "运维指南 2.1：请求成功率 > 99.5%" },
    backendMinSuccessRate: { value: 0.5, range: [0.1, 0.9], unit: "ratio", source: "告警需求：后端不足一半的请求成功即视为不可用" },
    pageMinRate: { value: 0.05, range: [0, 1], unit: "perSecond", source: "告警需求：不为噪声叫醒任何人。请求或调用少于每秒 0.05 次（5 分钟 15 次）时，失败占比不触发 P0" },
    agentProcessingP95: { value: 5, range: [0.5, 60], unit: "seconds", source: "运维指南 2.1：智能体处理时间 < 5 秒" },
    availabilitySlo: { value: 0.999, range: [0.9, 0.99999], unit: "ratio", source: "运维指南 1.1：99.9% 系统可用时间" },
    llmErrorShare: { value: 0.05, range: [0.005, 0.5], unit: "ratio", source: "告警需求：某 LLM 供应商失败调用占比 > 5%" },
    agentFallbackShare: { value: 0.1, range: [0.01, 0.5], unit: "ratio", source: "告警需求：走备用处理策略的智能体运行占比 > 10%（运维指南 4.3）" },
    conversationQuality: { value: 0.7, range: [0.3, 0.95], unit: "ratio", source: "运维指南 1.1/2.1：对话质量评分（0–1）的目标" },
    lowRatingMax: { value: 2, range: [1, 4], unit: "count", source: "告警需求：评分 ≤ 2（1–5 分制）视为差评" },
    lowRatingShare: { value: 0.2, range: [0.05, 0.6], unit: "ratio", source: "运维指南 2.1：用户满意度反馈，差评占比目标" },
    backupMaxAge: { value: 93600, range: [3600, 604800], unit: "seconds", source: "运维指南 3.1/6.3：每日备份，最近一次成功备份不得早于 26 小时" },
    authFailureRate: { value: 0.5, range: [0.01, 100], unit: "perSecond", source: "运维指南 6.1：登录行为监控，失败登录速率阈值" },
    notificationFailureShare: { value: 0.01, range: [0.001, 0.5], unit: "ratio", source: "运维指南 2.3：AlertManager 告警管理，通知失败占比阈值" },
    // Issue 10: the floor, the near-outage levels, the host set and the per-job backup ages.
    agentFailureShare: { value: 0.1, range: [0.01, 0.5], unit: "ratio", source: "告警需求：智能体运行以 error 或 timeout 结束的占比 > 10%（运维指南 4.3 智能体异常）" },
    safetyAgentFailureShare: { value: 0.05, range: [0.001, 0.5], unit: "ratio", source: "告警需求：危机分诊与安全审查智能体失败占比 > 5% 即 P0（用户安全第一）" },
    llmMinSuccessShare: { value: 0.5, range: [0.05, 0.9], unit: "ratio", source: "告警需求：成功的 LLM 调用不足一半即视为中断（重试偶尔成功不算恢复）" },
    authOutageShare: { value: 0.9, range: [0.5, 0.99], unit: "ratio", source: "告警需求：正常流量下 90% 以上的登录失败即认证服务中断（运维指南 6.1）" },
    inodeUtilisation: { value: 0.9, range: [0.5, 0.99], unit: "ratio", source: "运维指南 2.1：磁盘使用率 90%，同样用于 inode" },
    diskFastFillHorizon: { value: 14400, range: [600, 86400], unit: "seconds", source: "告警需求：按最近 1 小时趋势 4 小时内写满（快速写满档）" },
    clockOffset: { value: 0.05, range: [0.001, 5], unit: "seconds", source: "告警需求：节点时钟偏差 > 50 毫秒（证书、令牌与日志时间依赖准确时钟）" },
    cpuStealShare: { value: 0.1, range: [0.01, 0.5], unit: "ratio", source: "告警需求：虚拟机 CPU 被宿主机挪用（steal）> 10%" },
    qualityMinSample: { value: 20, range: [1, 1000], unit: "count", source: "告警需求：1 小时内至少 20 个评分的对话才判断质量趋势" },
    satisfactionMinSample: { value: 30, range: [1, 1000], unit: "count", source: "告警需求：1 天内至少 30 个用户评分才判断满意度" },
    backupMaxAgeContinuous: { value: 3600, range: [300, 86400], unit: "seconds", source: "运维指南 3.2/6.3：WAL 持续归档，最近一次成功不得早于 1 小时" },
    backupMaxAgeHourly: { value: 10800, range: [3600, 86400], unit: "seconds", source: "运维指南 3.2：每小时的增量备份与快照，最近一次成功不得早于 3 小时" },
    ...dataTargets(),
  };
}

/**
 * Every `for` of every alert, keyed by alert name. An alert without an entry here is a
 * render error, so no `for` is ever written anywhere else. Watchdog alone has none: it fires at
 * once, always.
 */
export function forDurations(): Record<string, Duration> {
  return {
    // A CPU or memory peak of a few minutes is normal for LLM-backed traffic; page only when it lasts.
    HostCpuHigh: "15m",
    HostMemoryHigh: "15m",
    // A full disk breaks writes at once: a short `for` only rides out a scrape blip.
    HostDiskSpaceHigh: "5m",
    // A trend must hold for an hour before it is believed.
    HostDiskWillFillIn24h: "1h",
    TargetDown: "5m",
    // P0: the window of the expression already smooths; a short `for` rides out one bad scrape.
    BackendUnavailable: "2m",
    ApiLatencyHigh: "10m",
    ApiSuccessRateLow: "10m",
    // The multi-window condition already resets fast and ignores blips; `for` only stops flapping.
    ApiErrorBudgetBurnFast: "2m",
    ApiErrorBudgetBurnSlow: "15m",
    AgentProcessingSlow: "10m",
    // Twice the rate window: one failed call on a quiet night cannot hold the condition that long.
    LlmApiErrorsHigh: "10m",
    LlmApiDown: "2m",
    AgentFallbackHigh: "15m",
    ConversationQualityLow: "30m",
    UserSatisfactionLow: "1h",
    BackupMissing: "15m",
    BackupFailed: "5m",
    AuthFailuresHigh: "10m",
    BusinessExporterDown: "5m",
    PrometheusRuleEvaluationFailures: "10m",
    AlertmanagerNotificationsFailing: "10m",
    // Issue 10.
    AgentRunsFailing: "10m",
    SafetyAgentRunsFailing: "2m",
    ExporterRejectingEvents: "5m",
    ExporterReceivesNoEvents: "10m",
    ScrapeJobMissing: "5m",
    KeySeriesMissing: "10m",
    BackupNotReported: "15m",
    AuthLoginsFailing: "5m",
    HostFilesystemReadOnly: "5m",
    HostCollectorFailing: "10m",
    HostInodesHigh: "5m",
    HostDiskWillFillIn4h: "15m",
    HostOomKills: "1m",
    HostClockSkew: "10m",
    HostCpuStealHigh: "15m",
    PrometheusConfigReloadFailed: "10m",
    AlertmanagerConfigReloadFailed: "10m",
    PrometheusAlertmanagerMissing: "5m",
    PrometheusNotificationsDropped: "5m",
    PrometheusRuleGroupsMissed: "10m",
    PrometheusTsdbFailing: "5m",
    PrometheusRetentionTooShort: "1h",
    HistogramBucketMissing: "1h",
    ...dataForDurations(),
    ...safetyForDurations(),
    // Issue 14, LLM economics: a spending pace or a projection must hold before it is believed.
    LlmBudgetBurnHigh: "15m",
    LlmBudgetExhaustedBeforeDayEnd: "30m",
    LlmProviderRateLimited: "10m",
    LlmTimeToFirstTokenSlow: "10m",
  };
}

/** How far back `predict_linear` looks for the fast-fill tier (full within 4 h). */
export function diskFastFillLookback(): Duration {
  return "1h";
}

/** The lookback of the freshest backup report: longer than any backup's maximum age. */
export function backupLookback(): Duration {
  return "2d";
}

/** The rate window of the recording rules: at least four scrape intervals. */
export function rateWindow(): Duration {
  return "5m";
}

/** The quantile of every latency indicator (ops guide targets are read as p95). */
export function latencyQuantile(): number {
  return 0.95;
}

/** How far back `predict_linear` looks to extrapolate a filesystem's free space. */
export function diskFillLookback(): Duration {
  return "6h";
}

/** The window of the mean conversation quality score. */
export function qualityWindow(): Duration {
  return "1h";
}

/** The window of the low-rating share. */
export function satisfactionWindow(): Duration {
  return "1d";
}

/** Filesystem types that are not real disks and must never raise a disk alert. */
export function ignoredFilesystemTypes(): string[] {
  return ["tmpfs", "overlay", "squashfs"];
}

/**
 * The `for` of an alert, or an error that names the alert and where its `for` belongs (instead of
 * a crash inside a duration helper when a test case reads a `for` that was never written).
 */
export function forOf(alert: string): Duration {
  const d = forDurations()[alert];
  if (d === undefined) throw new Error(`alert ${alert} has no \`for\` in catalog/targets.ts forDurations()`);
  return d;
}
