// The real backup job and restore drill of the local stack, against its real PostgreSQL:
// `pg_dump -Fc` from an exported snapshot, whose row counts are taken in that same snapshot; then
// `pg_restore` into a scratch database and the same counts there. The job reports its outcome
// through the business exporter's `backup` event (its current HTTP API), and its size, duration,
// the drill's restore time (RTO) and whether the data matched in a node_exporter textfile.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { drilledBackup } from "../../catalog/data-targets.ts";
import { APP_DATABASE, PG_BIN, type Postgres } from "./postgres.ts";

export interface BackupRun {
  backupOk: boolean;
  sizeBytes: number;
  backupSeconds: number;
  drillOk: boolean;
  dataMatch: boolean;
  drillSeconds: number;
  error?: string;
}

export interface BackupJob {
  /**
   * `restore-drill-fails`: the dump is corrupted between the backup and the drill. Switching a
   * fault on or off runs a backup and drill right after the one running, if any, so its page does
   * not wait for the timer.
   */
  setCorrupt(on: boolean): void;
  /** `backup-fails`: the backup volume is gone, so pg_dump cannot write its file and exits non-zero. Switching it runs one too. */
  setVolumeGone(on: boolean): void;
  /** One backup and drill now (the timer also runs them); the one running, if there is one. */
  runOnce(): Promise<BackupRun>;
  runs: BackupRun[];
  stop(): Promise<void>;
}

const DRILL_DATABASE = "xinliya_restore_drill";

export function startBackupJob(o: { pg: Postgres; dir: string; textfileDir: string; exporterUrl: string; everyMs: number }): BackupJob {
  const children = new Set<ChildProcess>();
  let corrupt = false;
  let volumeGone = false;
  let stopped = false;
  let running: Promise<BackupRun> | undefined;
  let lastDrillSuccess: number | undefined;
  const runs: BackupRun[] = [];
  const dump = path.join(o.dir, `${APP_DATABASE}.dump`);
  fs.mkdirSync(o.dir, { recursive: true });

  const exec = (bin: string, args: string[]) => new Promise<string>((resolve, reject) => {
    const child = execFile(path.join(PG_BIN, bin), [...o.pg.connect, ...args], { encoding: "utf8", timeout: 120_000 }, (err, stdout, stderr) => {
      children.delete(child);
      if (err) reject(new Error(`${bin}: ${stderr.trim() || err.message}`)); else resolve(stdout);
    });
    children.add(child);
  });

  const countQuery = (tables: string[]) =>
    `SELECT ${tables.map((t) => `'${t}=' || (SELECT count(*) FROM ${t})`).join(" || ',' || ")}`;

  /** pg_dump from an exported snapshot, and the row counts of that snapshot. */
  async function backup(tables: string[]): Promise<string> {
    const session = spawn(path.join(PG_BIN, "psql"), [...o.pg.connect, "-d", APP_DATABASE, "-XAtq", "-v", "ON_ERROR_STOP=1"], { stdio: ["pipe", "pipe", "pipe"] });
    children.add(session);
    session.once("exit", () => children.delete(session));
    // A psql that died early (the server stopping) must not crash the stack with EPIPE: the read
    // below reports it ("psql ended early").
    session.stdin!.on("error", () => undefined);
    const lines = readline.createInterface({ input: session.stdout! })[Symbol.asyncIterator]();
    const next = async () => {
      const r = await lines.next();
      if (r.done) throw new Error("psql ended early");
      return r.value;
    };
    try {
      session.stdin!.write("BEGIN ISOLATION LEVEL REPEATABLE READ;\nSELECT pg_export_snapshot();\n");
      const snapshot = await next();
      // A missing volume is a folder that does not exist: pg_dump's own "could not open output file".
      const target = volumeGone ? path.join(o.dir, "unmounted-volume", path.basename(dump)) : dump;
      await exec("pg_dump", ["-Fc", "-d", APP_DATABASE, `--snapshot=${snapshot}`, "-f", target]);
      session.stdin!.write(`${countQuery(tables)};\n`);
      return await next();
    } finally {
      session.stdin!.end("COMMIT;\n");
    }
  }

  async function cycle(): Promise<BackupRun> {
    const run: BackupRun = { backupOk: false, sizeBytes: 0, backupSeconds: 0, drillOk: false, dataMatch: false, drillSeconds: 0 };
    const tables = (await exec("psql", ["-d", APP_DATABASE, "-XAtq", "-c", "SELECT schemaname || '.' || relname FROM pg_stat_user_tables ORDER BY 1"]))
      .trim().split("\n").filter(Boolean);
    const t0 = Date.now();
    let expected = "";
    try {
      expected = await backup(tables);
      run.sizeBytes = fs.statSync(dump).size;
      run.backupOk = run.sizeBytes > 0;
    } catch (e) {
      run.error = (e as Error).message;
    }
    run.backupSeconds = (Date.now() - t0) / 1000;
    if (run.backupOk && corrupt) {
      // Overwrite the second half of the archive: its data blocks no longer decompress.
      const fd = fs.openSync(dump, "r+");
      fs.writeSync(fd, Buffer.alloc(Math.floor(run.sizeBytes / 2), 0x5a), 0, Math.floor(run.sizeBytes / 2), Math.floor(run.sizeBytes / 2));
      fs.closeSync(fd);
    }
    if (run.backupOk) {
      const t1 = Date.now();
      try {
        await exec("psql", ["-d", "postgres", "-XAtq", "-c", `DROP DATABASE IF EXISTS ${DRILL_DATABASE}`]);
        await exec("psql", ["-d", "postgres", "-XAtq", "-c", `CREATE DATABASE ${DRILL_DATABASE}`]);
        await exec("pg_restore", ["-d", DRILL_DATABASE, "--exit-on-error", "--no-owner", dump]);
        const restored = (await exec("psql", ["-d", DRILL_DATABASE, "-XAtq", "-c", countQuery(tables)])).trim();
        run.dataMatch = restored === expected.trim();
        run.drillOk = run.dataMatch;
        if (!run.dataMatch) run.error = `row counts differ: source ${expected} restored ${restored}`;
      } catch (e) {
        run.error = (e as Error).message;
      }
      run.drillSeconds = (Date.now() - t1) / 1000;
    }
    await report(run);
    runs.push(run);
    return run;
  }

  async function report(run: BackupRun): Promise<void> {
    const now = Date.now() / 1000;
    if (run.drillOk) lastDrillSuccess = now;
    const b = drilledBackup();
    // No dump, no drill: the drill series keep the latest drill that ran (a drill that did not run
    // did not fail; RestoreDrillMissing catches drills that stop).
    const drilled = run.backupOk ? run : [...runs].reverse().find((r) => r.backupOk) ?? run;
    const lines = [
      ["xinliya_pg_backup_size_bytes", run.sizeBytes, "Size of the latest successful dump."],
      ["xinliya_pg_backup_duration_seconds", run.backupSeconds, "Duration of the latest backup run."],
      ["xinliya_restore_drill_last_run_success", drilled.drillOk ? 1 : 0, "1 when the latest restore drill restored and its row counts matched."],
      ["xinliya_restore_drill_duration_seconds", drilled.drillSeconds, "Restore time (RTO) of the latest drill."],
      ["xinliya_restore_drill_data_match", drilled.dataMatch ? 1 : 0, "1 when the restored row counts equal the source's."],
      ...(lastDrillSuccess ? [["xinliya_restore_drill_last_success_timestamp_seconds", lastDrillSuccess, "Unix time of the last successful restore drill."]] : []),
    ] as [string, number, string][];
    // A failed backup leaves the size of the last good dump: the size series is about dumps.
    const previous = [...runs].reverse().find((r) => r.backupOk);
    if (!run.backupOk && previous) lines[0]![1] = previous.sizeBytes;
    const text = lines.map(([name, v, help]) => `# HELP ${name} ${help}\n# TYPE ${name} gauge\n${name}{backup="${b}"} ${v}\n`).join("");
    const file = path.join(o.textfileDir, "xinliya_backups.prom");
    fs.writeFileSync(`${file}.tmp`, text);
    fs.renameSync(`${file}.tmp`, file);
    const event = { type: "backup", backup: b, outcome: run.backupOk ? "success" : "failure", finishedAt: Math.round(now) };
    await fetch(`${o.exporterUrl}/v1/events`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(event) }).catch(() => undefined);
  }

  const runOnce = () => {
    running ??= cycle().finally(() => { running = undefined; });
    return running;
  };
  /** A run that starts after the one running, if any: it sees the fault just switched. */
  const runNext = async () => {
    await running?.catch(() => undefined);
    return runOnce();
  };
  const switched = (was: boolean, on: boolean) => {
    if (was !== on && !stopped) void runNext().catch(() => undefined);
    return on;
  };
  const timer = setInterval(() => { if (!stopped && !running) void runOnce().catch(() => undefined); }, o.everyMs);
  return {
    setCorrupt: (on) => { corrupt = switched(corrupt, on); },
    setVolumeGone: (on) => { volumeGone = switched(volumeGone, on); },
    runOnce, runs,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      for (const c of children) if (c.pid) process.kill(c.pid, "SIGKILL");
      await running?.catch(() => undefined);
    },
  };
}
