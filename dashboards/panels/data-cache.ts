// Panels of Redis on the data dashboard: what alerts/cache.ts compares, with its thresholds.
import { cacheRecordNames } from "../../alerts/cache.ts";
import { formatTarget, target } from "../../catalog/thresholds.ts";
import { scope } from "../common.ts";
import type { DashboardContext, PanelDef } from "../types.ts";
import { dataTimeseries } from "./data-common.ts";

export function redisPanels(ctx: DashboardContext): PanelDef[] {
  const s = scope();
  const n = cacheRecordNames();
  const r = "$__rate_interval";
  return [
    dataTimeseries(ctx, {
      key: "redisUp", title: ["Redis 可用性", "Redis up"], unit: "none", min: 0, max: 1, span: 8,
      description: ["redis_up：1 为 redis_exporter 能连上 Redis，0 触发 RedisDown。", "redis_up: 1 when redis_exporter reaches Redis; 0 fires RedisDown."],
      targets: [[`redis_up{${s}}`, "{{instance}}"]],
    }),
    dataTimeseries(ctx, {
      key: "redisHitRate", title: ["缓存命中率", "Cache hit rate"], unit: "percentunit", min: 0, max: 1, span: 8,
      threshold: target("cacheHitRate"), redBelow: true,
      description: [`命中的查询占所有键查询的比例（运维指南 3.3）。虚线为 ${formatTarget("cacheHitRate")}，查询高于每秒 ${target("cacheMinLookups")} 次时持续低于它触发 RedisCacheHitRateLow。`, `Share of key lookups that hit (ops guide 3.3). The dashed line is ${formatTarget("cacheHitRate")}; staying below it with more than ${target("cacheMinLookups")} lookups per second fires RedisCacheHitRateLow.`],
      targets: [[`${n.hitRate}{${s}}`, "{{instance}}"]],
    }),
    dataTimeseries(ctx, {
      key: "redisLookups", title: ["键查询速率", "Key lookups"], unit: "ops", min: 0, span: 8, threshold: target("cacheMinLookups"),
      description: [`每秒键查询（命中加未命中）。虚线为下限 ${target("cacheMinLookups")}/s：低于它时命中率不告警。`, `Key lookups (hits plus misses) per second. The dashed line is the ${target("cacheMinLookups")}/s floor: below it the hit rate does not alert.`],
      targets: [[`${n.lookups}{${s}}`, "{{instance}}"]],
    }),
    dataTimeseries(ctx, {
      key: "redisTraffic", title: ["查询与命令速率", "Lookups and commands"], unit: "ops", min: 0,
      description: ["每秒命中与未命中的键查询，以及处理的命令数。", "Key lookups that hit and missed, and commands processed, per second."],
      targets: [[`rate(redis_keyspace_hits_total{${s}}[${r}])`, "{{instance}} hits"], [`rate(redis_keyspace_misses_total{${s}}[${r}])`, "{{instance}} misses"],
        [`rate(redis_commands_processed_total{${s}}[${r}])`, "{{instance}} commands"]],
    }),
    dataTimeseries(ctx, {
      key: "redisMemory", title: ["内存占 maxmemory", "Memory against maxmemory"], unit: "percentunit", min: 0, max: 1,
      threshold: target("cacheMemoryShare"),
      description: [`已用内存除以 maxmemory。虚线为 ${formatTarget("cacheMemoryShare")}，持续高于它触发 RedisMemoryHigh；另有已用字节数。`, `Memory used over maxmemory. The dashed line is ${formatTarget("cacheMemoryShare")}; staying above it fires RedisMemoryHigh. Bytes used are shown too.`],
      targets: [[`${n.memory}{${s}}`, "{{instance}}"]],
    }),
    dataTimeseries(ctx, {
      key: "redisMemoryBytes", title: ["内存用量", "Memory used"], unit: "bytes", min: 0,
      description: ["已用内存与 maxmemory（字节）。", "Memory used and maxmemory, in bytes."],
      targets: [[`redis_memory_used_bytes{${s}}`, "{{instance}} used"], [`redis_memory_max_bytes{${s}}`, "{{instance}} maxmemory"]],
    }),
    dataTimeseries(ctx, {
      key: "redisEvictions", title: ["淘汰速率", "Evictions per second"], unit: "ops", min: 0, threshold: target("cacheEvictionRate"),
      description: [`每秒因 maxmemory 淘汰的键。虚线为 ${formatTarget("cacheEvictionRate")}，持续高于它触发 RedisEvictionsHigh。`, `Keys evicted per second because of maxmemory. The dashed line is ${formatTarget("cacheEvictionRate")}; staying above it fires RedisEvictionsHigh.`],
      targets: [[`rate(redis_evicted_keys_total{${s}}[${r}])`, "{{instance}}"]],
    }),
    dataTimeseries(ctx, {
      key: "redisClients", title: ["客户端与拒绝的连接", "Clients and rejected connections"], unit: "percentunit", min: 0, max: 1,
      threshold: target("cacheClientsShare"),
      description: [`客户端连接占 maxclients 的比例（RedisClientsHigh，${formatTarget("cacheClientsShare")}），以及每秒拒绝的连接（RedisRejectedConnections）。`, `Clients over maxclients (RedisClientsHigh, ${formatTarget("cacheClientsShare")}), and connections rejected per second (RedisRejectedConnections).`],
      targets: [[`redis_connected_clients{${s}} / redis_config_maxclients{${s}}`, "{{instance}} clients"], [`rate(redis_rejected_connections_total{${s}}[${r}])`, "{{instance}} rejected/s"]],
    }),
    dataTimeseries(ctx, {
      key: "redisRdb", title: ["RDB 快照", "RDB snapshot"], unit: "s", min: 0, threshold: target("backupMaxAge"),
      description: [`距最近一次成功 RDB 保存的时间（redis_snapshot 备份的来源）。虚线为 ${formatTarget("backupMaxAge")}，超过触发 RedisRdbSaveStale；最近一次后台保存的状态（1 成功，0 失败触发 RedisRdbSaveFailing）。`, `Time since the last successful RDB save (the source of the redis_snapshot backup). The dashed line is ${formatTarget("backupMaxAge")}; above it fires RedisRdbSaveStale. The latest background save's status (1 ok, 0 failed fires RedisRdbSaveFailing).`],
      targets: [[`time() - redis_rdb_last_save_timestamp_seconds{${s}}`, "{{instance}} age"], [`redis_rdb_last_bgsave_status{${s}}`, "{{instance}} last bgsave ok"]],
    }),
  ];
}
