// PostgreSQL (ops guide 4.3 数据库问题: connection pool, lock waits, slow queries, maintenance;
// 3.3 hit rates): postgres_exporter 0.11.1 built-ins and our query file (catalog/postgres-queries.ts).
// Anchored on postgres_mixin; its slow-query alert takes rate() of a gauge, ours reads the
// pg_stat_statements counters through rate().
import { duration } from "../catalog/duration.ts";
import { rateWindow } from "../catalog/targets.ts";
import { formatTarget, target } from "../catalog/thresholds.ts";
import { databaseTests } from "./cases/database.ts";
import { dataAlert, dataJob } from "./data-common.ts";
import type { AlertDef, RecordDef, RuleContext, RuleGroupDef } from "./types.ts";

export function databaseRecordNames() {
  const w = rateWindow();
  return {
    connections: "instance:pg_connections:ratio",
    statementMean: `queryid:pg_stat_statements_seconds:mean_rate${w}`,
    statementCalls: `queryid:pg_stat_statements_calls:rate${w}`,
    cacheHit: `datname:pg_stat_database_blks_hit:ratio_rate${w}`,
    blockReads: `datname:pg_stat_database_blks:rate${w}`,
  };
}

function records(): RecordDef[] {
  const j = dataJob("postgres");
  const w = rateWindow();
  const n = databaseRecordNames();
  const stmt = "job, instance, datname, queryid";
  const db = "job, instance, datname";
  return [
    {
      kind: "record", record: n.connections,
      expr: `sum by (job, instance) (pg_stat_database_numbackends{${j}}) / on (job, instance) max by (job, instance) (pg_settings_max_connections{${j}})`,
    },
    { kind: "record", record: n.statementCalls, expr: `sum by (${stmt}) (rate(pg_stat_statements_calls_total{${j}}[${w}]))` },
    {
      kind: "record", record: n.statementMean,
      expr: `sum by (${stmt}) (rate(pg_stat_statements_seconds_total{${j}}[${w}])) / ${n.statementCalls}`,
    },
    {
      kind: "record", record: n.blockReads,
      expr: `sum by (${db}) (rate(pg_stat_database_blks_hit{${j}}[${w}])) + sum by (${db}) (rate(pg_stat_database_blks_read{${j}}[${w}]))`,
    },
    { kind: "record", record: n.cacheHit, expr: `sum by (${db}) (rate(pg_stat_database_blks_hit{${j}}[${w}])) / ${n.blockReads}` },
  ];
}

function alerts(): AlertDef[] {
  const j = dataJob("postgres");
  const n = databaseRecordNames();
  const w = rateWindow();
  const byDb = "job, instance, datname";
  return [
    dataAlert("PostgresDown", "P0", `pg_up{${j}} == 0`, ["PostgreSQL 不可用", "PostgreSQL is down"],
      (t) => `postgres_exporter（${t.label("instance")}）连不上 PostgreSQL：后端的所有对话都无法读写数据。`,
      (t) => `postgres_exporter (${t.label("instance")}) cannot connect to PostgreSQL: no conversation of the backend can read or write data.`, "pgUp",
      undefined, "pg_up is the state of the server, not a count of events"),
    dataAlert("PostgresConnectionsHigh", "P1", `${n.connections} > ${target("dbConnectionsShare")}`, ["PostgreSQL 连接数接近上限", "PostgreSQL connections near the limit"],
      (t) => `${t.label("instance")} 已用 max_connections 的 ${t.value("percent")}，超过 ${formatTarget("dbConnectionsShare")}：连接池可能泄漏，新请求即将被拒绝。`,
      (t) => `${t.label("instance")} uses ${t.value("percent")} of max_connections, above ${formatTarget("dbConnectionsShare")}: the pool may leak, and new requests will soon be refused.`, "pgConnections"),
    dataAlert("PostgresLongTransaction", "P2", `max by (${byDb}) (pg_stat_activity_max_tx_duration{${j}, state="active"}) > ${target("dbLongTransaction")}`,
      ["PostgreSQL 存在长事务", "A long-running PostgreSQL transaction"],
      (t) => `数据库 ${t.label("datname")} 有一个事务已运行 ${t.value("duration")}，超过 ${formatTarget("dbLongTransaction")}：它持有的锁与快照会阻塞其他会话和 VACUUM。`,
      (t) => `A transaction in database ${t.label("datname")} has run for ${t.value("duration")}, more than ${formatTarget("dbLongTransaction")}: its locks and snapshot block other sessions and VACUUM.`, "pgTransactions"),
    dataAlert("PostgresIdleInTransaction", "P2", `max by (${byDb}) (pg_stat_activity_max_tx_duration{${j}, state="idle in transaction"}) > ${target("dbIdleInTransaction")}`,
      ["PostgreSQL 会话在事务中空闲", "A PostgreSQL session idles inside a transaction"],
      (t) => `数据库 ${t.label("datname")} 有会话在事务中空闲了 ${t.value("duration")}，超过 ${formatTarget("dbIdleInTransaction")}：应用可能忘了提交或回滚。`,
      (t) => `A session of database ${t.label("datname")} has been idle in a transaction for ${t.value("duration")}, more than ${formatTarget("dbIdleInTransaction")}: the application may have forgotten to commit or roll back.`, "pgTransactions"),
    dataAlert("PostgresLockWaits", "P1", `max by (${byDb}) (pg_lock_waits_sessions{${j}}) > ${target("dbLockWaitSessions")}`,
      ["PostgreSQL 会话在等待锁", "PostgreSQL sessions wait for locks"],
      (t) => `数据库 ${t.label("datname")} 有 ${t.value("number")} 个会话持续等待锁：某个事务持有冲突的锁（如 ACCESS EXCLUSIVE），用户请求被阻塞。`,
      (t) => `${t.value("number")} sessions of database ${t.label("datname")} keep waiting for a lock: a transaction holds a conflicting one (such as ACCESS EXCLUSIVE) and user requests are blocked.`, "pgLocks"),
    dataAlert("PostgresDeadlocks", "P2", `sum by (${byDb}) (increase(pg_stat_database_deadlocks{${j}}[${w}])) > 0`,
      ["PostgreSQL 发生死锁", "PostgreSQL deadlocks"],
      (t) => `数据库 ${t.label("datname")} 最近 ${w} 发生了 ${t.value("number")} 次死锁，相关事务已被回滚。`,
      (t) => `Database ${t.label("datname")} had ${t.value("number")} deadlocks over the last ${w}; the transactions involved were rolled back.`, "pgLocks"),
    dataAlert("PostgresSlowQueries", "P2",
      `${n.statementMean} > ${target("dbSlowQueryMean")} and on (job, instance, datname, queryid) ${n.statementCalls} > ${target("pageMinRate")}`,
      ["PostgreSQL 出现慢查询", "Slow PostgreSQL statements"],
      (t) => `数据库 ${t.label("datname")} 的语句 queryid ${t.label("queryid")} 最近 ${w} 平均耗时 ${t.value("duration")}，超过 ${formatTarget("dbSlowQueryMean")}。`,
      (t) => `Statement queryid ${t.label("queryid")} of database ${t.label("datname")} took ${t.value("duration")} on average over the last ${w}, more than ${formatTarget("dbSlowQueryMean")}.`, "pgSlowQueries"),
    dataAlert("PostgresCacheHitRatioLow", "P3", `${n.cacheHit} < ${target("dbCacheHitRatio")} and on (${byDb}) ${n.blockReads} > ${target("dbMinBlockReads")}`,
      ["PostgreSQL 缓冲区命中率偏低", "PostgreSQL buffer cache hit ratio is low"],
      (t) => `数据库 ${t.label("datname")} 最近 ${w} 的共享缓冲区命中率为 ${t.value("percent")}，低于 ${formatTarget("dbCacheHitRatio")}：内存不足或出现了全表扫描。`,
      (t) => `The shared-buffer hit ratio of database ${t.label("datname")} over the last ${w} is ${t.value("percent")}, below ${formatTarget("dbCacheHitRatio")}: too little memory, or sequential scans.`, "pgCacheHit"),
    dataAlert("PostgresXidWraparoundRisk", "P2", `max by (${byDb}) (pg_database_wraparound_used_ratio{${j}}) > ${target("dbXidWraparoundShare")}`,
      ["PostgreSQL 事务号回卷风险", "PostgreSQL transaction-ID wraparound risk"],
      (t) => `数据库 ${t.label("datname")} 已用掉回卷前事务号空间的 ${t.value("percent")}，超过 ${formatTarget("dbXidWraparoundShare")}：需要 VACUUM FREEZE，否则数据库终将拒绝写入。`,
      (t) => `Database ${t.label("datname")} has used ${t.value("percent")} of the transaction-ID space before wraparound, above ${formatTarget("dbXidWraparoundShare")}: it needs VACUUM FREEZE, or it will eventually refuse writes.`, "pgMaintenance"),
    dataAlert("PostgresDeadTuplesHigh", "P3",
      `pg_stat_user_tables_n_dead_tup{${j}} / (pg_stat_user_tables_n_live_tup{${j}} + pg_stat_user_tables_n_dead_tup{${j}}) > ${target("dbDeadTupleShare")} and pg_stat_user_tables_n_dead_tup{${j}} > ${target("dbMinDeadTuples")}`,
      ["PostgreSQL 表死元组过多", "Too many dead tuples in a PostgreSQL table"],
      (t) => `表 ${t.label("schemaname")}.${t.label("relname")}（数据库 ${t.label("datname")}）有 ${t.value("percent")} 的行是死元组，超过 ${formatTarget("dbDeadTupleShare")}：autovacuum 跟不上。`,
      (t) => `${t.value("percent")} of the rows of table ${t.label("schemaname")}.${t.label("relname")} (database ${t.label("datname")}) are dead tuples, above ${formatTarget("dbDeadTupleShare")}: autovacuum cannot keep up.`, "pgMaintenance"),
    dataAlert("PostgresWalArchiveFailing", "P1", `increase(pg_stat_archiver_failed_count{${j}}[${w}]) > 0`,
      ["PostgreSQL WAL 归档失败", "PostgreSQL fails to archive WAL"],
      (t) => `${t.label("instance")} 最近 ${w} 有 ${t.value("number")} 次 WAL 归档失败：时间点恢复的链条断了，pg_wal 目录会持续增长。`,
      (t) => `${t.label("instance")} failed to archive WAL ${t.value("number")} times over the last ${w}: the point-in-time recovery chain is broken and pg_wal keeps growing.`, "pgWalArchive"),
    dataAlert("PostgresWalArchiveStale", "P1",
      `max by (job, instance, server) (pg_stat_archiver_last_archive_age{${j}}) > ${target("backupMaxAgeContinuous")}` +
        ` and on (job, instance, server) sum by (job, instance, server) (increase(pg_stat_wal_bytes_total{${j}}[${walWindow()}])) > 0`,
      ["PostgreSQL WAL 归档停滞", "PostgreSQL has stopped archiving WAL"],
      (t) => `${t.label("instance")} 最近一次 WAL 归档已是 ${t.value("duration")} 之前，超过 ${formatTarget("backupMaxAgeContinuous")}，而这段时间仍在写 WAL：归档卡住了（archive_command 挂起或没有执行），时间点恢复的缺口在扩大。`,
      (t) => `${t.label("instance")} last archived a WAL segment ${t.value("duration")} ago, more than ${formatTarget("backupMaxAgeContinuous")}, while WAL is still being written: archiving is stuck (archive_command hangs or never runs) and the point-in-time recovery gap grows.`, "pgWalArchive"),
    dataAlert("PostgresVacuumTooOld", "P3",
      `pg_stat_user_tables_vacuum_age_seconds{${j}} > ${target("dbVacuumMaxAge")} and on (job, instance, datname, schemaname, relname) pg_stat_user_tables_n_dead_tup{${j}} > ${target("dbMinDeadTuples")}`,
      ["PostgreSQL 表长期没有 VACUUM", "A PostgreSQL table has not been vacuumed for long"],
      (t) => `表 ${t.label("schemaname")}.${t.label("relname")}（数据库 ${t.label("datname")}）已有 ${t.value("duration")} 没有 (auto)vacuum，超过 ${formatTarget("dbVacuumMaxAge")}，而死元组超过 ${formatTarget("dbMinDeadTuples")}：autovacuum 对这张表停了。`,
      (t) => `Table ${t.label("schemaname")}.${t.label("relname")} (database ${t.label("datname")}) has not been (auto)vacuumed for ${t.value("duration")}, more than ${formatTarget("dbVacuumMaxAge")}, with more than ${formatTarget("dbMinDeadTuples")} dead tuples: autovacuum has stopped for it.`, "pgVacuum"),
  ];
}

/** WAL written over the archive's maximum age: with archive_timeout below it, it must have been archived. */
export function walWindow(): string {
  return duration(Math.round(target("backupMaxAgeContinuous")));
}

export function databaseRules(ctx: RuleContext): RuleGroupDef {
  return { domain: "database", group: "xinliya.database", rules: [...records(), ...alerts()], tests: databaseTests(ctx) };
}
