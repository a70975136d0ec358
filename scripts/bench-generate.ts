// npm run bench:generate [-- --runs 7]: median wall time of `generate` and `check` as whole
// processes (tsx start-up included), interleaved in one run. A report, not a pass/fail test.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "./lib/options.ts";

const { values } = parseArgs({ args: process.argv.slice(2), options: { runs: { type: "string", default: "7" } } });
const runs = Math.max(5, Number(values.runs));
const root = repoRoot();
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "xinliya-bench-")), "generated");

function time(script: string): number {
  const start = performance.now();
  const res = spawnSync(tsx, [path.join(root, "scripts", script), "--out", out], { cwd: root, encoding: "utf8" });
  const ms = performance.now() - start;
  if (res.status !== 0) throw new Error(`${script} failed:\n${res.stdout}${res.stderr}`);
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const generate: number[] = [];
const check: number[] = [];
for (let i = 0; i < runs; i++) {
  generate.push(time("generate.ts"));
  check.push(time("check.ts"));
}
const fmt = (xs: number[]) => `median ${(median(xs) / 1000).toFixed(2)} s (min ${(Math.min(...xs) / 1000).toFixed(2)}, max ${(Math.max(...xs) / 1000).toFixed(2)})`;
console.log(`bench:generate on ${os.cpus().length} cores, ${runs} interleaved runs each`);
console.log(`  generate: ${fmt(generate)}   target ≤ 2 s`);
console.log(`  check:    ${fmt(check)}   target ≤ 8 s`);
fs.rmSync(path.dirname(out), { recursive: true, force: true });
