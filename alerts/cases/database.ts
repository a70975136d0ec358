// Boundary cases of the PostgreSQL rules (alerts/database.ts), generated from the catalog's numbers
// on postgres_exporter 0.11.1's series; the failure scenarios and quiet neighbours are in
// alerts/scenarios/database.ts.
import { dataJobs } from "../../catalog/data-targets.ts";
import { rateWindow } from "../../catalog/targets.ts";
import { seconds } from "../../catalog/duration.ts";
import { target } from "../../catalog/thresholds.ts";
import { boundaryCases, humanize, humanizeDuration, humanizePercentage, levelCases, sampleCount, series } from "../testing.ts";
import type { RuleContext, RuleTestCase } from "../types.ts";
import { forOf } from "./data-common.ts";

const INSTANCES = ["db-a:9187", "db-b:9187"];
const DATABASES = ["xinliya", "analytics"];
const SERVER = "db-a:5432";

function pg(instance = INSTANCES[0]!) {
  return { job: dataJobs().postgres, instance };
}
function db(datname: string) {
  return { ...pg(), server: SERVER, datname };
}
const n = (alert: string) => sampleCount(forOf(alert));
const windowMinutes = () => seconds(rateWindow()) / 60;

function serverTests(): RuleTestCase[] {
  return [
    ...levelCases({
      alert: "PostgresDown", forDuration: forOf("PostgresDown"), quiet: 1, loud: 0,
      names: { quiet: "a reachable server", loud: "a server the exporter cannot reach" }, subjects: INSTANCES,
      inputs: (level, instance) => [{ series: series("pg_up", pg(instance)), values: `${level}x${n("PostgresDown")}` }],
      labels: (instance) => pg(instance), format: String,
    }),
    ...boundaryCases({
      alert: "PostgresConnectionsHigh", forDuration: forOf("PostgresConnectionsHigh"), threshold: target("dbConnectionsShare"), margin: 0.05,
      subjects: INSTANCES,
      // Sessions spread over two databases: the alert adds them up against max_connections = 100.
      inputs: (level, instance) => {
        const total = Math.round(level * 100);
        const s = { ...pg(instance), server: SERVER };
        return [
          { series: series("pg_settings_max_connections", s), values: `100x${n("PostgresConnectionsHigh")}` },
          { series: series("pg_stat_database_numbackends", { ...s, datname: DATABASES[0]! }), values: `${Math.ceil(total / 2)}x${n("PostgresConnectionsHigh")}` },
          { series: series("pg_stat_database_numbackends", { ...s, datname: DATABASES[1]! }), values: `${Math.floor(total / 2)}x${n("PostgresConnectionsHigh")}` },
        ];
      },
      labels: (instance) => pg(instance), format: humanizePercentage, realised: (l) => Math.round(l * 100) / 100,
    }),
  ];
}

function sessionTests(): RuleTestCase[] {
  const tx = (alert: string, state: string): RuleTestCase[] => [
    ...boundaryCases({
      alert, forDuration: forOf(alert), threshold: target(alert === "PostgresLongTransaction" ? "dbLongTransaction" : "dbIdleInTransaction"), margin: 60,
      subjects: DATABASES,
      inputs: (level, datname) => [{ series: series("pg_stat_activity_max_tx_duration", { ...db(datname), state }), values: `${level}x${n(alert)}` }],
      labels: (datname) => ({ ...pg(), datname }), format: humanizeDuration,
    }),
  ];
  return [
    ...tx("PostgresLongTransaction", "active"),
    ...tx("PostgresIdleInTransaction", "idle in transaction"),
    ...levelCases({
      alert: "PostgresLockWaits", forDuration: forOf("PostgresLockWaits"), quiet: target("dbLockWaitSessions"), loud: target("dbLockWaitSessions") + 3,
      names: { quiet: "no session waiting", loud: "three sessions behind an ACCESS EXCLUSIVE lock" }, subjects: DATABASES,
      inputs: (level, datname) => [{ series: series("pg_lock_waits_sessions", db(datname)), values: `${level}x${n("PostgresLockWaits")}` }],
      labels: (datname) => ({ ...pg(), datname }), format: String,
    }),
    ...levelCases({
      alert: "PostgresDeadlocks", forDuration: forOf("PostgresDeadlocks"), quiet: 0, loud: 1, warmup: rateWindow(),
      names: { quiet: "no deadlock", loud: "one deadlock a minute" }, subjects: DATABASES,
      inputs: (level, datname) => [{ series: series("pg_stat_database_deadlocks", db(datname)), values: `0+${level}x${n("PostgresDeadlocks")}` }],
      labels: (datname) => ({ ...pg(), datname }), format: (perMinute) => humanize(perMinute * windowMinutes()),
    }),
  ];
}

function queryTests(): RuleTestCase[] {
  const statement = (queryid: string, callsPerMinute: number, secondsPerMinute: number, N: number) => {
    const s = { ...db(DATABASES[0]!), queryid };
    return [
      { series: series("pg_stat_statements_calls_total", s), values: `0+${callsPerMinute}x${N}` },
      { series: series("pg_stat_statements_seconds_total", s), values: `0+${secondsPerMinute}x${N}` },
    ];
  };
  const slowN = n("PostgresSlowQueries");
  const hitN = n("PostgresCacheHitRatioLow");
  // Block reads a minute: twice the floor (the quiet neighbours are in alerts/scenarios/database.ts).
  const blocks = Math.ceil(2 * target("dbMinBlockReads") * 60);
  return [
    ...boundaryCases({
      alert: "PostgresSlowQueries", forDuration: forOf("PostgresSlowQueries"), threshold: target("dbSlowQueryMean"), margin: 0.2,
      subjects: ["1001", "1002"], warmup: rateWindow(),
      // 60 calls a minute, each taking `level` seconds on average.
      inputs: (level, queryid) => statement(queryid, 60, Math.round(level * 60), slowN),
      labels: (queryid) => ({ ...pg(), datname: DATABASES[0]!, queryid }), format: humanizeDuration,
    }),
    ...boundaryCases({
      alert: "PostgresCacheHitRatioLow", forDuration: forOf("PostgresCacheHitRatioLow"), threshold: target("dbCacheHitRatio"), margin: 0.02,
      direction: "below", subjects: DATABASES, warmup: rateWindow(),
      inputs: (level, datname) => [
        { series: series("pg_stat_database_blks_hit", db(datname)), values: `0+${Math.round(level * blocks)}x${hitN}` },
        { series: series("pg_stat_database_blks_read", db(datname)), values: `0+${blocks - Math.round(level * blocks)}x${hitN}` },
      ],
      labels: (datname) => ({ ...pg(), datname }), format: humanizePercentage, realised: (l) => Math.round(l * blocks) / blocks,
    }),
  ];
}

function maintenanceTests(): RuleTestCase[] {
  const tables = ["public.messages", "public.sessions"];
  const table = (t: string) => ({ ...db(DATABASES[0]!), schemaname: t.split(".")[0]!, relname: t.split(".")[1]! });
  const deadN = n("PostgresDeadTuplesHigh");
  // Tables of ten times the dead-tuple floor: at the thresholds' shares they are well above it.
  const rows = 10 * target("dbMinDeadTuples");
  return [
    ...boundaryCases({
      alert: "PostgresXidWraparoundRisk", forDuration: forOf("PostgresXidWraparoundRisk"), threshold: target("dbXidWraparoundShare"), margin: 0.05,
      subjects: DATABASES,
      inputs: (level, datname) => [{ series: series("pg_database_wraparound_used_ratio", db(datname)), values: `${level}x${n("PostgresXidWraparoundRisk")}` }],
      labels: (datname) => ({ ...pg(), datname }), format: humanizePercentage,
    }),
    ...boundaryCases({
      alert: "PostgresDeadTuplesHigh", forDuration: forOf("PostgresDeadTuplesHigh"), threshold: target("dbDeadTupleShare"), margin: 0.05,
      subjects: tables,
      inputs: (level, t) => [
        { series: series("pg_stat_user_tables_n_dead_tup", table(t)), values: `${Math.round(level * rows)}x${deadN}` },
        { series: series("pg_stat_user_tables_n_live_tup", table(t)), values: `${rows - Math.round(level * rows)}x${deadN}` },
      ],
      labels: (t) => table(t), format: humanizePercentage, realised: (l) => Math.round(l * rows) / rows,
    }),
    ...levelCases({
      alert: "PostgresWalArchiveFailing", forDuration: forOf("PostgresWalArchiveFailing"), quiet: 0, loud: 1, warmup: rateWindow(),
      names: { quiet: "an archiver that keeps up", loud: "an archive_command failing every minute" }, subjects: INSTANCES,
      inputs: (level, instance) => [
        { series: series("pg_stat_archiver_failed_count", { ...pg(instance), server: SERVER }), values: `0+${level}x${n("PostgresWalArchiveFailing")}` },
        { series: series("pg_stat_archiver_archived_count", { ...pg(instance), server: SERVER }), values: `0+${1 - level}x${n("PostgresWalArchiveFailing")}` },
      ],
      labels: (instance) => ({ ...pg(instance), server: SERVER }), format: (perMinute) => humanize(perMinute * windowMinutes()),
    }),
  ];
}

export function databaseTests(_ctx: RuleContext): RuleTestCase[] {
  return [...serverTests(), ...sessionTests(), ...queryTests(), ...maintenanceTests()];
}
