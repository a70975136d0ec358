// Real traffic into the data tier, and the data-tier faults of the scenarios, injected for real:
// pgbench transactions into PostgreSQL, cache-aside gets and sets into Redis; extra sessions,
// an ACCESS EXCLUSIVE lock, a slow statement, a flushed cache, a full cache.
import { spawn } from "node:child_process";
import path from "node:path";
import { MAX_CONNECTIONS, PG_BIN, APP_DATABASE, type Postgres, startPgbench } from "./postgres.ts";
import type { ManagedProcess } from "./processes.ts";
import { RespClient } from "./redis.ts";

export type DataFault = "db-connections" | "db-locks" | "db-slow-query" | "cache-misses" | "cache-memory";

const HOT_KEYS = 200;
/** Sessions `db-connections` opens: with the traffic, the exporter and the backup job, ~85 % of max_connections. */
export const FAULT_SESSIONS = MAX_CONNECTIONS - 9;

export interface DataSim {
  setFaults(faults: ReadonlySet<DataFault>): Promise<void>;
  /** Cache lookups so far, for the log. */
  lookups(): { hits: number; misses: number };
  stop(): Promise<void>;
}

export async function startDataSim(o: { pg: Postgres; redisPort: number; dir: string }): Promise<DataSim> {
  // TPC-B-like transactions (three updates, a select, an insert), 5 per second, 2 sessions.
  const traffic = startPgbench({ pg: o.pg, name: "pgbench-traffic", clients: 2, rate: 5, dir: o.dir });
  const faults = new Map<DataFault, ManagedProcess | (() => void)>();
  const cache = await RespClient.connect(o.redisPort);
  let hits = 0;
  let misses = 0;
  let cold = 0;
  let blob = 0;
  let active: ReadonlySet<DataFault> = new Set();
  const warm = async () => { for (let i = 0; i < HOT_KEYS; i++) await cache.command("SET", `session:${i}`, `agent-config-${i}`, "EX", "3600"); };
  await warm();
  const get = async (key: string) => {
    const r = await cache.command("GET", key);
    if (r === null) { misses++; await cache.command("SET", key, "v", "EX", "60"); } else hits++;
  };
  const payload = Buffer.alloc(64 * 1024, 0x61);
  const timer = setInterval(() => {
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 4; i++) work.push(get(`session:${Math.floor(Math.random() * HOT_KEYS)}`));
    // A real miss now and then: a cache-aside read of a key nobody asked for yet.
    if (Math.random() < 0.1) work.push(get(`session:new:${cold++}`));
    if (active.has("cache-misses")) for (let i = 0; i < 8; i++) work.push(get(`cold:${cold++}`));
    if (active.has("cache-memory")) for (let i = 0; i < 5; i++) work.push(cache.command("SET", `blob:${blob++}`, payload));
    void Promise.all(work).catch(() => undefined);
  }, 100);

  const psqlLock = (): ManagedProcess | (() => void) => {
    // Holds ACCESS EXCLUSIVE on the busiest table: every pgbench transaction waits behind it.
    const child = spawn(path.join(PG_BIN, "psql"), [...o.pg.connect, "-d", APP_DATABASE, "-Xq", "-c",
      "BEGIN; LOCK TABLE pgbench_accounts IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(86400);"], { stdio: "ignore" });
    return () => { if (child.pid && child.exitCode === null) process.kill(child.pid, "SIGTERM"); };
  };
  const start: Record<DataFault, () => ManagedProcess | (() => void) | Promise<() => void>> = {
    "db-connections": () => startPgbench({ pg: o.pg, name: "pgbench-connections", clients: FAULT_SESSIONS, script: "SELECT pg_sleep(1);\n", dir: o.dir }),
    "db-locks": psqlLock,
    "db-slow-query": () => startPgbench({ pg: o.pg, name: "pgbench-slow", clients: 1, script: "SELECT pg_sleep(1.5);\n", dir: o.dir }),
    "cache-misses": async () => { await cache.command("FLUSHALL"); return () => undefined; },
    // Leaving it: the blobs go, the hot keys come back.
    "cache-memory": () => () => { void cache.command("FLUSHALL").then(warm).catch(() => undefined); },
  };
  const end = async (f: DataFault) => {
    const h = faults.get(f);
    faults.delete(f);
    if (typeof h === "function") h(); else await h?.stop();
  };
  return {
    setFaults: async (next) => {
      for (const f of [...faults.keys()]) if (!next.has(f)) await end(f);
      for (const f of next) if (!faults.has(f)) faults.set(f, await start[f]());
      active = next;
    },
    lookups: () => ({ hits, misses }),
    stop: async () => {
      clearInterval(timer);
      active = new Set();
      for (const f of [...faults.keys()]) await end(f);
      await traffic.stop();
      cache.close();
    },
  };
}
