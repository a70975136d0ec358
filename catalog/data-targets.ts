// The data tier's numbers and places (issue 13), written once: job names, scrape and probe
// targets per environment, thresholds with their reasons, and every `for`. catalog/targets.ts
// merges the thresholds and the `for`s into its own, so target(), formatTarget() and the rule
// lint see them like any other catalog value.
import type { DataTargets } from "./data-types.ts";
import type { Duration, EnvironmentName } from "./types.ts";
import type { Target } from "./targets.ts";

/** The data tier of an environment: its own `data`, or this file's for its name. */
export function dataTargetsOf(env: { name: EnvironmentName; data?: DataTargets }): DataTargets {
  return env.data ?? dataTargetsByEnvironment()[env.name];
}

/** Scrape job names of the data tier. The two probe jobs differ by blackbox module only. */
export function dataJobs() {
  return {
    postgres: "postgres",
    redis: "redis",
    probe: "blackbox-https",
    probeNoVerify: "blackbox-https-noverify",
  } as const;
}

export type DataJobKey = keyof ReturnType<typeof dataJobs>;

/**
 * The data tier's jobs that an environment scrapes: every one of dataJobs(), or none when the
 * environment declares no data tier (`dataTier: false`, the scale-out stacks). prometheus.yml
 * (scripts/render/data-tier.ts) and the absence alerts (alerts/absence.ts) both read this.
 */
export function dataJobsOf(env: { dataTier?: boolean }): Partial<Record<DataJobKey, string>> {
  return env.dataTier === false ? {} : { ...dataJobs() };
}

/** blackbox_exporter modules: strict (with our CA) and one that skips verification. */
export function probeModules() {
  return { strict: "https_2xx", noVerify: "https_2xx_noverify" } as const;
}

export function dataTargetsByEnvironment(): Record<EnvironmentName, DataTargets> {
  return {
    local: {
      postgresExporter: ["127.0.0.1:9187"], redisExporter: ["127.0.0.1:9121"], blackboxExporter: "127.0.0.1:9115",
      probeUrls: ["https://127.0.0.1:8443/healthz"], probeCaFile: "tls/ca.pem", databaseMountpoint: "/",
    },
    staging: {
      postgresExporter: ["staging-db-1:9187"], redisExporter: ["staging-cache-1:9121"], blackboxExporter: "staging-probe-1:9115",
      probeUrls: ["https://api.staging.xinliya.example/healthz"], probeCaFile: "/etc/prometheus-blackbox-exporter/xinliya-ca.pem", databaseMountpoint: "/var/lib/postgresql",
    },
    production: {
      postgresExporter: ["db-1:9187"], redisExporter: ["cache-1:9121"], blackboxExporter: "probe-1:9115",
      probeUrls: ["https://api.xinliya.example/healthz"], probeCaFile: "/etc/prometheus-blackbox-exporter/xinliya-ca.pem", databaseMountpoint: "/var/lib/postgresql",
    },
  };
}

export type DataTargetName =
  | "dbConnectionsShare" | "dbLongTransaction" | "dbIdleInTransaction" | "dbLockWaitSessions"
  | "dbSlowQueryMean" | "dbCacheHitRatio" | "dbMinBlockReads" | "dbXidWraparoundShare"
  | "dbDeadTupleShare" | "dbMinDeadTuples" | "dbVacuumMaxAge"
  | "cacheMemoryShare" | "cacheEvictionRate" | "cacheHitRate" | "cacheMinLookups" | "cacheClientsShare"
  | "certExpiryWarn" | "certExpiryPage"
  | "restoreDrillMaxAge" | "restoreDrillRto" | "backupSizeDropShare";

export function dataTargets(): Record<DataTargetName, Target> {
  return {
    dbConnectionsShare: { value: 0.8, range: [0.5, 0.95], unit: "ratio", source: "运维指南 4.3 数据库问题：连接池。连接数达 max_connections 的 80% 即告警，留出扩容与排查的余量（postgres_mixin 同值）" },
    dbLongTransaction: { value: 300, range: [30, 3600], unit: "seconds", source: "运维指南 4.3：长事务持有锁并阻止 VACUUM；对话请求应在 2 秒内完成，5 分钟的事务必有异常" },
    dbIdleInTransaction: { value: 300, range: [30, 3600], unit: "seconds", source: "运维指南 4.3：事务中空闲的会话占着连接与锁，通常是应用忘了提交或回滚" },
    dbLockWaitSessions: { value: 0, range: [0, 100], unit: "count", source: "运维指南 4.3 锁等待：任何会话持续等待锁超过 for 即告警" },
    dbSlowQueryMean: { value: 1, range: [0.05, 30], unit: "seconds", source: "运维指南 2.1：API 响应 < 2 秒；单条语句平均耗时超过 1 秒会吃掉一半预算" },
    dbCacheHitRatio: { value: 0.95, range: [0.5, 0.9999], unit: "ratio", source: "运维指南 3.3 缓存命中率：PostgreSQL 共享缓冲区命中率低于 95% 说明内存不足或出现全表扫描" },
    dbMinBlockReads: { value: 10, range: [0, 100000], unit: "perSecond", source: "流量下限：每秒读块少于 10 次时命中率没有意义（夜间、空闲库）" },
    dbXidWraparoundShare: { value: 0.5, range: [0.1, 0.9], unit: "ratio", source: "PostgreSQL 手册 25.1.5：事务号回卷距离用掉一半（约 10 亿）时仍有充裕时间安排 VACUUM FREEZE" },
    dbDeadTupleShare: { value: 0.2, range: [0.05, 0.9], unit: "ratio", source: "运维指南 4.3 数据库维护：死元组超过 20%（autovacuum 默认 scale factor）说明清理跟不上" },
    dbMinDeadTuples: { value: 10000, range: [0, 10000000], unit: "count", source: "下限：小表的死元组占比波动大，少于 1 万行不告警" },
    dbVacuumMaxAge: { value: 864000, range: [86400, 2592000], unit: "seconds", source: "运维指南 4.3 数据库维护：一张有死元组（超过下限）的表 10 天没有 (auto)vacuum，说明 autovacuum 对它停了（被长事务挡住、被关掉或工作进程不够）；postgres_mixin 与社区告警同取 10 天" },
    cacheMemoryShare: { value: 0.9, range: [0.5, 0.99], unit: "ratio", source: "运维指南 2.1 内存 85% 的缓存版：Redis 用到 maxmemory 的 90% 即将开始淘汰" },
    cacheEvictionRate: { value: 1, range: [0, 10000], unit: "perSecond", source: "缓存淘汰持续每秒超过 1 个键：容量不足，命中率随之下降" },
    cacheHitRate: { value: 0.8, range: [0.3, 0.999], unit: "ratio", source: "运维指南 3.3 缓存命中率监控：会话与智能体配置缓存的命中率目标 80%" },
    cacheMinLookups: { value: 1, range: [0, 1000], unit: "perSecond", source: "流量下限：每秒查询少于 1 次时命中率不告警（夜间）" },
    cacheClientsShare: { value: 0.8, range: [0.5, 0.99], unit: "ratio", source: "连接数达 maxclients 的 80% 即告警，超过后新连接被拒绝" },
    certExpiryWarn: { value: 2592000, range: [604800, 7776000], unit: "seconds", source: "运维指南 6.1 传输加密：证书 30 天内到期提醒（P2）" },
    certExpiryPage: { value: 604800, range: [86400, 2592000], unit: "seconds", source: "运维指南 6.1：证书 7 天内到期，必须立即续期（P1）" },
    restoreDrillMaxAge: { value: 2764800, range: [86400, 7776000], unit: "seconds", source: "运维指南 6.3：每月一次恢复演练；32 天（一个月加一天余量）没有成功的演练即告警" },
    restoreDrillRto: { value: 3600, range: [60, 86400], unit: "seconds", source: "恢复时间目标 RTO 1 小时：P0（数据丢失或损坏）须 15 分钟响应，恢复本身须在 1 小时内完成，可用性 99.9% 的月度预算约 43 分钟" },
    backupSizeDropShare: { value: 0.5, range: [0.1, 0.9], unit: "ratio", source: "备份体积骤降：小于过去 7 天最大值的 50% 视为异常（空的转储不是备份）" },
  };
}

export function dataForDurations(): Record<string, Duration> {
  return {
    // The database down stops every conversation: short, like BackendUnavailable.
    PostgresDown: "1m",
    PostgresConnectionsHigh: "5m",
    PostgresLongTransaction: "2m",
    PostgresIdleInTransaction: "2m",
    // A lock wait of a few seconds is normal; one that lasts blocks users.
    PostgresLockWaits: "2m",
    PostgresDeadlocks: "1m",
    PostgresSlowQueries: "5m",
    PostgresCacheHitRatioLow: "15m",
    PostgresXidWraparoundRisk: "15m",
    PostgresDeadTuplesHigh: "30m",
    PostgresWalArchiveFailing: "5m",
    // An idle hour followed by a write archives within archive_timeout: the `for` rides that out.
    PostgresWalArchiveStale: "10m",
    PostgresVacuumTooOld: "1h",
    RedisDown: "1m",
    RedisMemoryHigh: "5m",
    RedisEvictionsHigh: "5m",
    RedisCacheHitRateLow: "10m",
    RedisRejectedConnections: "1m",
    RedisRdbSaveFailing: "5m",
    RedisRdbSaveStale: "15m",
    RedisClientsHigh: "5m",
    DataExporterDown: "5m",
    ApiProbeFailed: "2m",
    // The probe-based uptime SLI (alerts/probe-slo.ts): the same `for`s as the request-based burn alerts.
    ApiProbeBudgetBurnFast: "2m",
    ApiProbeBudgetBurnSlow: "15m",
    CertificateExpiringSoon: "15m",
    CertificateExpiresIn7Days: "5m",
    CertificateInvalid: "5m",
    RestoreDrillMissing: "15m",
    RestoreDrillFailed: "1m",
    RestoreDrillSlow: "1m",
    BackupSizeDropped: "1m",
  };
}

/** The window of the backup-size comparison: a week of daily dumps. */
export function backupSizeWindow(): Duration {
  return "7d";
}

/** The backup job whose dump the restore drill restores. */
export function drilledBackup(): string {
  return "postgres_full";
}

/**
 * The backup jobs the local stack runs for real (scripts/stack/backups.ts): they report their own
 * outcome, so the event simulator must not report a success for them (it would hide a real failure).
 */
export function realStackBackupJobs(): string[] {
  return [drilledBackup()];
}
