// Boundary cases of the Redis rules (alerts/cache.ts), generated from the catalog's numbers on
// redis_exporter's series; failure scenarios and quiet neighbours: alerts/scenarios/cache.ts.
import { dataJobs } from "../../catalog/data-targets.ts";
import { seconds } from "../../catalog/duration.ts";
import { rateWindow } from "../../catalog/targets.ts";
import { target } from "../../catalog/thresholds.ts";
import { boundaryCases, fixed2, humanize, humanizeDuration, humanizePercentage, levelCases, sampleCount, series } from "../testing.ts";
import type { RuleContext, RuleTestCase } from "../types.ts";
import { forOf } from "./data-common.ts";

const INSTANCES = ["cache-a:9121", "cache-b:9121"];
const redis = (instance: string) => ({ job: dataJobs().redis, instance });
const n = (alert: string) => sampleCount(forOf(alert));

function memoryTests(): RuleTestCase[] {
  const memN = n("RedisMemoryHigh");
  const evN = n("RedisEvictionsHigh");
  return [
    ...levelCases({
      alert: "RedisDown", forDuration: forOf("RedisDown"), quiet: 1, loud: 0,
      names: { quiet: "a reachable Redis", loud: "a Redis the exporter cannot reach" }, subjects: INSTANCES,
      inputs: (level, i) => [{ series: series("redis_up", redis(i)), values: `${level}x${n("RedisDown")}` }],
      labels: redis, format: String,
    }),
    ...boundaryCases({
      alert: "RedisMemoryHigh", forDuration: forOf("RedisMemoryHigh"), threshold: target("cacheMemoryShare"), margin: 0.05, subjects: INSTANCES,
      inputs: (level, i) => [
        { series: series("redis_memory_used_bytes", redis(i)), values: `${Math.round(level * 1e9)}x${memN}` },
        { series: series("redis_memory_max_bytes", redis(i)), values: `1000000000x${memN}` },
      ],
      labels: redis, format: humanizePercentage,
    }),
    ...boundaryCases({
      alert: "RedisEvictionsHigh", forDuration: forOf("RedisEvictionsHigh"), threshold: target("cacheEvictionRate"), margin: 0.5,
      subjects: INSTANCES, warmup: rateWindow(),
      inputs: (level, i) => [{ series: series("redis_evicted_keys_total", redis(i)), values: `0+${Math.round(level * 60)}x${evN}` }],
      labels: redis, format: fixed2,
    }),
  ];
}

function trafficTests(): RuleTestCase[] {
  const hitN = n("RedisCacheHitRateLow");
  const lookups = (i: string, hitsPerMinute: number, missesPerMinute: number) => [
    { series: series("redis_keyspace_hits_total", redis(i)), values: `0+${hitsPerMinute}x${hitN}` },
    { series: series("redis_keyspace_misses_total", redis(i)), values: `0+${missesPerMinute}x${hitN}` },
  ];
  const windowMinutes = seconds(rateWindow()) / 60;
  // Lookups a minute: ten times the floor (the quiet neighbours are in alerts/scenarios/cache.ts).
  const total = Math.ceil(10 * target("cacheMinLookups") * 60);
  return [
    ...boundaryCases({
      alert: "RedisCacheHitRateLow", forDuration: forOf("RedisCacheHitRateLow"), threshold: target("cacheHitRate"), margin: 0.05,
      direction: "below", subjects: INSTANCES, warmup: rateWindow(),
      inputs: (level, i) => lookups(i, Math.round(level * total), total - Math.round(level * total)),
      labels: redis, format: humanizePercentage, realised: (l) => Math.round(l * total) / total,
    }),
    ...levelCases({
      alert: "RedisRejectedConnections", forDuration: forOf("RedisRejectedConnections"), quiet: 0, loud: 1, warmup: rateWindow(),
      names: { quiet: "no rejected connection", loud: "one rejected connection a minute" }, subjects: INSTANCES,
      inputs: (level, i) => [{ series: series("redis_rejected_connections_total", redis(i)), values: `0+${level}x${n("RedisRejectedConnections")}` }],
      labels: redis, format: (perMinute) => humanize(perMinute * windowMinutes),
    }),
    ...boundaryCases({
      alert: "RedisClientsHigh", forDuration: forOf("RedisClientsHigh"), threshold: target("cacheClientsShare"), margin: 0.05, subjects: INSTANCES,
      inputs: (level, i) => [
        { series: series("redis_connected_clients", redis(i)), values: `${Math.round(level * 10000)}x${n("RedisClientsHigh")}` },
        { series: series("redis_config_maxclients", redis(i)), values: `10000x${n("RedisClientsHigh")}` },
      ],
      labels: redis, format: humanizePercentage,
    }),
  ];
}

function snapshotTests(): RuleTestCase[] {
  const staleN = n("RedisRdbSaveStale");
  return [
    ...levelCases({
      alert: "RedisRdbSaveFailing", forDuration: forOf("RedisRdbSaveFailing"), quiet: 1, loud: 0,
      names: { quiet: "a background save that succeeded", loud: "a background save that failed" }, subjects: INSTANCES,
      inputs: (level, i) => [{ series: series("redis_rdb_last_bgsave_status", redis(i)), values: `${level}x${n("RedisRdbSaveFailing")}` }],
      labels: redis, format: String,
    }),
    ...boundaryCases({
      alert: "RedisRdbSaveStale", forDuration: forOf("RedisRdbSaveStale"), threshold: target("backupMaxAge"), margin: 60, subjects: INSTANCES,
      // The last save stays `level` seconds behind the clock.
      inputs: (level, i) => [{ series: series("redis_rdb_last_save_timestamp_seconds", redis(i)), values: `${-level}+60x${staleN}` }],
      labels: redis, format: humanizeDuration,
    }),
  ];
}

export function cacheTests(_ctx: RuleContext): RuleTestCase[] {
  return [...memoryTests(), ...trafficTests(), ...snapshotTests()];
}
