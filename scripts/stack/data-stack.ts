// The data tier of the live stack (issue 13): PostgreSQL and postgres_exporter, Redis and
// redis_exporter, blackbox_exporter, the backend's HTTPS health endpoint, the backup job with its
// restore drill, and the traffic; the data-tier scenarios switch their faults on and off.
import fs from "node:fs";
import path from "node:path";
import type { DataTargets } from "../../catalog/data-types.ts";
import { startBlackbox } from "./blackbox.ts";
import { type BackupJob, startBackupJob } from "./backups.ts";
import { type DataFault, type DataSim, startDataSim } from "./data-sim.ts";
import { type Postgres, startPostgres, startPostgresExporter } from "./postgres.ts";
import type { ManagedProcess } from "./processes.ts";
import { startRedis, startRedisExporter } from "./redis.ts";
import { type Certificates, type HttpsEndpoint, makeCertificates, startHttpsEndpoint } from "./tls.ts";

export const DATA_PORTS = ["postgres", "postgresExporter", "redis", "redisExporter", "blackbox", "https"] as const;
export type DataPorts = Record<(typeof DATA_PORTS)[number], number>;

/** Scenarios of the data tier: each injects its fault for real. */
export function dataScenarioNames() {
  return ["db-connections", "db-locks", "db-slow-query", "cache-misses", "cache-memory", "cert-expiring", "api-unreachable", "restore-drill-fails", "backup-fails"] as const;
}
export type DataScenarioName = ReturnType<typeof dataScenarioNames>[number];

/** Days of validity: the stack's normal certificate, and `cert-expiring`'s (inside the 7-day page). */
export const CERT_DAYS = { normal: 90, expiring: 3 } as const;
/**
 * How often the backup job and its restore drill run in the stack (monthly/daily in production).
 * A backup fault switched on or off runs one at once (backups.ts), so its page does not wait
 * for the timer; every 8 s, the cycles (5 psql, pg_dump, pg_restore) kept about 5 % of a core busy
 * in every stack.
 */
export const BACKUP_EVERY_MS = 20_000;

export function tlsDir(dir: string): string {
  return path.join(dir, "tls");
}

export function dataTargetsFor(dir: string, ports: DataPorts): DataTargets {
  return {
    postgresExporter: [`127.0.0.1:${ports.postgresExporter}`],
    redisExporter: [`127.0.0.1:${ports.redisExporter}`],
    blackboxExporter: `127.0.0.1:${ports.blackbox}`,
    probeUrls: [`https://127.0.0.1:${ports.https}/healthz`],
    probeCaFile: path.join(tlsDir(dir), "ca.pem"),
    databaseMountpoint: "/",
  };
}

export interface DataStack {
  pg: Postgres;
  https: HttpsEndpoint;
  backups: BackupJob;
  sim: DataSim;
  processes: ManagedProcess[];
  urls: Record<string, string>;
  setScenario(names: readonly string[]): Promise<void>;
  stop(): Promise<void>;
}

export async function startDataStack(o: {
  dir: string; ports: DataPorts; generated: string; exporterUrl: string; textfileDir: string; log: (name: string) => string;
}): Promise<DataStack> {
  const processes: ManagedProcess[] = [];
  const cleanup: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
    await Promise.all(processes.map((p) => p.stop()));
  };
  try {
    const certs: Record<"normal" | "expiring", () => Certificates> = {
      normal: () => makeCertificates(tlsDir(o.dir), CERT_DAYS.normal),
      expiring: () => makeCertificates(tlsDir(o.dir), CERT_DAYS.expiring),
    };
    const https = await startHttpsEndpoint(o.ports.https, certs.normal());
    cleanup.push(() => https.close());
    const redisDir = path.join(o.dir, "redis");
    const redis = startRedis({ dir: redisDir, port: o.ports.redis, logFile: o.log("redis") });
    processes.push(redis);
    const pg = await startPostgres({ dir: path.join(o.dir, "postgres"), port: o.ports.postgres, logFile: o.log("postgresql") });
    processes.push(pg.process);
    await redis.waitReady();
    const exporters = [
      startPostgresExporter({ pg, port: o.ports.postgresExporter, queryFile: path.join(o.generated, "postgres_exporter", "queries.yaml"), logFile: o.log("postgres_exporter") }),
      startRedisExporter({ redisPort: o.ports.redis, port: o.ports.redisExporter, logFile: o.log("redis_exporter") }),
      startBlackbox({ generated: o.generated, port: o.ports.blackbox, logFile: o.log("blackbox_exporter") }),
    ];
    processes.push(...exporters);
    await Promise.all(exporters.map((p) => p.waitReady()));
    const sim = await startDataSim({ pg, redisPort: o.ports.redis, dir: o.dir });
    cleanup.push(() => sim.stop());
    fs.mkdirSync(o.textfileDir, { recursive: true });
    const backups = startBackupJob({ pg, dir: path.join(o.dir, "backups"), textfileDir: o.textfileDir, exporterUrl: o.exporterUrl, everyMs: BACKUP_EVERY_MS });
    cleanup.push(() => backups.stop());
    await backups.runOnce();
    let certState: "normal" | "expiring" = "normal";
    let serving = true;
    return {
      pg, https, backups, sim, processes,
      urls: {
        postgresExporter: `http://127.0.0.1:${o.ports.postgresExporter}`,
        redisExporter: `http://127.0.0.1:${o.ports.redisExporter}`,
        blackbox: `http://127.0.0.1:${o.ports.blackbox}`,
        https: https.url,
      },
      setScenario: async (names) => {
        const on = new Set(names);
        await sim.setFaults(new Set(dataScenarioNames().filter((n): n is DataFault => on.has(n) && !["cert-expiring", "api-unreachable", "restore-drill-fails", "backup-fails"].includes(n))));
        backups.setCorrupt(on.has("restore-drill-fails"));
        backups.setVolumeGone(on.has("backup-fails"));
        const wantCert = on.has("cert-expiring") ? "expiring" : "normal";
        const wantServing = !on.has("api-unreachable");
        if (!wantServing && serving) await https.stop();
        else if (wantServing && (!serving || wantCert !== certState)) await https.start(certs[wantCert]());
        serving = wantServing;
        certState = wantCert;
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
