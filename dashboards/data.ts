// 数据库与缓存 — PostgreSQL, Redis, reachability and restore drills (issue 13; ops guide 3.2, 3.3,
// 4.3 数据库问题, 6.1 传输加密, 6.3 恢复测试).
import { redisPanels } from "./panels/data-cache.ts";
import { postgresPanels } from "./panels/data-postgres.ts";
import { drillPanels, reachabilityPanels } from "./panels/data-reach.ts";
import type { DashboardContext, DashboardDef } from "./types.ts";

export function dataDashboard(ctx: DashboardContext): DashboardDef {
  return {
    uid: "xinliya-data",
    title: { zh: "数据库与缓存", en: "Databases and cache" },
    description: {
      zh: "PostgreSQL 的连接、锁、慢查询与维护，Redis 的内存与命中率，API 的外部探测与证书，以及备份与恢复演练，阈值线与告警规则一致。",
      en: "PostgreSQL connections, locks, slow queries and maintenance, Redis memory and hit rate, external probes and certificates of the API, and backups with restore drills, with the same thresholds as the alerts.",
    },
    rows: [
      { title: { zh: "PostgreSQL", en: "PostgreSQL" }, panels: postgresPanels(ctx) },
      { title: { zh: "Redis 缓存", en: "Redis cache" }, panels: redisPanels(ctx) },
      { title: { zh: "可达性与证书", en: "Reachability and certificates" }, panels: reachabilityPanels(ctx) },
      { title: { zh: "备份与恢复演练", en: "Backups and restore drills" }, panels: drillPanels(ctx) },
    ],
  };
}
