// npm run bench:generate [-- --runs 7]: median wall time of `generate` and `check` as whole
// processes (tsx start-up included), interleaved in one run, and each phase of check as a share of
// the whole (absolute times do not carry between machines; shares do), promtool's and amtool's own
// time apart from ours. A report, not a pass/fail test.
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

/**
 * Wall time of the process, and the phases it reports (`ok   <check> (<n> ms)` lines of check).
 * A `.mjs` script runs as `npm run generate` runs it: node, compiled once (scripts/lib/compiled.mjs).
 */
function time(script: string): { ms: number; phases: Map<string, number> } {
  const start = performance.now();
  const [cmd, first] = script.endsWith(".mjs") ? [process.execPath, script] : [tsx, script];
  const res = spawnSync(cmd, [path.join(root, "scripts", first), "--out", out], { cwd: root, encoding: "utf8" });
  const ms = performance.now() - start;
  if (res.status !== 0) throw new Error(`${script} failed:\n${res.stdout}${res.stderr}`);
  const phases = new Map<string, number>();
  for (const m of res.stdout.matchAll(/^(?:ok  |FAIL) (.+) \((\d+) ms\)$/gm)) phases.set(m[1]!, Number(m[2]));
  return { ms, phases };
}

/** The checks that are promtool's and amtool's own time (the process they spawn). */
const isTool = (phase: string) => /^(promtool check|amtool)/.test(phase);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const generate: number[] = [];
const check: number[] = [];
const shares = new Map<string, number[]>();
const share = (name: string, x: number) => shares.set(name, [...(shares.get(name) ?? []), x]);
// Once first, untimed: the compiled generate is (re)built when a source is newer than it.
time("generate.mjs");
for (let i = 0; i < runs; i++) {
  generate.push(time("generate.mjs").ms);
  const c = time("check.ts");
  check.push(c.ms);
  const inChecks = [...c.phases.values()].reduce((a, b) => a + b, 0);
  share("start-up: tsx, imports, reading generated/", (c.ms - inChecks) / c.ms);
  for (const [name, ms] of c.phases) share(name, ms / c.ms);
  const tools = [...c.phases].filter(([n]) => isTool(n)).reduce((a, [, ms]) => a + ms, 0);
  share("= promtool and amtool", tools / c.ms);
  share("= ours (everything else)", 1 - tools / c.ms);
}
const fmt = (xs: number[]) => `median ${(median(xs) / 1000).toFixed(2)} s (min ${(Math.min(...xs) / 1000).toFixed(2)}, max ${(Math.max(...xs) / 1000).toFixed(2)})`;
console.log(`bench:generate on ${os.cpus().length} cores, ${runs} interleaved runs each`);
console.log(`  generate: ${fmt(generate)}   target < 1 s`);
console.log(`  check:    ${fmt(check)}   target ≤ 8 s`);
console.log(`\ncheck, phase by phase (median share of the whole check process over ${runs} runs; target: ours < 33 %):`);
for (const [name, xs] of shares) {
  const pct = (median(xs) * 100).toFixed(1).padStart(5);
  console.log(`  ${pct} %  ${name.startsWith("=") ? name : (isTool(name) ? "[tool] " : "       ") + name}`);
}
fs.rmSync(path.dirname(out), { recursive: true, force: true });
