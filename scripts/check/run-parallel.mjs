// Runs the tool invocations read as JSON from stdin ([{ command, args, cwd }]) at most one per core
// at a time, and prints their results as JSON ([{ code, output }], in the same order). check is
// synchronous; scripts/check/tools.ts calls this once per batch with spawnSync, so promtool's
// independent unit-test files no longer queue on one core. Plain JavaScript: no loader to start.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";

const jobs = JSON.parse(fs.readFileSync(0, "utf8"));
const limit = Math.max(1, Math.min(jobs.length, os.availableParallelism?.() ?? os.cpus().length));
const results = new Array(jobs.length);

function run(job) {
  return new Promise((resolve) => {
    let output = "";
    const child = spawn(job.command, job.args, { cwd: job.cwd, stdio: ["ignore", "pipe", "pipe"] });
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.stdout.on("data", (d) => { output += d; });
    child.stderr.on("data", (d) => { output += d; });
    child.once("error", (e) => {
      clearTimeout(timer);
      const hint = e.code === "ENOENT" ? " (not installed: run `bash scripts/setup.sh`)" : "";
      resolve({ code: 127, output: `${job.command}: ${e.message}${hint}` });
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output: (signal ? `${output}\nkilled by ${signal} (timeout 60 s)` : output).trim() });
    });
  });
}

let next = 0;
async function worker() {
  while (next < jobs.length) {
    const i = next++;
    results[i] = await run(jobs[i]);
  }
}
await Promise.all(Array.from({ length: limit }, worker));
process.stdout.write(JSON.stringify(results));
