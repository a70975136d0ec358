// The run folders of the live stack, `.stack/<time>/`: one per `npm start`, holding its bundle,
// data, logs, reports and previews. Only the last `keptRuns()` are kept; a folder whose stack
// still runs (its `pid` file names a live process) is never removed.
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "../lib/options.ts";

/** How many run folders `.stack/` keeps, this run included (README, "Live stack"). */
export function keptRuns(): number {
  return 5;
}

/** `.stack/` of the repository, or `XINLIYA_STACK_ROOT` (the tests use a temporary one). */
export function stackRoot(): string {
  return process.env.XINLIYA_STACK_ROOT ? path.resolve(process.env.XINLIYA_STACK_ROOT) : path.join(repoRoot(), ".stack");
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function running(dir: string): boolean {
  try {
    const pid = Number(fs.readFileSync(path.join(dir, "pid"), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid);
  } catch {
    return false;
  }
}

/** Removes the oldest run folders so that `keep` remain (folders of running stacks stay). Returns the removed ones. */
export function pruneRuns(root: string, keep: number): string[] {
  if (!fs.existsSync(root)) return [];
  const runs = fs.readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d{4}-\d\d-\d\dT/.test(d.name))
    .map((d) => d.name).sort();
  const removed: string[] = [];
  for (const name of runs.slice(0, Math.max(0, runs.length - keep))) {
    const dir = path.join(root, name);
    if (running(dir)) continue;
    fs.rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

/** A new run folder (named by the time), after pruning the old ones; it records this process's id. */
export function newRunDir(root = stackRoot(), now = new Date()): { dir: string; removed: string[] } {
  const removed = pruneRuns(root, keptRuns() - 1);
  const dir = path.join(root, now.toISOString().replace(/[:.]/g, "-"));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "pid"), `${process.pid}\n`);
  return { dir, removed };
}
