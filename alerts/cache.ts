// Redis (ops guide 3.3 缓存命中率监控): down, memory against maxmemory, evictions, the hit rate
// with a traffic floor, rejected connections, clients, and the RDB snapshot that the
// `redis_snapshot` backup relies on. Neither public Redis mixin alerts on the hit rate; ours does.
import { rateWindow } from "../catalog/targets.ts";
import { formatTarget, target } from "../catalog/thresholds.ts";
import { cacheTests } from "./cases/cache.ts";
import { dataAlert, dataJob } from "./data-common.ts";
import type { AlertDef, RecordDef, RuleContext, RuleGroupDef } from "./types.ts";

export function cacheRecordNames() {
  const w = rateWindow();
  return {
    memory: "instance:redis_memory_utilisation:ratio",
    lookups: `instance:redis_keyspace_lookups:rate${w}`,
    hitRate: `instance:redis_keyspace_hits:ratio_rate${w}`,
  };
}

function records(): RecordDef[] {
  const j = dataJob("redis");
  const w = rateWindow();
  const n = cacheRecordNames();
  return [
    // maxmemory 0 means "no limit": no ratio then.
    { kind: "record", record: n.memory, expr: `redis_memory_used_bytes{${j}} / (redis_memory_max_bytes{${j}} > 0)` },
    { kind: "record", record: n.lookups, expr: `rate(redis_keyspace_hits_total{${j}}[${w}]) + rate(redis_keyspace_misses_total{${j}}[${w}])` },
    { kind: "record", record: n.hitRate, expr: `rate(redis_keyspace_hits_total{${j}}[${w}]) / ${n.lookups}` },
  ];
}

function alerts(): AlertDef[] {
  const j = dataJob("redis");
  const n = cacheRecordNames();
  const w = rateWindow();
  return [
    dataAlert("RedisDown", "P1", `redis_up{${j}} == 0`, ["Redis 不可用", "Redis is down"],
      (t) => `redis_exporter（${t.label("instance")}）连不上 Redis：会话与配置缓存失效，所有读取都落到 PostgreSQL。`,
      (t) => `redis_exporter (${t.label("instance")}) cannot reach Redis: the session and configuration cache is gone and every read falls on PostgreSQL.`, "redisUp"),
    dataAlert("RedisMemoryHigh", "P2", `${n.memory} > ${target("cacheMemoryShare")}`, ["Redis 内存接近 maxmemory", "Redis memory near maxmemory"],
      (t) => `${t.label("instance")} 已用 maxmemory 的 ${t.value("percent")}，超过 ${formatTarget("cacheMemoryShare")}：即将或已经开始淘汰键。`,
      (t) => `${t.label("instance")} uses ${t.value("percent")} of maxmemory, above ${formatTarget("cacheMemoryShare")}: it is about to evict keys, or already does.`, "redisMemory"),
    dataAlert("RedisEvictionsHigh", "P2", `rate(redis_evicted_keys_total{${j}}[${w}]) > ${target("cacheEvictionRate")}`, ["Redis 持续淘汰键", "Redis keeps evicting keys"],
      (t) => `${t.label("instance")} 最近 ${w} 每秒淘汰 ${t.value("decimal")} 个键，高于 ${formatTarget("cacheEvictionRate")}：缓存容量不足。`,
      (t) => `${t.label("instance")} evicted ${t.value("decimal")} keys per second over the last ${w}, above ${formatTarget("cacheEvictionRate")}: the cache is too small.`, "redisEvictions"),
    dataAlert("RedisCacheHitRateLow", "P2", `${n.hitRate} < ${target("cacheHitRate")} and on (job, instance) ${n.lookups} > ${target("cacheMinLookups")}`,
      ["Redis 缓存命中率偏低", "The Redis cache hit rate is low"],
      (t) => `${t.label("instance")} 最近 ${w} 的缓存命中率为 ${t.value("percent")}，低于 ${formatTarget("cacheHitRate")}：缓存被清空或键设计失效，数据库负载随之上升。`,
      (t) => `The cache hit rate of ${t.label("instance")} over the last ${w} is ${t.value("percent")}, below ${formatTarget("cacheHitRate")}: the cache was flushed or its keys no longer match, and the database takes the load.`, "redisHitRate"),
    dataAlert("RedisRejectedConnections", "P1", `increase(redis_rejected_connections_total{${j}}[${w}]) > 0`, ["Redis 拒绝连接", "Redis rejects connections"],
      (t) => `${t.label("instance")} 最近 ${w} 拒绝了 ${t.value("number")} 个连接（已达 maxclients）：后端的缓存请求失败。`,
      (t) => `${t.label("instance")} rejected ${t.value("number")} connections over the last ${w} (maxclients reached): the backend's cache requests fail.`, "redisClients"),
    dataAlert("RedisClientsHigh", "P2", `redis_connected_clients{${j}} / redis_config_maxclients{${j}} > ${target("cacheClientsShare")}`,
      ["Redis 客户端连接数接近上限", "Redis clients near maxclients"],
      (t) => `${t.label("instance")} 的客户端连接已达 maxclients 的 ${t.value("percent")}，超过 ${formatTarget("cacheClientsShare")}。`,
      (t) => `${t.label("instance")} has ${t.value("percent")} of maxclients connected, above ${formatTarget("cacheClientsShare")}.`, "redisClients"),
    dataAlert("RedisRdbSaveFailing", "P2", `redis_rdb_last_bgsave_status{${j}} == 0`, ["Redis RDB 快照保存失败", "Redis fails to save its RDB snapshot"],
      (t) => `${t.label("instance")} 最近一次后台 RDB 保存失败：redis_snapshot 备份拿不到新的快照。`,
      (t) => `The latest background RDB save of ${t.label("instance")} failed: the redis_snapshot backup gets no new snapshot.`, "redisRdb"),
    dataAlert("RedisRdbSaveStale", "P2", `time() - redis_rdb_last_save_timestamp_seconds{${j}} > ${target("backupMaxAge")}`,
      ["Redis RDB 快照过旧", "The Redis RDB snapshot is stale"],
      (t) => `${t.label("instance")} 最近一次成功的 RDB 保存距今 ${t.value("duration")}，超过每日备份的 ${formatTarget("backupMaxAge")}。`,
      (t) => `The last successful RDB save of ${t.label("instance")} was ${t.value("duration")} ago, more than the daily backup's ${formatTarget("backupMaxAge")}.`, "redisRdb"),
  ];
}

export function cacheRules(ctx: RuleContext): RuleGroupDef {
  return { domain: "cache", group: "xinliya.cache", rules: [...records(), ...alerts()], tests: cacheTests(ctx) };
}
