// Raw series as the failing systems expose them, for the failure scenarios: counters that grow
// minute by minute, gauges that hold or change, histograms with the buckets the client really has.
import { jobs } from "../../catalog/selectors.ts";
import { counterValues, series } from "../testing.ts";
import { keySeries, keySeriesGates, scrapedJobs } from "../absence.ts";
import type { RuleContext, SeriesDef } from "../types.ts";

/** Some minutes of a counter: `perMinute` more each minute, or `null` for no sample (target gone). */
export interface Segment { minutes: number; perMinute: number | null }

/** A counter: `perMinute` more every minute, segment after segment; it resumes where it was after a gap. */
export function counter(name: string, labels: Record<string, string>, segments: readonly Segment[]): SeriesDef {
  if (segments.every((s) => s.perMinute !== null)) {
    return { series: series(name, labels), values: counterValues(segments as { minutes: number; perMinute: number }[]) };
  }
  let value = 0;
  const parts = ["0"];
  for (const s of segments) {
    if (s.minutes <= 0) continue;
    if (s.perMinute === null) { parts.push(`_x${s.minutes}`); continue; }
    parts.push(s.minutes === 1 ? `${value + s.perMinute}` : `${value + s.perMinute}+${s.perMinute}x${s.minutes - 1}`);
    value += s.perMinute * s.minutes;
  }
  return { series: series(name, labels), values: parts.join(" ") };
}

/** A gauge that holds `value` for `minutes` minutes, segment after segment (`_` = no sample). */
export function gauge(name: string, labels: Record<string, string>, segments: readonly { minutes: number; value: number | "_" }[]): SeriesDef {
  const parts = segments.filter((s) => s.minutes > 0).map((s) => (s.value === "_" ? `_x${s.minutes}` : `${s.value}x${s.minutes - 1}`));
  return { series: series(name, labels), values: parts.join(" ") };
}

export const total = (segments: readonly { minutes: number }[]) => segments.reduce((m, s) => m + s.minutes, 0);

/** The exporter's labels. */
export function exporter(ctx: RuleContext, instance = "app-1:9464"): Record<string, string> {
  return { job: jobs(ctx.env).businessExporter, instance };
}

export function backend(ctx: RuleContext, instance = "app-1:8000"): Record<string, string> {
  return { job: jobs(ctx.env).backend, instance };
}

/** The bucket bounds of OpenTelemetry's default HTTP server duration histogram: no 2 s bound. */
export function otelDefaultBounds(): number[] {
  return [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
}

/** The bounds our backend is configured with (OpenTelemetry's plus the SLI's 2 s, catalog/buckets.ts). */
export function backendBounds(): number[] {
  return [...new Set([...otelDefaultBounds(), 2])].sort((a, b) => a - b);
}

/**
 * An HTTP server histogram (OpenTelemetry names) of one route: per minute, `requests` requests of
 * which `errors` answer 500, each taking `seconds`; buckets at `bounds`.
 */
export function httpHistogram(
  labels: Record<string, string>,
  segments: readonly { minutes: number; requests: number | null; errors?: number; seconds: number }[],
  bounds: readonly number[] = backendBounds(),
): SeriesDef[] {
  const route = { ...labels, http_request_method: "POST", http_route: "/api/chat" };
  type S = (typeof segments)[number];
  const codes: [string, (s: S) => number][] = [["200", (s) => (s.requests ?? 0) - (s.errors ?? 0)], ["500", (s) => s.errors ?? 0]];
  const out: SeriesDef[] = [];
  for (const [code, n] of codes) {
    if (segments.every((s) => n(s) === 0)) continue;
    const l = { ...route, http_response_status_code: code };
    const seg = (f: (s: S) => number) => segments.map((s) => ({ minutes: s.minutes, perMinute: s.requests === null ? null : f(s) }));
    out.push(counter("http_server_request_duration_seconds_count", l, seg(n)));
    for (const b of [...bounds.map(String), "+Inf"]) {
      out.push(counter("http_server_request_duration_seconds_bucket", { ...l, le: b }, seg((s) => (b === "+Inf" || s.seconds <= Number(b) ? n(s) : 0))));
    }
  }
  return out;
}

/** `up` of a target: 1 (or 0) for some minutes, then possibly gone (`_`). */
export function up(labels: Record<string, string>, segments: readonly { minutes: number; value: number | "_" }[]): SeriesDef {
  return gauge("up", labels, segments);
}

/** Where each job's healthy target is, in the scenarios. The probe jobs' `instance` is the probed URL. */
export function scenarioInstances(): Record<string, string> {
  return {
    node: "app-1:9100", prometheus: "localhost:9090", alertmanager: "alertmanager-1:9093", backend: "app-1:8000", businessExporter: "app-1:9464",
    postgres: "db-1:9187", redis: "cache-1:9121", probe: "https://api.xinliya.example/healthz", probeNoVerify: "https://api.xinliya.example/healthz",
  };
}

/** `up` = 1 for every job the environment scrapes (data tier included) but those given, which the scenario plays itself. */
export function othersUp(ctx: RuleContext, minutes: number, except: readonly string[]): SeriesDef[] {
  const hosts = scenarioInstances();
  return Object.entries(scrapedJobs(ctx.env)).filter(([key]) => !except.includes(key))
    .map(([key, job]) => up({ job, instance: hosts[key]! }, [{ minutes, value: 1 }]));
}

/**
 * The key series of one job (alerts/absence.ts keySeries) as a healthy target exposes them: the
 * exporter's verdict (keySeriesGates) at 1, the others present.
 */
export function keySeriesOf(key: string, labels: Record<string, string>, minutes: number, leave: readonly string[] = []): SeriesDef[] {
  const names = (keySeries() as Record<string, string[] | undefined>)[key] ?? [];
  const gate = (keySeriesGates() as Record<string, string | undefined>)[key];
  return names.filter((name) => !leave.includes(name)).map((name) => (name === gate
    ? gauge(name, labels, [{ minutes, value: 1 }])
    : counter(name, { ...labels, ...(name.endsWith("_bucket") ? { le: "+Inf" } : {}) }, [{ minutes, perMinute: 1 }])));
}

/** `othersUp`, plus the key series of those jobs, as healthy targets expose. */
export function othersHealthy(ctx: RuleContext, minutes: number, except: readonly string[]): SeriesDef[] {
  const hosts = scenarioInstances();
  const all = scrapedJobs(ctx.env) as Record<string, string>;
  const extra = Object.keys(all).filter((k) => !except.includes(k)).flatMap((k) => keySeriesOf(k, { job: all[k]!, instance: hosts[k]! }, minutes));
  return [...othersUp(ctx, minutes, except), ...extra];
}
