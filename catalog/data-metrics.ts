// The metrics of the data tier (issue 13): postgres_exporter 0.11.1 built-ins and our query file,
// redis_exporter 1.45, blackbox_exporter 0.23, and the backup jobs' node_exporter textfile.
// Only what a rule or a panel reads is declared (the closed metric list).
import { postgresQueryMetrics } from "./postgres-queries.ts";
import type { MetricDef, MetricType, MetricUnit } from "./types.ts";
import type { DataMetricSource } from "./data-types.ts";

function m(source: DataMetricSource, type: MetricType, name: string, unit: MetricUnit, labels: string[], help: string): MetricDef {
  return { name, type, unit, labels, source, help };
}

function postgresMetrics(): MetricDef[] {
  const p = (type: MetricType, name: string, unit: MetricUnit, labels: string[], help: string) => m("postgres_exporter", type, name, unit, labels, help);
  const db = ["datname", "server"];
  return [
    p("gauge", "pg_up", "none", [], "1 when postgres_exporter could connect to PostgreSQL."),
    p("gauge", "pg_settings_max_connections", "short", ["server"], "max_connections of the server."),
    p("gauge", "pg_stat_database_numbackends", "short", db, "Backends connected to each database."),
    p("gauge", "pg_stat_activity_count", "short", [...db, "state"], "Sessions per database and state."),
    p("gauge", "pg_stat_activity_max_tx_duration", "s", [...db, "state"], "Age of the oldest transaction per database and state."),
    p("counter", "pg_stat_database_deadlocks", "short", db, "Deadlocks detected in each database."),
    p("counter", "pg_stat_database_blks_hit", "short", db, "Blocks found in shared buffers."),
    p("counter", "pg_stat_database_blks_read", "short", db, "Blocks read from disk (or the OS cache)."),
    p("counter", "pg_stat_database_xact_commit", "short", db, "Transactions committed."),
    p("counter", "pg_stat_database_xact_rollback", "short", db, "Transactions rolled back."),
    p("gauge", "pg_database_size_bytes", "bytes", db, "Disk space used by each database."),
    p("counter", "pg_stat_archiver_failed_count", "short", ["server"], "Failed attempts to archive a WAL segment."),
    p("counter", "pg_stat_archiver_archived_count", "short", ["server"], "WAL segments archived."),
    p("gauge", "pg_stat_archiver_last_archive_age", "s", ["server"], "Time since the last WAL segment was archived."),
    ...postgresQueryMetrics().map((q) => p(q.type, q.name, q.unit as MetricUnit, [...q.labels, "server"], q.help)),
  ];
}

function redisMetrics(): MetricDef[] {
  const r = (type: MetricType, name: string, unit: MetricUnit, help: string) => m("redis_exporter", type, name, unit, [], help);
  return [
    r("gauge", "redis_up", "none", "1 when redis_exporter could reach Redis."),
    r("gauge", "redis_memory_used_bytes", "bytes", "Memory Redis uses for data."),
    r("gauge", "redis_memory_max_bytes", "bytes", "maxmemory (0: no limit)."),
    r("counter", "redis_evicted_keys_total", "short", "Keys evicted because of maxmemory."),
    r("counter", "redis_keyspace_hits_total", "short", "Lookups that found their key."),
    r("counter", "redis_keyspace_misses_total", "short", "Lookups that did not find their key."),
    r("counter", "redis_rejected_connections_total", "short", "Connections refused because of maxclients."),
    r("gauge", "redis_connected_clients", "short", "Clients connected."),
    r("gauge", "redis_config_maxclients", "short", "maxclients."),
    r("gauge", "redis_rdb_last_save_timestamp_seconds", "dateTimeAsIso", "Unix time of the last successful RDB save."),
    r("gauge", "redis_rdb_last_bgsave_status", "none", "1 when the last background RDB save succeeded."),
    r("counter", "redis_commands_processed_total", "short", "Commands processed."),
  ];
}

function blackboxMetrics(): MetricDef[] {
  const b = (type: MetricType, name: string, unit: MetricUnit, help: string) => m("blackbox_exporter", type, name, unit, [], help);
  return [
    b("gauge", "probe_success", "none", "1 when the probe succeeded."),
    b("gauge", "probe_duration_seconds", "s", "How long the probe took."),
    b("gauge", "probe_ssl_earliest_cert_expiry", "dateTimeAsIso", "Unix time the first certificate of the chain expires."),
    b("gauge", "probe_http_status_code", "none", "HTTP status of the probe's answer."),
  ];
}

function backupJobMetrics(): MetricDef[] {
  const j = (name: string, unit: MetricUnit, help: string) => m("backup_jobs", "gauge", name, unit, ["backup"], help);
  return [
    j("xinliya_pg_backup_size_bytes", "bytes", "Size of the latest successful dump."),
    j("xinliya_pg_backup_duration_seconds", "s", "Duration of the latest backup run."),
    j("xinliya_restore_drill_last_run_success", "none", "1 when the latest restore drill restored and its row counts matched."),
    j("xinliya_restore_drill_last_success_timestamp_seconds", "dateTimeAsIso", "Unix time of the last successful restore drill."),
    j("xinliya_restore_drill_duration_seconds", "s", "Restore time (RTO) of the latest drill: pg_restore plus the check."),
    j("xinliya_restore_drill_data_match", "none", "1 when the restored row counts equal the source's."),
  ];
}

export function dataMetrics(): MetricDef[] {
  return [...postgresMetrics(), ...redisMetrics(), ...blackboxMetrics(), ...backupJobMetrics()];
}
