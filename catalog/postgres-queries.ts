// Our own postgres_exporter 0.11.1 query file (`--extend.query-path`), for PostgreSQL 15, as data.
// 0.11.1 has no collector for statements, user tables, lock waits or wraparound; Debian's example
// queries.yaml is broken on 15 (`total_time` became `total_exec_time`, and a metric that duplicates
// a built-in one fails the whole scrape). Every name below is new to 0.11.1's built-ins: a test
// scrapes a real PostgreSQL 15 through it and requires every metric and no scrape error.
// Privacy: no query text, no user name and no client address is ever a label; statements are
// identified by `queryid` only.
import type { MetricType } from "./types.ts";

export interface QueryColumn {
  name: string;
  usage: "LABEL" | "GAUGE" | "COUNTER";
  description: string;
  /** The catalog unit of the metric (metrics only). */
  unit?: "s" | "short" | "percentunit";
}

export interface ExporterQuery {
  /** The metric prefix: each metric is `<namespace>_<column>`. */
  namespace: string;
  query: string;
  columns: QueryColumn[];
}

/** How many statements the pg_stat_statements query reports (the most expensive ones). */
export function topStatements(): number {
  return 20;
}

export function postgresQueries(): ExporterQuery[] {
  const label = (name: string, description: string): QueryColumn => ({ name, usage: "LABEL", description });
  return [
    {
      namespace: "pg_stat_statements",
      query: `SELECT d.datname, s.queryid::text AS queryid, sum(s.calls) AS calls_total,
  sum(s.total_exec_time) / 1000 AS seconds_total, sum(s.rows) AS rows_total
FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
WHERE s.queryid IS NOT NULL
GROUP BY d.datname, s.queryid
ORDER BY sum(s.total_exec_time) DESC LIMIT ${topStatements()}`,
      columns: [
        label("datname", "Database."),
        label("queryid", "Statement id of pg_stat_statements (never the text)."),
        { name: "calls_total", usage: "COUNTER", unit: "short", description: "Times the statement was executed." },
        { name: "seconds_total", usage: "COUNTER", unit: "s", description: "Time spent executing the statement." },
        { name: "rows_total", usage: "COUNTER", unit: "short", description: "Rows the statement returned or affected." },
      ],
    },
    {
      namespace: "pg_lock_waits",
      query: `SELECT d.datname, count(a.pid) AS sessions,
  COALESCE(max(EXTRACT(EPOCH FROM now() - a.query_start)), 0) AS max_seconds
FROM pg_database d LEFT JOIN pg_stat_activity a ON a.datid = d.oid AND a.wait_event_type = 'Lock'
WHERE d.datallowconn AND NOT d.datistemplate
GROUP BY d.datname`,
      columns: [
        label("datname", "Database."),
        { name: "sessions", usage: "GAUGE", unit: "short", description: "Sessions waiting for a lock now." },
        { name: "max_seconds", usage: "GAUGE", unit: "s", description: "How long the longest lock-waiting statement has run." },
      ],
    },
    {
      namespace: "pg_database_wraparound",
      query: `SELECT datname, age(datfrozenxid) AS xid_age, age(datfrozenxid) / 2147483648.0 AS used_ratio
FROM pg_database WHERE datallowconn`,
      columns: [
        label("datname", "Database."),
        { name: "xid_age", usage: "GAUGE", unit: "short", description: "Transactions since the oldest unfrozen one (age(datfrozenxid))." },
        { name: "used_ratio", usage: "GAUGE", unit: "percentunit", description: "Share of the 2^31 transaction-ID space used before wraparound." },
      ],
    },
    {
      namespace: "pg_stat_user_tables",
      query: `SELECT current_database() AS datname, schemaname, relname, n_live_tup, n_dead_tup,
  EXTRACT(EPOCH FROM now() - COALESCE(GREATEST(last_vacuum, last_autovacuum), pg_postmaster_start_time())) AS vacuum_age_seconds
FROM pg_stat_user_tables`,
      columns: [
        label("datname", "Database."),
        label("schemaname", "Schema."),
        label("relname", "Table."),
        { name: "n_live_tup", usage: "GAUGE", unit: "short", description: "Estimated live rows." },
        { name: "n_dead_tup", usage: "GAUGE", unit: "short", description: "Estimated dead rows, waiting for VACUUM." },
        { name: "vacuum_age_seconds", usage: "GAUGE", unit: "s", description: "Time since the last (auto)vacuum, or since the server started." },
      ],
    },
    {
      // PostgreSQL 14+: how much WAL the server writes. PostgresWalArchiveStale needs it: an old last
      // archive only matters while WAL is being written (an idle server has nothing to archive).
      namespace: "pg_stat_wal",
      query: "SELECT wal_bytes::float8 AS bytes_total FROM pg_stat_wal",
      columns: [{ name: "bytes_total", usage: "COUNTER", unit: "short", description: "Bytes of WAL written since the statistics were reset." }],
    },
  ];
}

/** The query file as postgres_exporter reads it (YAML is a superset of this JSON shape). */
export function postgresQueryFile(): Record<string, unknown> {
  return Object.fromEntries(postgresQueries().map((q) => [q.namespace, {
    query: q.query,
    master: true,
    metrics: q.columns.map((c) => ({ [c.name]: { usage: c.usage, description: c.description } })),
  }]));
}

/** The metrics the query file adds, for the catalog. */
export function postgresQueryMetrics(): { name: string; type: MetricType; unit: string; labels: string[]; help: string }[] {
  return postgresQueries().flatMap((q) => {
    const labels = q.columns.filter((c) => c.usage === "LABEL").map((c) => c.name);
    return q.columns.filter((c) => c.usage !== "LABEL").map((c) => ({
      name: `${q.namespace}_${c.name}`, type: (c.usage === "COUNTER" ? "counter" : "gauge") as MetricType,
      unit: c.unit ?? "short", labels, help: c.description,
    }));
  });
}
