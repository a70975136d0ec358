// Failure scenarios of the data tier vanishing (item 3, alerts/absence.ts): a data-tier job gone
// from discovery, and a key series gone while its exporter is up (an exporter upgrade renamed it,
// or a query of our file fails), written from what postgres_exporter 0.11, redis_exporter and
// blackbox_exporter expose. Each beside the quiet neighbour a real outage is: the database, the
// cache or the API down drops the statistics, and PostgresDown, RedisDown or ApiProbeFailed page.
import { dataJobs } from "../../catalog/data-targets.ts";
import type { RuleContext } from "../types.ts";
import { gauge, keySeriesOf, othersHealthy, scenarioInstances, up } from "./raw.ts";
import type { FailureScenario, ScenarioFile } from "./types.ts";

/** Long enough for ScrapeJobMissing's 5 m and KeySeriesMissing's 10 m `for`, short for promtool. */
const MINUTES = 25;
const target = (key: keyof ReturnType<typeof dataJobs>) => ({ job: dataJobs()[key], instance: scenarioInstances()[key]! });

/** A data-tier job's target up for the whole scenario, with its key series but those left out. */
function upWithout(key: keyof ReturnType<typeof dataJobs>, leave: readonly string[]) {
  return [up(target(key), [{ minutes: MINUTES, value: 1 }]), ...keySeriesOf(key, target(key), MINUTES, leave)];
}

function jobsGone(ctx: RuleContext): FailureScenario[] {
  const pg = target("postgres");
  const strict = target("probe");
  return [
    {
      item: 3,
      name: "postgres_exporter's job leaves discovery (a config change drops it): ScrapeJobMissing for it alone, while DataExporterDown and PostgresDown see nothing",
      interval: "1m",
      series: [
        ...othersHealthy(ctx, MINUTES, ["postgres"]),
        up(pg, [{ minutes: 5, value: 1 }, { minutes: MINUTES - 5, value: "_" }]),
        ...keySeriesOf("postgres", pg, 5),
      ],
      expect: [
        { at: "12m", alert: "ScrapeJobMissing", firing: [] },
        { at: "20m", alert: "ScrapeJobMissing", firing: [{ labels: { job: pg.job }, value: "1" }] },
        { at: "20m", alert: "DataExporterDown", firing: [] },
        { at: "20m", alert: "PostgresDown", firing: [] },
        // No target, no `up` = 1: that its series are gone is not a second page.
        { at: "20m", alert: "KeySeriesMissing", firing: [] },
      ],
    },
    {
      item: 3,
      name: "the strict probe job leaves discovery, the no-verify one stays: ScrapeJobMissing, while CertificateInvalid sees nothing",
      interval: "1m",
      series: [
        ...othersHealthy(ctx, MINUTES, ["probe"]),
        up(strict, [{ minutes: 5, value: 1 }, { minutes: MINUTES - 5, value: "_" }]),
        ...keySeriesOf("probe", strict, 5),
      ],
      expect: [
        { at: "20m", alert: "ScrapeJobMissing", firing: [{ labels: { job: strict.job }, value: "1" }] },
        { at: "20m", alert: "CertificateInvalid", firing: [] },
        { at: "20m", alert: "ApiProbeFailed", firing: [] },
      ],
    },
    {
      item: 3,
      name: "every job of the catalog, the data tier's included, scraped with its key series: nothing is missing",
      interval: "1m",
      series: othersHealthy(ctx, MINUTES, []),
      expect: [
        { at: "20m", alert: "ScrapeJobMissing", firing: [] },
        { at: "20m", alert: "KeySeriesMissing", firing: [] },
      ],
    },
  ];
}

function seriesGone(ctx: RuleContext): FailureScenario[] {
  const pg = target("postgres");
  const redis = target("redis");
  const url = scenarioInstances().probe!;
  const others = (key: string) => othersHealthy(ctx, MINUTES, [key]);
  return [
    {
      item: 3,
      name: "postgres_exporter upgraded: pg_up renamed while the exporter's up stays 1: KeySeriesMissing, PostgresDown blind",
      interval: "1m",
      series: [...others("postgres"), ...upWithout("postgres", ["pg_up"])],
      expect: [
        { at: "8m", alert: "KeySeriesMissing", firing: [] },
        { at: "20m", alert: "KeySeriesMissing", firing: [{ labels: { job: pg.job, series: "pg_up" }, value: "1" }] },
        { at: "20m", alert: "PostgresDown", firing: [] },
      ],
    },
    {
      item: 3,
      name: "a query of our file fails on the server (a column renamed by a PostgreSQL upgrade): pg_lock_waits_sessions gone, pg_up 1: KeySeriesMissing",
      interval: "1m",
      series: [...others("postgres"), ...upWithout("postgres", ["pg_lock_waits_sessions"])],
      expect: [
        { at: "20m", alert: "KeySeriesMissing", firing: [{ labels: { job: pg.job, series: "pg_lock_waits_sessions" }, value: "1" }] },
        { at: "20m", alert: "PostgresLockWaits", firing: [] },
      ],
    },
    {
      item: 3,
      name: "PostgreSQL down, its exporter up: pg_up 0 and the statistics gone: PostgresDown pages, KeySeriesMissing stays silent",
      interval: "1m",
      series: [...others("postgres"), up(pg, [{ minutes: MINUTES, value: 1 }]), gauge("pg_up", pg, [{ minutes: MINUTES, value: 0 }])],
      expect: [
        { at: "20m", alert: "PostgresDown", firing: [{ labels: pg, value: "0" }] },
        { at: "20m", alert: "KeySeriesMissing", firing: [] },
      ],
    },
    {
      item: 3,
      name: "redis_exporter upgraded: redis_memory_used_bytes renamed while redis_up stays 1: KeySeriesMissing, RedisMemoryHigh blind",
      interval: "1m",
      series: [...others("redis"), ...upWithout("redis", ["redis_memory_used_bytes"])],
      expect: [
        { at: "20m", alert: "KeySeriesMissing", firing: [{ labels: { job: redis.job, series: "redis_memory_used_bytes" }, value: "1" }] },
        { at: "20m", alert: "RedisMemoryHigh", firing: [] },
      ],
    },
    {
      item: 3,
      name: "Redis down, its exporter up: redis_up 0 and INFO gone: RedisDown pages, KeySeriesMissing stays silent",
      interval: "1m",
      series: [...others("redis"), up(redis, [{ minutes: MINUTES, value: 1 }]), gauge("redis_up", redis, [{ minutes: MINUTES, value: 0 }])],
      expect: [
        { at: "20m", alert: "RedisDown", firing: [{ labels: redis, value: "0" }] },
        { at: "20m", alert: "KeySeriesMissing", firing: [] },
      ],
    },
    {
      item: 3,
      name: "blackbox_exporter upgraded: probe_ssl_earliest_cert_expiry renamed while both probes succeed: KeySeriesMissing of each probe job, the expiry alerts blind",
      interval: "1m",
      series: [...othersHealthy(ctx, MINUTES, ["probe", "probeNoVerify"]),
        ...upWithout("probe", ["probe_ssl_earliest_cert_expiry"]), ...upWithout("probeNoVerify", ["probe_ssl_earliest_cert_expiry"])],
      expect: [
        { at: "20m", alert: "KeySeriesMissing", firing: [
          { labels: { job: dataJobs().probe, series: "probe_ssl_earliest_cert_expiry" }, value: "1" },
          { labels: { job: dataJobs().probeNoVerify, series: "probe_ssl_earliest_cert_expiry" }, value: "1" },
        ] },
        { at: "20m", alert: "CertificateExpiresIn7Days", firing: [] },
      ],
    },
    {
      item: 3,
      name: "the API unreachable: both probes fail and no certificate is seen: ApiProbeFailed pages, KeySeriesMissing stays silent",
      interval: "1m",
      series: [
        ...othersHealthy(ctx, MINUTES, ["probe", "probeNoVerify"]),
        ...(["probe", "probeNoVerify"] as const).flatMap((k) => [up(target(k), [{ minutes: MINUTES, value: 1 }]), gauge("probe_success", target(k), [{ minutes: MINUTES, value: 0 }])]),
      ],
      expect: [
        { at: "20m", alert: "ApiProbeFailed", firing: [{ labels: { instance: url }, value: "0" }] },
        { at: "20m", alert: "KeySeriesMissing", firing: [] },
      ],
    },
  ];
}

export function absenceScenarioFile(ctx: RuleContext): ScenarioFile {
  return { domain: "absence", source: "alerts/scenarios/absence.ts", scenarios: [...jobsGone(ctx), ...seriesGone(ctx)] };
}
