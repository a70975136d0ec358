// Child processes of the exporter benchmark: started on 127.0.0.1, found by the port they report,
// measured through /proc (peak RSS), stopped by process id.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface Child {
  name: string;
  proc: ChildProcess;
  port: number;
  output: () => string;
}

/** A port that was free a moment ago (for programs that cannot bind port 0 and report it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts `command` and waits until `portOf(output)` finds the port in what it printed, or until
 * `waitFor` (an async probe) says it is up.
 */
export async function start(
  name: string, command: string, args: string[], env: NodeJS.ProcessEnv,
  ready: { portOf: (output: string) => number | null } | { port: number; probe: () => Promise<boolean> },
): Promise<Child> {
  const proc = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  proc.stdout!.on("data", (d: Buffer) => { output += d.toString(); });
  proc.stderr!.on("data", (d: Buffer) => { output += d.toString(); });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`${name} exited with ${proc.exitCode}:\n${output}`);
    const port = "portOf" in ready ? ready.portOf(output) : (await ready.probe()) ? ready.port : null;
    if (port !== null) return { name, proc, port, output: () => output };
    await new Promise((r) => setTimeout(r, 50));
  }
  stop({ name, proc, port: 0, output: () => output });
  throw new Error(`${name} did not start within 20 s:\n${output}`);
}

/** The Node flags of the `exporter` script in package.json (`tsx --flag … exporters/main.ts`). */
export function exporterNodeFlags(root: string): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
  return pkg.scripts.exporter!.split(/\s+/).filter((t) => t.startsWith("--"));
}

/** `command args` pinned to CPU 1 with taskset when the machine has it and two CPUs or more. */
export function pinned(command: string, args: string[]): [string, string[]] {
  const taskset = spawnSync("taskset", ["--version"]).status === 0;
  return taskset && os.cpus().length >= 2 ? ["taskset", ["-c", "1", command, ...args]] : [command, args];
}

/** User plus system CPU time of a running process, in seconds. */
export function cpuSeconds(pid: number): number {
  // Fields after the command name (which may hold spaces): utime and stime are 14th and 15th.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Peak resident set size (VmHWM) of a running process, in MB. */
export function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** SIGTERM by pid, SIGKILL after 5 s; resolves when the process has exited. */
export function stop(child: Child): Promise<void> {
  const { proc } = child;
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => proc.kill("SIGKILL"), 5_000);
    proc.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    proc.kill("SIGTERM");
  });
}

/** Whether GET url answers 200 now. */
export async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url);
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}
