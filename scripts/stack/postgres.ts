// A throwaway PostgreSQL 15 cluster in the stack's folder, on 127.0.0.1 and a free port, with
// pg_stat_statements and WAL archiving on; run as the `postgres` user when we are root (PostgreSQL
// refuses root). Started and stopped by process id, like every process of the stack.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ManagedProcess } from "./processes.ts";

export const PG_BIN = "/usr/lib/postgresql/15/bin";
/** The application database; pgbench's TPC-B-like tables stand in for the backend's. */
export const APP_DATABASE = "xinliya";
/** Small on purpose, so `db-connections` reaches it with a few dozen sessions. */
export const MAX_CONNECTIONS = 40;

export interface Postgres {
  process: ManagedProcess;
  port: number;
  /** Connection flags for psql, pg_dump, pg_restore and pgbench. */
  connect: string[];
  dsn(database?: string): string;
  /** Runs SQL with psql, returns its unaligned output. */
  sql(query: string, database?: string): string;
  /** Owner of the cluster's files, and of every child that touches them. */
  user: { uid?: number; gid?: number };
}

/** uid and gid of `postgres` when we are root; nothing otherwise (run as ourselves). */
export function postgresUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

/** Lets the postgres user reach `dir`: adds traverse (never read) permission on our own ancestors. */
function allowTraverse(dir: string): void {
  for (let d = path.dirname(dir); d !== path.dirname(d); d = path.dirname(d)) {
    const st = fs.statSync(d);
    if (st.uid === process.getuid?.() && (st.mode & 0o001) === 0) fs.chmodSync(d, st.mode | 0o001);
  }
}

function run(command: string, args: string[], user: Postgres["user"], what: string): string {
  const r = spawnSync(command, args, { ...user, encoding: "utf8", timeout: 60_000 });
  if (r.status !== 0) throw new Error(`PostgreSQL: ${what} failed (${command} ${args.join(" ")}):\n${r.stderr || r.stdout || r.error}`);
  return r.stdout;
}

// --no-sync: a throwaway cluster (fsync is off below too); initdb need not flush its ~1 000 files.
const INITDB_ARGS = ["-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-instructions", "--no-sync"];

/**
 * A fresh initdb'd cluster, made once per machine, initdb binary (its size and time) and initdb
 * arguments (they name its folder), and copied (`cp -a`) for every stack: initdb cost 0.8 s of CPU per stack, a
 * copy 0.16 s. Each stack still runs its own cluster, configured after the copy. Made in a
 * folder of its own and renamed into place, so a stack never copies half a template, and two
 * processes making it at once both succeed.
 */
export function clusterTemplate(user: Postgres["user"]): string {
  const binary = fs.statSync(path.join(PG_BIN, "initdb"));
  const key = createHash("sha256").update(JSON.stringify([PG_BIN, binary.size, binary.mtimeMs, INITDB_ARGS])).digest("hex").slice(0, 12);
  const template = path.join(os.tmpdir(), `xinliya-pg-template-${process.getuid?.() ?? "u"}-${key}`);
  if (fs.existsSync(path.join(template, "PG_VERSION"))) return template;
  const making = `${template}.making-${process.pid}-${randomBytes(4).toString("hex")}`;
  run(path.join(PG_BIN, "initdb"), ["-D", making, ...INITDB_ARGS], user, "initdb");
  try {
    fs.renameSync(making, template);
  } catch (e) {
    // Another process put its template in place first: use that one.
    fs.rmSync(making, { recursive: true, force: true });
    if (!fs.existsSync(path.join(template, "PG_VERSION"))) throw e;
  }
  return template;
}

export async function startPostgres(o: { dir: string; port: number; logFile: string }): Promise<Postgres> {
  const user = postgresUser();
  const data = path.join(o.dir, "data");
  const archive = path.join(o.dir, "wal-archive");
  fs.mkdirSync(archive, { recursive: true });
  if (user.uid !== undefined) {
    allowTraverse(o.dir);
    fs.chownSync(o.dir, user.uid, user.gid!);
    fs.chownSync(archive, user.uid, user.gid!);
  }
  run("cp", ["-a", clusterTemplate(user), data], user, "copying the initdb template");
  const settings: Record<string, string> = {
    listen_addresses: "'127.0.0.1'",
    port: String(o.port),
    unix_socket_directories: "''",
    max_connections: String(MAX_CONNECTIONS),
    shared_preload_libraries: "'pg_stat_statements'",
    "pg_stat_statements.track": "'top'",
    archive_mode: "on",
    archive_command: `'test ! -f ${archive}/%f && cp %p ${archive}/%f'`,
    fsync: "off", // a throwaway cluster: speed over durability
    deadlock_timeout: "'200ms'",
    // A killed client's backend ends within a second, even inside pg_sleep (the fault scenarios).
    client_connection_check_interval: "'1s'",
  };
  fs.appendFileSync(path.join(data, "postgresql.conf"), Object.entries(settings).map(([k, v]) => `${k} = ${v}\n`).join(""));
  const connect = ["-h", "127.0.0.1", "-p", String(o.port), "-U", "postgres"];
  const process_ = ManagedProcess.start({
    name: "postgresql", command: path.join(PG_BIN, "postgres"), args: ["-D", data], logFile: o.logFile, ...user,
    ready: async () => spawnSync(path.join(PG_BIN, "pg_isready"), [...connect, "-q"]).status === 0,
  });
  const pg: Postgres = {
    process: process_, port: o.port, connect, user,
    dsn: (db = APP_DATABASE) => `postgresql://postgres@127.0.0.1:${o.port}/${db}?sslmode=disable`,
    sql: (query, db = APP_DATABASE) => run(path.join(PG_BIN, "psql"), [...connect, "-d", db, "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", query], user, "psql"),
  };
  try {
    await process_.waitReady(30_000);
    pg.sql(`CREATE DATABASE ${APP_DATABASE}`, "postgres");
    pg.sql("CREATE EXTENSION pg_stat_statements");
    run(path.join(PG_BIN, "pgbench"), [...connect, "-i", "-s", "1", "-q", APP_DATABASE], user, "pgbench -i");
  } catch (e) {
    await process_.stop();
    throw e;
  }
  return pg;
}

export function startPostgresExporter(o: { pg: Postgres; port: number; queryFile: string; logFile: string }): ManagedProcess {
  return ManagedProcess.start({
    name: "postgres_exporter", command: "/usr/bin/prometheus-postgres-exporter", logFile: o.logFile,
    args: [`--web.listen-address=127.0.0.1:${o.port}`, `--extend.query-path=${o.queryFile}`],
    env: { DATA_SOURCE_NAME: o.pg.dsn() },
    ready: async () => {
      const text = await (await fetch(`http://127.0.0.1:${o.port}/metrics`, { signal: AbortSignal.timeout(2000) })).text();
      return /^pg_up 1$/m.test(text);
    },
  });
}

/** pgbench, as a managed process: `clients` sessions running `script` (or TPC-B), at most `rate` tx/s. */
export function startPgbench(o: { pg: Postgres; name: string; clients: number; rate?: number; script?: string; dir: string }): ManagedProcess {
  const args = [...o.pg.connect, "-n", "-c", String(o.clients), "-j", "1", "-T", "86400"];
  if (o.rate) args.push("-R", String(o.rate));
  if (o.script) {
    const file = path.join(o.dir, `${o.name}.sql`);
    fs.writeFileSync(file, o.script);
    args.push("-f", file);
  }
  return ManagedProcess.start({
    name: o.name, command: path.join(PG_BIN, "pgbench"), args: [...args, APP_DATABASE], logFile: path.join(o.dir, `${o.name}.log`),
    ready: async () => true,
  });
}
