// Child processes of the local stack: started with their own log file, waited for until ready,
// stopped by process id (SIGTERM, then SIGKILL after a grace period). Never by name.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import { goRuntimeEnv } from "../lib/go-runtime.ts";

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  logFile: string;
  env?: Record<string, string>;
  cwd?: string;
  /** Run as this user and group (PostgreSQL refuses to run as root). */
  uid?: number;
  gid?: number;
  /** Resolves once the process serves; rejects with a reason otherwise. */
  ready: () => Promise<boolean>;
}

/** Every managed process of this Node process still running, whichever stack (or none) owns it. */
const running = new Set<ManagedProcess>();
let exitHookInstalled = false;

/**
 * Our children are not in our process group's lifetime: a test worker that exits while a stack is
 * still starting would leave them to init. On exit, every one still running gets SIGKILL (exit
 * handlers must be synchronous: no grace period there; `stopEveryProcess` gives one before).
 */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const p of running) if (p.pid !== undefined) try { process.kill(p.pid, "SIGKILL"); } catch { /* already gone */ }
  });
}

/** Stops (SIGTERM, then SIGKILL) every managed process still running: the last line of clean-up. */
export async function stopEveryProcess(): Promise<void> {
  await Promise.allSettled([...running].map((p) => p.stop()));
}

export class ManagedProcess {
  private exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  private constructor(readonly spec: ProcessSpec, readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once("exit", (code) => { this.exitCode = code; running.delete(this); resolve(code); }));
    if (child.pid !== undefined) running.add(this);
  }

  static start(spec: ProcessSpec): ManagedProcess {
    const log = fs.openSync(spec.logFile, "a");
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      uid: spec.uid,
      gid: spec.gid,
      // Go servers get the runtime settings of scripts/lib/go-runtime.ts; other programs ignore them.
      env: { ...process.env, ...goRuntimeEnv(), ...spec.env },
      stdio: ["ignore", log, log],
    });
    fs.closeSync(log);
    child.once("error", () => undefined); // reported through waitReady
    installExitHook();
    return new ManagedProcess(spec, child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exitCode === undefined && this.child.pid !== undefined;
  }

  /** Polls `ready` until it answers true, the process exits, or `timeoutMs` passes. */
  async waitReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.spec.name} exited (code ${this.exitCode}) before it was ready\n${this.logTail()}`);
      if (await this.spec.ready().catch(() => false)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${this.spec.name} was not ready after ${timeoutMs} ms\n${this.logTail()}`);
  }

  logTail(lines = 15): string {
    try {
      const text = fs.readFileSync(this.spec.logFile, "utf8").trimEnd().split("\n").slice(-lines);
      return `--- last lines of ${this.spec.logFile} ---\n${text.join("\n")}`;
    } catch {
      return `(no log at ${this.spec.logFile})`;
    }
  }

  /** SIGKILL now, by process id (a second Ctrl-C); resolves once it has exited. */
  async kill(): Promise<void> {
    if (!this.running || this.pid === undefined) return;
    process.kill(this.pid, "SIGKILL");
    await this.exited;
  }

  async stop(graceMs = 5_000): Promise<void> {
    if (!this.running || this.pid === undefined) return;
    process.kill(this.pid, "SIGTERM");
    const timer = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), graceMs).unref());
    if ((await Promise.race([this.exited, timer])) === "timeout" && this.running) {
      process.kill(this.pid, "SIGKILL");
      await this.exited;
    }
  }
}
