// Panels of PostgreSQL on the data dashboard: what alerts/database.ts compares, with its thresholds.
import { databaseRecordNames } from "../../alerts/database.ts";
import { formatTarget, target } from "../../catalog/thresholds.ts";
import { scope } from "../common.ts";
import type { DashboardContext, PanelDef } from "../types.ts";
import { dataTimeseries } from "./data-common.ts";

export function postgresPanels(ctx: DashboardContext): PanelDef[] {
  const s = scope();
  const n = databaseRecordNames();
  const r = "$__rate_interval";
  return [
    dataTimeseries(ctx, {
      key: "pgUp", title: ["PostgreSQL 可用性", "PostgreSQL up"], unit: "none", min: 0, max: 1, span: 8,
      description: ["pg_up：1 为 postgres_exporter 能连上 PostgreSQL，0 触发 PostgresDown（P0）。", "pg_up: 1 when postgres_exporter reaches PostgreSQL; 0 fires PostgresDown (P0)."],
      targets: [[`pg_up{${s}}`, "{{instance}}"]],
    }),
    dataTimeseries(ctx, {
      key: "pgConnections", title: ["连接数占 max_connections", "Connections against max_connections"], unit: "percentunit", min: 0, max: 1, span: 8,
      threshold: target("dbConnectionsShare"),
      description: [`所有数据库的连接数除以 max_connections。虚线为 ${formatTarget("dbConnectionsShare")}，持续高于它触发 PostgresConnectionsHigh。`, `Connections of every database over max_connections. The dashed line is ${formatTarget("dbConnectionsShare")}; staying above it fires PostgresConnectionsHigh.`],
      targets: [[`${n.connections}{${s}}`, "{{instance}}"]],
    }),
    dataTimeseries(ctx, {
      key: "pgSessions", title: ["会话状态", "Sessions by state"], unit: "short", min: 0, span: 8,
      description: ["每个数据库各状态的会话数（active、idle、idle in transaction）。", "Sessions per database and state (active, idle, idle in transaction)."],
      targets: [[`sum by (datname, state) (pg_stat_activity_count{${s}})`, "{{datname}} {{state}}"], [`sum by (datname) (pg_stat_database_numbackends{${s}})`, "{{datname}} backends"],
        [`max by (instance) (pg_settings_max_connections{${s}})`, "{{instance}} max_connections"]],
    }),
    dataTimeseries(ctx, {
      key: "pgTransactions", title: ["最老事务的年龄", "Age of the oldest transaction"], unit: "s", min: 0,
      threshold: target("dbLongTransaction"),
      description: [`各状态下最老事务已运行的时间。虚线为 ${formatTarget("dbLongTransaction")}：active 超过它触发 PostgresLongTransaction，idle in transaction 触发 PostgresIdleInTransaction。`, `How long the oldest transaction of each state has run. The dashed line is ${formatTarget("dbLongTransaction")}: active above it fires PostgresLongTransaction, idle in transaction PostgresIdleInTransaction.`],
      targets: [[`max by (datname, state) (pg_stat_activity_max_tx_duration{${s}})`, "{{datname}} {{state}}"]],
    }),
    dataTimeseries(ctx, {
      key: "pgTransactionRate", title: ["事务速率", "Transactions per second"], unit: "ops", min: 0,
      description: ["每秒提交与回滚的事务数。", "Transactions committed and rolled back per second."],
      targets: [[`sum by (datname) (rate(pg_stat_database_xact_commit{${s}}[${r}]))`, "{{datname}} commit"], [`sum by (datname) (rate(pg_stat_database_xact_rollback{${s}}[${r}]))`, "{{datname}} rollback"]],
    }),
    dataTimeseries(ctx, {
      key: "pgLocks", title: ["锁等待与死锁", "Lock waits and deadlocks"], unit: "short", min: 0,
      description: ["等待锁的会话数（PostgresLockWaits）、最长等待语句已运行的秒数，以及每秒死锁数（PostgresDeadlocks）。", "Sessions waiting for a lock (PostgresLockWaits), how long the longest-waiting statement has run in seconds, and deadlocks per second (PostgresDeadlocks)."],
      targets: [[`max by (datname) (pg_lock_waits_sessions{${s}})`, "{{datname}} waiting"], [`max by (datname) (pg_lock_waits_max_seconds{${s}})`, "{{datname}} longest wait (s)"],
        [`sum by (datname) (rate(pg_stat_database_deadlocks{${s}}[${r}]))`, "{{datname}} deadlocks/s"]],
    }),
    dataTimeseries(ctx, {
      key: "pgSlowQueries", title: ["语句平均耗时（pg_stat_statements）", "Mean statement time (pg_stat_statements)"], unit: "s", min: 0,
      threshold: target("dbSlowQueryMean"),
      description: [`最耗时的语句（按 queryid，不显示文本）每次调用的平均耗时。虚线为 ${formatTarget("dbSlowQueryMean")}，在调用频率高于下限时持续超过它触发 PostgresSlowQueries。`, `Mean time per call of the most expensive statements (by queryid, never the text). The dashed line is ${formatTarget("dbSlowQueryMean")}; staying above it with calls above the floor fires PostgresSlowQueries.`],
      targets: [[`topk(10, ${n.statementMean}{${s}})`, "{{datname}} {{queryid}}"], [`topk(10, ${n.statementCalls}{${s}})`, "{{datname}} {{queryid}} calls/s"]],
    }),
    dataTimeseries(ctx, {
      key: "pgStatements", title: ["语句调用与返回行数", "Statement calls and rows"], unit: "ops", min: 0,
      description: ["最耗时语句每秒的调用次数、执行耗时（秒/秒）与返回（或影响）的行数。", "Calls, execution time (seconds per second) and rows returned (or affected) per second of the most expensive statements."],
      targets: [[`topk(10, sum by (datname, queryid) (rate(pg_stat_statements_calls_total{${s}}[${r}])))`, "{{datname}} {{queryid}} calls"],
        [`topk(10, sum by (datname, queryid) (rate(pg_stat_statements_seconds_total{${s}}[${r}])))`, "{{datname}} {{queryid}} seconds/s"], [`topk(10, sum by (datname, queryid) (rate(pg_stat_statements_rows_total{${s}}[${r}])))`, "{{datname}} {{queryid}} rows"]],
    }),
    dataTimeseries(ctx, {
      key: "pgCacheHit", title: ["缓冲区命中率", "Buffer cache hit ratio"], unit: "percentunit", min: 0, max: 1,
      threshold: target("dbCacheHitRatio"), redBelow: true,
      description: [`共享缓冲区命中的块占所有读块的比例（运维指南 3.3）。虚线为 ${formatTarget("dbCacheHitRatio")}，读块高于下限时持续低于它触发 PostgresCacheHitRatioLow。`, `Share of block reads served from shared buffers (ops guide 3.3). The dashed line is ${formatTarget("dbCacheHitRatio")}; staying below it with reads above the floor fires PostgresCacheHitRatioLow.`],
      targets: [[`${n.cacheHit}{${s}}`, "{{datname}}"]],
    }),
    dataTimeseries(ctx, {
      key: "pgBlocks", title: ["读块速率", "Block reads"], unit: "ops", min: 0,
      description: [`每秒从共享缓冲区命中与从磁盘读取的块；两者之和低于每秒 ${target("dbMinBlockReads")} 时命中率不告警。`, `Blocks per second served from shared buffers and read from disk; with fewer than ${target("dbMinBlockReads")} per second in all, the hit ratio does not alert.`],
      targets: [[`${n.blockReads}{${s}}`, "{{datname}} all"], [`sum by (datname) (rate(pg_stat_database_blks_hit{${s}}[${r}]))`, "{{datname}} hit"],
        [`sum by (datname) (rate(pg_stat_database_blks_read{${s}}[${r}]))`, "{{datname}} read"]],
    }),
    dataTimeseries(ctx, {
      key: "pgMaintenance", title: ["维护：事务号回卷与死元组", "Maintenance: wraparound and dead tuples"], unit: "percentunit", min: 0, max: 1,
      threshold: [target("dbDeadTupleShare"), target("dbXidWraparoundShare")],
      description: [`事务号空间用掉的比例（PostgresXidWraparoundRisk，${formatTarget("dbXidWraparoundShare")}）与各表的死元组占比（PostgresDeadTuplesHigh，${formatTarget("dbDeadTupleShare")}）。`, `Share of the transaction-ID space used (PostgresXidWraparoundRisk, ${formatTarget("dbXidWraparoundShare")}) and each table's dead-tuple share (PostgresDeadTuplesHigh, ${formatTarget("dbDeadTupleShare")}).`],
      targets: [[`max by (datname) (pg_database_wraparound_used_ratio{${s}})`, "{{datname}} xid"],
        [`pg_stat_user_tables_n_dead_tup{${s}} / (pg_stat_user_tables_n_live_tup{${s}} + pg_stat_user_tables_n_dead_tup{${s}})`, "{{relname}} dead"]],
    }),
    dataTimeseries(ctx, {
      key: "pgVacuum", title: ["距上次 VACUUM 与事务号年龄", "Time since VACUUM and XID age"], unit: "s", min: 0, threshold: target("dbVacuumMaxAge"),
      description: [`每张表距上次 (auto)vacuum 的时间：超过 ${formatTarget("dbVacuumMaxAge")} 且死元组超过 ${formatTarget("dbMinDeadTuples")} 触发 PostgresVacuumTooOld；另有各库 age(datfrozenxid)（事务数，图例标明）。`, `Time since each table's last (auto)vacuum: above ${formatTarget("dbVacuumMaxAge")} with more than ${formatTarget("dbMinDeadTuples")} dead tuples fires PostgresVacuumTooOld; and each database's age(datfrozenxid) (a count of transactions, named in the legend).`],
      targets: [[`max by (relname) (pg_stat_user_tables_vacuum_age_seconds{${s}})`, "{{relname}}"], [`max by (datname) (pg_database_wraparound_xid_age{${s}})`, "{{datname}} xid age (transactions)"]],
    }),
    dataTimeseries(ctx, {
      key: "pgWalArchive", title: ["WAL 归档", "WAL archiving"], unit: "short", min: 0,
      description: [`每秒归档与归档失败的 WAL 段（失败触发 PostgresWalArchiveFailing），距最近一次归档的秒数（超过 ${formatTarget("backupMaxAgeContinuous")} 且仍在写 WAL 触发 PostgresWalArchiveStale），以及每秒写入的 WAL 字节数。`, `WAL segments archived and failed per second (a failure fires PostgresWalArchiveFailing), seconds since the last archived one (above ${formatTarget("backupMaxAgeContinuous")} while WAL is written fires PostgresWalArchiveStale), and WAL bytes written per second.`],
      targets: [[`rate(pg_stat_archiver_archived_count{${s}}[${r}])`, "{{instance}} archived/s"], [`rate(pg_stat_archiver_failed_count{${s}}[${r}])`, "{{instance}} failed/s"],
        [`pg_stat_archiver_last_archive_age{${s}}`, "{{instance}} last archive age (s)"], [`rate(pg_stat_wal_bytes_total{${s}}[${r}])`, "{{instance}} WAL bytes/s"]],
    }),
    dataTimeseries(ctx, {
      key: "pgSize", title: ["数据库大小", "Database size"], unit: "bytes", min: 0,
      description: ["每个数据库占用的磁盘空间；增长趋势见容量规划仪表盘。", "Disk space of each database; its growth is on the capacity dashboard."],
      targets: [[`pg_database_size_bytes{${s}}`, "{{datname}}"]],
    }),
  ];
}
