// Failure scenarios of PostgreSQL (item 16, alerts/database.ts), from the series a failing server
// exposes through postgres_exporter 0.11.1 and our query file (catalog/postgres-queries.ts). The
// generated boundary cases of the same alerts stay beside the rules (alerts/cases/database.ts).
import { dataJobs } from "../../catalog/data-targets.ts";
import { rateWindow } from "../../catalog/targets.ts";
import { target } from "../../catalog/thresholds.ts";
import { sampleCount, series, humanizeDuration, humanizePercentage, TEST_INTERVAL } from "../testing.ts";
import { forOf } from "../cases/data-common.ts";
import type { SeriesDef } from "../types.ts";
import { quietScenario, rising } from "./data-common.ts";
import type { FailureScenario, ScenarioFile } from "./types.ts";

const pg = { job: dataJobs().postgres, instance: "db-a:9187" };
const server = { ...pg, server: "db-a:5432" };
const db = (datname = "xinliya") => ({ ...server, datname });
const table = (relname: string) => ({ ...db(), schemaname: "public", relname });
const n = (alert: string) => sampleCount(forOf(alert));
const s = (name: string, labels: Record<string, string>, values: string): SeriesDef => ({ series: series(name, labels), values });

/** The quiet neighbours of the boundary cases: a failure's twin that is not one. */
function neighbours(): FailureScenario[] {
  const tx = (alert: string, other: string) => quietScenario(16, alert, `a day-old transaction in state "${other}"`, [
    s("pg_stat_activity_max_tx_duration", { ...db(), state: other }, `86400x${n(alert)}`),
  ]);
  const statement = (queryid: string, callsPerMinute: number, secondsPerMinute: number, N: number) => [
    s("pg_stat_statements_calls_total", { ...db(), queryid }, `0+${callsPerMinute}x${N}`),
    s("pg_stat_statements_seconds_total", { ...db(), queryid }, `0+${secondsPerMinute}x${N}`),
  ];
  const hitN = n("PostgresCacheHitRatioLow");
  const fewBlocks = Math.floor(target("dbMinBlockReads") * 30);
  const deadN = n("PostgresDeadTuplesHigh");
  return [
    tx("PostgresLongTransaction", "idle in transaction"),
    tx("PostgresIdleInTransaction", "active"),
    // A lock wait that ends before the `for`: normal contention.
    quietScenario(16, "PostgresLockWaits", "a lock wait of one minute", [
      s("pg_lock_waits_sessions", db(), `0 ${target("dbLockWaitSessions") + 2} 0x${n("PostgresLockWaits")}`),
    ]),
    quietScenario(16, "PostgresSlowQueries", "a 10 s statement run once a minute (under the traffic floor)", statement("1003", 1, 10, n("PostgresSlowQueries")), rateWindow()),
    quietScenario(16, "PostgresCacheHitRatioLow", "a cold but nearly idle database (under the read floor)", [
      s("pg_stat_database_blks_hit", db(), `0+${Math.floor(fewBlocks / 5)}x${hitN}`),
      s("pg_stat_database_blks_read", db(), `0+${fewBlocks - Math.floor(fewBlocks / 5)}x${hitN}`),
    ], rateWindow()),
    quietScenario(16, "PostgresDeadTuplesHigh", "a small table, half dead, under the dead-tuple floor", [
      s("pg_stat_user_tables_n_dead_tup", table("messages"), `${Math.floor(target("dbMinDeadTuples") / 2)}x${deadN}`),
      s("pg_stat_user_tables_n_live_tup", table("messages"), `${Math.floor(target("dbMinDeadTuples") / 4)}x${deadN}`),
    ]),
  ];
}

/** The live stack's faults (db-connections, db-locks) as the exporter shows them. */
function stackFaults(): FailureScenario[] {
  return [
    {
      item: 16,
      name: "pgbench holds 31 more sessions on a server of max_connections 40: 34 of 40 in use",
      interval: TEST_INTERVAL,
      series: [s("pg_settings_max_connections", server, "40x30"), s("pg_stat_database_numbackends", db(), "3x9 34x20"), s("pg_stat_database_numbackends", db("postgres"), "0x30")],
      expect: [
        { at: "12m", alert: "PostgresConnectionsHigh", firing: [] },
        { at: "17m", alert: "PostgresConnectionsHigh", firing: [{ labels: pg, value: humanizePercentage(34 / 40) }] },
      ],
    },
    {
      item: 16,
      name: "a psql session holds ACCESS EXCLUSIVE on pgbench_accounts: three sessions wait behind it",
      interval: TEST_INTERVAL,
      series: [s("pg_lock_waits_sessions", db(), "0x4 3x10"), s("pg_lock_waits_max_seconds", db(), "0x4 60+60x10")],
      expect: [
        { at: "6m", alert: "PostgresLockWaits", firing: [] },
        { at: "8m", alert: "PostgresLockWaits", firing: [{ labels: { ...pg, datname: "xinliya" }, value: "3" }] },
      ],
    },
  ];
}

/** WAL archiving that stops without failing, and autovacuum that stops for a table. */
function maintenance(): FailureScenario[] {
  const walMax = target("backupMaxAgeContinuous");
  const vacuumMax = target("dbVacuumMaxAge");
  const archiver = (ageFrom: number, walPerMinute: number, minutes: number): SeriesDef[] => [
    s("pg_stat_archiver_last_archive_age", server, rising(ageFrom, 60, minutes)),
    s("pg_stat_archiver_archived_count", server, `500x${minutes}`),
    s("pg_stat_archiver_failed_count", server, `0x${minutes}`),
    s("pg_stat_wal_bytes_total", server, `123456789+${walPerMinute}x${minutes}`),
  ];
  // The last archive is ten minutes old when the archive_command starts to hang.
  const crossed = Math.ceil((walMax - 600) / 60) + 1;
  const stale = crossed + 14;
  const vacuumed = (relname: string, ageFrom: number, dead: string, live: string, minutes: number) => [
    s("pg_stat_user_tables_vacuum_age_seconds", table(relname), rising(ageFrom, 60, minutes)),
    s("pg_stat_user_tables_n_dead_tup", table(relname), dead),
    s("pg_stat_user_tables_n_live_tup", table(relname), live),
  ];
  return [
    {
      item: 16,
      name: "the archive_command hangs on an unreachable mount: no WAL archived, no failure counted, WAL still written",
      interval: TEST_INTERVAL,
      series: archiver(600, 2_000_000, stale + 5),
      expect: [
        { at: `${crossed - 5}m`, alert: "PostgresWalArchiveStale", firing: [] },
        { at: `${crossed + 5}m`, alert: "PostgresWalArchiveStale", firing: [] },
        { at: `${stale}m`, alert: "PostgresWalArchiveStale", firing: [{ labels: server, value: humanizeDuration(600 + stale * 60) }] },
        { at: `${stale}m`, alert: "PostgresWalArchiveFailing", firing: [] },
      ],
    },
    {
      item: 16,
      name: "an idle server at night writes no WAL: its last archive is hours old and there is nothing to archive",
      interval: TEST_INTERVAL,
      series: archiver(3 * walMax, 0, stale + 5),
      expect: [{ at: `${stale}m`, alert: "PostgresWalArchiveStale", firing: [] }],
    },
    {
      item: 16,
      name: "a transaction left open blocks autovacuum of a big table: ten days without vacuum, dead tuples piling up under the share threshold",
      interval: TEST_INTERVAL,
      series: vacuumed("messages", vacuumMax - 1800, "50000+100x120", "10000000x120", 120),
      expect: [
        { at: "80m", alert: "PostgresVacuumTooOld", firing: [] },
        { at: "100m", alert: "PostgresVacuumTooOld", firing: [{ labels: table("messages"), value: humanizeDuration(vacuumMax - 1800 + 100 * 60) }] },
        { at: "100m", alert: "PostgresDeadTuplesHigh", firing: [] },
      ],
    },
    {
      item: 16,
      name: "a lookup table nobody writes: not vacuumed for a month, a dozen dead tuples",
      interval: TEST_INTERVAL,
      series: vacuumed("agent_configs", 30 * 86400, "12x100", "200x100", 100),
      expect: [{ at: "90m", alert: "PostgresVacuumTooOld", firing: [] }],
    },
  ];
}

export function databaseScenarioFile(): ScenarioFile {
  return { domain: "database", source: "alerts/scenarios/database.ts", scenarios: [...neighbours(), ...stackFaults(), ...maintenance()] };
}
