// Runbooks of the Redis alerts (alerts/cache.ts).
import type { Localized } from "../../catalog/types.ts";
import type { RunbookDef } from "./types.ts";

const s = (zh: string, en: string): Localized => ({ zh, en });
const rb = (meaning: Localized, checks: Localized[], mitigations: Localized[], guide: RunbookDef["guide"] = ["database", "performance"]): RunbookDef => ({ meaning, checks, mitigations, guide });
const info = s("`redis-cli -h <host> INFO memory`、`INFO stats`、`INFO clients`（只看统计，不要导出键值：可能含会话数据）。",
  "`redis-cli -h <host> INFO memory`, `INFO stats`, `INFO clients` (statistics only; never dump keys or values: they may hold session data).");

export function cacheRunbooks(): Record<string, RunbookDef> {
  return {
    RedisDown: rb(s("Redis 不可用：会话与智能体配置缓存失效，所有读取落到 PostgreSQL，响应变慢，数据库可能被压垮。", "Redis is down: the session and agent-configuration cache is gone, every read falls on PostgreSQL, responses slow down and the database may be overwhelmed."),
      [s("在缓存主机上 `redis-cli PING`，查看 Redis 日志（OOM、持久化错误）。", "On the cache host run `redis-cli PING` and read Redis's log (OOM, persistence errors).")],
      [s("重启 Redis；同时盯住 PostgreSQL 的连接数与慢查询。", "Restart Redis; watch PostgreSQL's connections and slow queries meanwhile.")], ["database", "unresponsive"]),
    RedisMemoryHigh: rb(s("Redis 内存接近 maxmemory：即将开始淘汰键，命中率会下降。", "Redis memory is near maxmemory: it is about to evict keys and the hit rate will fall."),
      [info, s("用 `redis-cli --bigkeys` 找出异常大的键前缀。", "Find unusually large key prefixes with `redis-cli --bigkeys`.")],
      [s("为键设置 TTL、清理异常键，或提高 maxmemory。", "Give keys a TTL, remove the abnormal ones, or raise maxmemory.")], ["database", "capacity"]),
    RedisEvictionsHigh: rb(s("Redis 持续淘汰键：缓存放不下工作集。", "Redis keeps evicting keys: the working set does not fit."),
      [info], [s("扩容或减少缓存内容；确认淘汰策略（allkeys-lru）符合预期。", "Grow the cache or cache less; make sure the eviction policy (allkeys-lru) is the intended one.")], ["database", "capacity"]),
    RedisCacheHitRateLow: rb(s("缓存命中率低于目标（运维指南 3.3）：请求落到数据库，响应时间与数据库负载上升。", "The cache hit rate is below target (ops guide 3.3): requests fall on the database, and response times and database load rise."),
      [info, s("确认是否有人执行了 FLUSHALL、刚发生重启或发布改变了键名。", "Check whether someone ran FLUSHALL, Redis just restarted, or a release changed the key names.")],
      [s("等待缓存预热或主动预热热点键；若键名变了，回滚或修复发布。", "Let the cache warm up or warm the hot keys; if key names changed, roll back or fix the release.")]),
    RedisRejectedConnections: rb(s("Redis 因 maxclients 拒绝连接：后端的缓存请求直接失败。", "Redis refuses connections because of maxclients: the backend's cache requests fail outright."),
      [info], [s("找出连接数异常的客户端（`CLIENT LIST` 只看地址与空闲时间），修复连接泄漏或提高 maxclients。", "Find the client with abnormal connections (`CLIENT LIST`, addresses and idle times only), fix the leak or raise maxclients.")]),
    RedisClientsHigh: rb(s("Redis 客户端连接数接近 maxclients：再多就会拒绝连接。", "Redis clients are near maxclients: a few more and connections are refused."),
      [info], [s("检查各服务的连接池配置，修复泄漏。", "Check each service's pool settings and fix leaks.")]),
    RedisRdbSaveFailing: rb(s("Redis 最近一次后台 RDB 保存失败：redis_snapshot 备份拿不到新快照。", "Redis's latest background RDB save failed: the redis_snapshot backup gets no new snapshot."),
      [s("在 Redis 日志里找 `Background saving error`；检查磁盘空间与 fork 是否因内存不足失败。", "Find `Background saving error` in Redis's log; check disk space and whether fork failed for lack of memory.")],
      [s("修复后执行 `BGSAVE` 并确认 `rdb_last_bgsave_status:ok`。", "Once fixed, run `BGSAVE` and check `rdb_last_bgsave_status:ok`.")], ["backup"]),
    RedisRdbSaveStale: rb(s("Redis 太久没有成功保存 RDB：一旦重启或故障，缓存中的会话状态会丢失更多。", "Redis has not saved an RDB for too long: a restart or failure would lose more session state."),
      [s("`INFO persistence` 查看 `rdb_last_save_time` 与 `save` 配置。", "Check `rdb_last_save_time` and the `save` setting with `INFO persistence`.")],
      [s("执行 `BGSAVE`，恢复 `save` 配置。", "Run `BGSAVE` and restore the `save` setting.")], ["backup"]),
  };
}
