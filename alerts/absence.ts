// What vanishes (issue 10, items 3 and 11): a scrape job gone from discovery (kubernetes-mixin's
// absent(up{…})), a key series gone while its target is up (an SDK upgrade renamed it; Pyrra's
// SLOMetricAbsent), and an SLI histogram without the bucket at its target.
import { sliBucketBounds } from "../catalog/buckets.ts";
import { type DataJobKey, dataJobsOf } from "../catalog/data-targets.ts";
import { metricByName } from "../catalog/metrics.ts";
import { jobMatcher, jobs } from "../catalog/selectors.ts";
import { rateWindow } from "../catalog/targets.ts";
import type { Environment, JobKey, MetricSource } from "../catalog/types.ts";
import { apiBucketReads } from "./api-buckets.ts";
import { apiRecordNames } from "./api.ts";
import { leMatcher } from "./promql.ts";
import type { AlertDef, RuleContext, RuleGroupDef } from "./types.ts";

/** The job that exports each source's metrics. */
export function sourceJob(source: MetricSource): JobKey | undefined {
  // The data tier's exporters are scraped by jobs of catalog/data-targets.ts (dataJobs()).
  const bySource: Partial<Record<MetricSource, JobKey>> = {
    node_exporter: "node", backend: "backend", business_exporter: "businessExporter", prometheus: "prometheus", alertmanager: "alertmanager",
  };
  return bySource[source];
}

/** A scrape job of the catalog: the core jobs (catalog/selectors.ts) and the data tier's (catalog/data-targets.ts). */
export type ScrapedJobKey = JobKey | DataJobKey;

/**
 * Every job the environment scrapes, by key: the core jobs, with the environment's name overrides,
 * and the data tier's unless the environment runs none (`dataTier: false`). The data jobs keep
 * their fixed names, as the data domains select them (alerts/data-common.ts dataJob).
 */
export function scrapedJobs(env: Environment): Partial<Record<ScrapedJobKey, string>> {
  return { ...jobs(env), ...dataJobsOf(env) };
}

/** The series each domain relies on, by job: absent while the job is up means renamed or lost. */
export function keySeries(): Partial<Record<ScrapedJobKey, string[]>> {
  return {
    node: ["node_cpu_seconds_total", "node_memory_MemAvailable_bytes", "node_filesystem_avail_bytes"],
    backend: ["http_server_request_duration_seconds_count", "http_server_request_duration_seconds_bucket"],
    // Backups are left out: the exporter has none until a job reports (BackupNotReported).
    businessExporter: ["xinliya_agent_processing_duration_seconds_count", "xinliya_llm_requests_total", "xinliya_auth_attempts_total"],
    // The data domains (alerts/database.ts, cache.ts, reachability.ts): first the verdict each
    // exporter always exposes (keySeriesGates), then what the P0/P1 alerts read, our query file's
    // pg_lock_waits_sessions included (a broken query file drops it while pg_up stays 1).
    postgres: ["pg_up", "pg_stat_database_numbackends", "pg_settings_max_connections", "pg_lock_waits_sessions", "pg_stat_archiver_failed_count"],
    redis: ["redis_up", "redis_memory_used_bytes", "redis_connected_clients", "redis_keyspace_hits_total"],
    probe: ["probe_success", "probe_ssl_earliest_cert_expiry"],
    probeNoVerify: ["probe_success", "probe_ssl_earliest_cert_expiry"],
  };
}

/**
 * The series whose value 1 the other key series of a job also need, besides `up` = 1: the
 * exporter's own verdict on what it watches. While PostgreSQL, Redis or the probed API is down, the
 * exporter drops the statistics (or the certificate) for that reason, and PostgresDown, RedisDown
 * or ApiProbeFailed already say so; the verdict itself is checked against `up` alone.
 */
export function keySeriesGates(): Partial<Record<ScrapedJobKey, string>> {
  return { postgres: "pg_up", redis: "redis_up", probe: "probe_success", probeNoVerify: "probe_success" };
}

/**
 * A histogram has its buckets exactly when it has the `+Inf` one: reading that one alone tells the
 * same, without loading every bucket series each evaluation (bench:scale, issue 17).
 */
function infOnly(series: string): string {
  // A regex matcher: absent() copies equality matchers into its labels, never regex ones.
  return series.endsWith("_bucket") ? ', le=~"[+]Inf"' : "";
}

/**
 * The backend histogram's series as the API records hold them (a rate of each exists exactly while
 * the raw series do): KeySeriesMissing and HistogramBucketMissing read these 30 × 16 series instead
 * of the raw ones, 614 400 bucket and 38 400 count series at 30 instances (bench:scale, round 4:
 * the absence group took 11.6 % of its interval on them).
 */
function recordOf(series: string): string | undefined {
  const n = apiRecordNames();
  return ({ http_server_request_duration_seconds_count: n.byInstanceCode, http_server_request_duration_seconds_bucket: n.bucketsByInstance } as Record<string, string>)[series];
}

/** KeySeriesMissing's terms: each key series of each job the environment scrapes. */
function missingSeries(env: Environment): string[] {
  const all = scrapedJobs(env);
  const gates = keySeriesGates();
  return (Object.entries(keySeries()) as [ScrapedJobKey, string[]][]).filter(([key]) => all[key]).flatMap(([key, names]) => {
    const job = `job="${all[key]}"`;
    const up = (series: string) => ` and on (job) max by (job) (${series}{${job}}) == 1`;
    return names.map((name) => `label_replace(absent(${recordOf(name) ?? name}{${job}${infOnly(name)}}), "series", "${name}", "", "")` +
      up("up") + (gates[key] && gates[key] !== name ? up(gates[key]) : ""));
  });
}

function alerts(ctx: RuleContext): AlertDef[] {
  const all = scrapedJobs(ctx.env);
  const missing = missingSeries(ctx.env);
  const buckets = Object.entries(sliBucketBounds()).flatMap(([metric, bounds]) => {
    const job = jobMatcher(ctx.env, sourceJob(metricByName(metric)!.source)!);
    const rec = recordOf(`${metric}_bucket`);
    const read = (m: string) => (rec ? `${rec}{${job}${m}}` : `rate(${metric}_bucket{${job}${m}}[${rateWindow()}])`);
    return bounds.map((b) =>
      `label_replace(group by (job) (${read(infOnly("_bucket"))}), "le", "${b}", "", "")` +
      ` unless on (job) group by (job) (${read(`, ${leMatcher(b)}`)})`);
  });
  return [
    {
      kind: "alert",
      name: "ScrapeJobMissing",
      expr: Object.values(all).map((job) => `absent(up{job="${job}"})`).join(" or "),
      priority: "P1",
      watches: ["node_exporter", "backend", "business_exporter", "prometheus", "alertmanager", "postgres_exporter", "redis_exporter", "blackbox_exporter"],
      noTrafficFloor: "a job missing from discovery counts no events",
      summary: { zh: "抓取任务从服务发现中消失", en: "A scrape job is gone from discovery" },
      description: {
        zh: (t) => `Prometheus 没有任务 ${t.label("job")} 的任何抓取目标（absent(up)，值 ${t.value("number")}）：该任务已从配置或服务发现中消失，依赖它的告警全部失明。`,
        en: (t) => `Prometheus has no scrape target of job ${t.label("job")} (absent(up), value ${t.value("number")}): the job is gone from the configuration or discovery, and every alert that needs it is blind.`,
      },
      dashboard: { uid: "xinliya-operations", panel: "targets" },
    },
    {
      kind: "alert",
      name: "KeySeriesMissing",
      expr: missing.map((m) => `(${m})`).join(" or "),
      priority: "P1",
      watches: ["node_exporter", "backend", "business_exporter", "postgres_exporter", "redis_exporter", "blackbox_exporter"],
      summary: { zh: "目标在线但关键指标消失", en: "A target is up but a key series is gone" },
      description: {
        zh: (t) => `任务 ${t.label("job")} 在线（up = 1），但关键指标 ${t.label("series")} 不存在（值 ${t.value("number")}）：可能是 SDK 或导出器升级改了指标名，或导出器的查询出错，依赖它的告警已失明。`,
        en: (t) => `Job ${t.label("job")} is up, but its key series ${t.label("series")} is absent (value ${t.value("number")}): an SDK or exporter upgrade may have renamed it, or the exporter's query fails, and the alerts that read it are blind.`,
      },
      dashboard: { uid: "xinliya-operations", panel: "keySeries" },
    },
    {
      kind: "alert",
      name: "HistogramBucketMissing",
      expr: buckets.map((b) => `(${b})`).join(" or "),
      priority: "P3",
      summary: { zh: "直方图缺少目标值所在的桶", en: "A histogram lacks the bucket at its target" },
      description: {
        zh: (t) => `任务 ${t.label("job")} 的直方图没有上界为 ${t.label("le")} 的桶（值 ${t.value("number")}）：按目标计算的慢请求占比无法读出，相应的延迟告警不会触发。请按 catalog/buckets.ts 配置桶边界。`,
        en: (t) => `The histogram of job ${t.label("job")} has no bucket with the upper bound ${t.label("le")} (value ${t.value("number")}): the share slower than the target cannot be read and the latency alert cannot fire. Configure the bounds of catalog/buckets.ts.`,
      },
      dashboard: { uid: "xinliya-operations", panel: "keySeries" },
    },
  ];
}

export function absenceRules(ctx: RuleContext): RuleGroupDef {
  return { domain: "absence", group: "xinliya.absence", rules: alerts(ctx), tests: [], reads: [...apiBucketReads(), { domain: "api", group: "xinliya.api" }] };
}
