// Failure scenarios of Redis (item 17, alerts/cache.ts), from redis_exporter 1.45's series. The
// generated boundary cases stay beside the rules (alerts/cases/cache.ts).
import { dataJobs } from "../../catalog/data-targets.ts";
import { rateWindow } from "../../catalog/targets.ts";
import { target } from "../../catalog/thresholds.ts";
import { TEST_INTERVAL, counterValues, humanizePercentage, sampleCount, series } from "../testing.ts";
import { forOf } from "../cases/data-common.ts";
import type { SeriesDef } from "../types.ts";
import { quietScenario } from "./data-common.ts";
import type { FailureScenario, ScenarioFile } from "./types.ts";

const redis = { job: dataJobs().redis, instance: "cache-a:9121" };
const n = (alert: string) => sampleCount(forOf(alert));
const s = (name: string, values: string): SeriesDef => ({ series: series(name, redis), values });
const MB = 1024 * 1024;

/** Lookups minute by minute: hits and misses, segment after segment. */
function lookups(segments: { minutes: number; hits: number; misses: number }[]): SeriesDef[] {
  return [
    s("redis_keyspace_hits_total", counterValues(segments.map((x) => ({ minutes: x.minutes, perMinute: x.hits })))),
    s("redis_keyspace_misses_total", counterValues(segments.map((x) => ({ minutes: x.minutes, perMinute: x.misses })))),
  ];
}

function scenarios(): FailureScenario[] {
  const memN = n("RedisMemoryHigh");
  // The quiet night makes half the lookup floor; the daytime cache ten times it.
  const few = Math.floor(target("cacheMinLookups") * 30);
  const day = Math.ceil(10 * target("cacheMinLookups") * 60);
  const flushAt = 10;
  const cold = flushAt + 15;
  return [
    quietScenario(17, "RedisMemoryHigh", "a Redis without maxmemory (no limit to be near)", [
      s("redis_memory_used_bytes", `5000000000x${memN}`), s("redis_memory_max_bytes", `0x${memN}`),
    ]),
    {
      item: 17,
      name: "the session cache fills its 16 MB maxmemory with 64 KB values: 15.5 MB used, evicting",
      interval: TEST_INTERVAL,
      series: [s("redis_memory_used_bytes", `${4 * MB}x4 ${15.5 * MB}x20`), s("redis_memory_max_bytes", `${16 * MB}x25`)],
      expect: [
        { at: "7m", alert: "RedisMemoryHigh", firing: [] },
        { at: "12m", alert: "RedisMemoryHigh", firing: [{ labels: redis, value: humanizePercentage(15.5 / 16) }] },
      ],
    },
    quietScenario(17, "RedisCacheHitRateLow", "a cold cache on a quiet night (under the lookup floor)",
      lookups([{ minutes: n("RedisCacheHitRateLow"), hits: Math.floor(few / 5), misses: few - Math.floor(few / 5) }]), rateWindow()),
    {
      item: 17,
      name: "FLUSHALL at daytime: the cache answers 95 % of lookups, then 20 % while it refills from cold keys",
      interval: TEST_INTERVAL,
      series: lookups([
        { minutes: flushAt, hits: Math.round(0.95 * day), misses: day - Math.round(0.95 * day) },
        { minutes: 30, hits: Math.round(0.2 * day), misses: day - Math.round(0.2 * day) },
      ]),
      expect: [
        { at: `${flushAt + 5}m`, alert: "RedisCacheHitRateLow", firing: [] },
        { at: `${cold}m`, alert: "RedisCacheHitRateLow", firing: [{ labels: redis, value: humanizePercentage(Math.round(0.2 * day) / day) }] },
      ],
    },
  ];
}

export function cacheScenarioFile(): ScenarioFile {
  return { domain: "cache", source: "alerts/scenarios/cache.ts", scenarios: scenarios() };
}
