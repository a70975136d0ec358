// Where the data tier's targets (issue 13) show: the alert that compares each, and the panels of
// xinliya-data that draw it. Written from the issue, not derived from the code.
import type { TargetName } from "../../catalog/targets.ts";

export function dataShown(): Partial<Record<TargetName, { alert: string; thresholds: string[] }>> {
  const d = (key: string) => `xinliya-data/${key}`;
  return {
    dbConnectionsShare: { alert: "PostgresConnectionsHigh", thresholds: [d("pgConnections")] },
    dbLongTransaction: { alert: "PostgresLongTransaction", thresholds: [d("pgTransactions")] },
    dbSlowQueryMean: { alert: "PostgresSlowQueries", thresholds: [d("pgSlowQueries")] },
    dbCacheHitRatio: { alert: "PostgresCacheHitRatioLow", thresholds: [d("pgCacheHit")] },
    dbXidWraparoundShare: { alert: "PostgresXidWraparoundRisk", thresholds: [d("pgMaintenance")] },
    dbDeadTupleShare: { alert: "PostgresDeadTuplesHigh", thresholds: [d("pgMaintenance")] },
    dbVacuumMaxAge: { alert: "PostgresVacuumTooOld", thresholds: [d("pgVacuum")] },
    cacheMemoryShare: { alert: "RedisMemoryHigh", thresholds: [d("redisMemory")] },
    cacheEvictionRate: { alert: "RedisEvictionsHigh", thresholds: [d("redisEvictions")] },
    cacheHitRate: { alert: "RedisCacheHitRateLow", thresholds: [d("redisHitRate")] },
    cacheMinLookups: { alert: "RedisCacheHitRateLow", thresholds: [d("redisLookups")] },
    cacheClientsShare: { alert: "RedisClientsHigh", thresholds: [d("redisClients")] },
    certExpiryWarn: { alert: "CertificateExpiringSoon", thresholds: [d("certExpiry")] },
    certExpiryPage: { alert: "CertificateExpiresIn7Days", thresholds: [d("certExpiry")] },
    restoreDrillRto: { alert: "RestoreDrillSlow", thresholds: [d("restoreDrill")] },
  };
}

/**
 * Data-tier targets no panel draws as a level: traffic floors and minimum sizes (dbMinBlockReads,
 * dbMinDeadTuples), a count of zero (dbLockWaitSessions), a second age beside the one drawn
 * (dbIdleInTransaction, same panel as dbLongTransaction), and ratios or ages of other series
 * (backupSizeDropShare against the 7-day maximum, restoreDrillMaxAge), which the descriptions state.
 */
export function dataUndrawn(): string[] {
  return ["dbMinBlockReads", "dbMinDeadTuples", "dbLockWaitSessions", "dbIdleInTransaction", "backupSizeDropShare", "restoreDrillMaxAge"];
}
