// The real tools: promtool and amtool from the Debian packages that scripts/setup.sh installs.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import { goRuntimeEnv } from "../lib/go-runtime.ts";
import type { Problem } from "../lib/problems.ts";

export interface ToolRun {
  code: number;
  output: string;
}

export function runTool(command: string, args: string[], cwd: string): ToolRun {
  const res = spawnSync(command, args, { cwd, encoding: "utf8", timeout: 60_000, env: { ...process.env, ...goRuntimeEnv() } });
  if (res.error) {
    const hint = (res.error as NodeJS.ErrnoException).code === "ENOENT" ? " (not installed: run `bash scripts/setup.sh`)" : "";
    return { code: 127, output: `${command}: ${res.error.message}${hint}` };
  }
  return { code: res.status ?? 1, output: `${res.stdout}${res.stderr}`.trim() };
}

const memo = new Map<string, ToolRun>();

/**
 * promtool reads only the files it is given (a test file also its rule_files): the same bytes get
 * the same answer, so its runs are memoised by content for the life of the process. Tests that
 * check many copies of one bundle then pay for promtool once per distinct file.
 */
function runToolOnFiles(command: string, args: string[], cwd: string, inputs: string[]): ToolRun {
  return runToolsOnFiles([{ command, args, inputs }], cwd)[0]!;
}

interface ToolJob {
  command: string;
  args: string[];
  inputs: string[];
}

function memoKey(job: ToolJob, cwd: string): string {
  const hash = createHash("sha256").update([job.command, ...job.args].join("\0"));
  for (const f of [...job.inputs].sort()) {
    const full = path.join(cwd, f);
    hash.update(`\0${f}\0`).update(fs.existsSync(full) ? fs.readFileSync(full) : "\0missing");
  }
  return hash.digest("hex");
}

/**
 * Several independent runs, memoised like `runToolOnFiles`; those not in the memo run at the same
 * time, one per core (scripts/check/run-parallel.mjs), and come back in the order asked.
 */
function runToolsOnFiles(jobs: ToolJob[], cwd: string): ToolRun[] {
  const keys = jobs.map((j) => memoKey(j, cwd));
  const todo = jobs.map((_, i) => i).filter((i) => !memo.has(keys[i]!));
  const fresh = todo.length <= 1
    ? todo.map((i) => runTool(jobs[i]!.command, jobs[i]!.args, cwd))
    : runInParallel(todo.map((i) => ({ command: jobs[i]!.command, args: jobs[i]!.args, cwd })));
  todo.forEach((i, n) => { if (fresh[n]!.code !== 127) memo.set(keys[i]!, fresh[n]!); });
  return jobs.map((_, i) => memo.get(keys[i]!) ?? fresh[todo.indexOf(i)]!);
}

function runInParallel(runs: { command: string; args: string[]; cwd: string }[]): ToolRun[] {
  const runner = fileURLToPath(new URL("./run-parallel.mjs", import.meta.url));
  const res = spawnSync(process.execPath, [runner], { env: { ...process.env, ...goRuntimeEnv() }, input: JSON.stringify(runs), encoding: "utf8", maxBuffer: 64 << 20, timeout: 10 * 60_000 });
  if (res.status !== 0 || res.error) {
    const output = `scripts/check/run-parallel.mjs failed (exit ${res.status}): ${res.error?.message ?? res.stderr}`;
    return runs.map(() => ({ code: 1, output }));
  }
  return JSON.parse(res.stdout) as ToolRun[];
}

/** A test file and the rule files it names, relative to `dir`. */
function testInputs(dir: string, file: string): string[] {
  try {
    const doc = yaml.load(fs.readFileSync(path.join(dir, file), "utf8")) as { rule_files?: string[] } | null;
    return [file, ...(doc?.rule_files ?? []).map((r) => path.relative(dir, path.resolve(dir, path.dirname(file), r)))];
  } catch {
    return [file];
  }
}

function filesIn(dir: string, sub: string): string[] {
  const full = path.join(dir, sub);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full).filter((f) => f.endsWith(".yml")).sort().map((f) => `${sub}/${f}`);
}

/** One problem per failing tool run, with the tool's own words (indented) as the message. */
function toProblem(where: string, run: ToolRun): Problem[] {
  if (run.code === 0) return [];
  return [{ where, message: `failed (exit ${run.code}):\n${run.output.replace(/^/gm, "      ")}` }];
}

/** `unitTests: false` skips `promtool test rules` (tests that prove another check need not pay for it). */
export function promtoolProblems(dir: string, unitTests = true): Problem[] {
  const rules = filesIn(dir, "prometheus/rules");
  const tests = filesIn(dir, "prometheus/tests");
  const problems: Problem[] = [];
  if (rules.length === 0) problems.push({ where: "prometheus/rules", message: "no rule file found" });
  if (tests.length === 0) problems.push({ where: "prometheus/tests", message: "no promtool test file found" });
  // Every file on its own (a failure names its file), the independent runs side by side.
  const jobs = [
    ...rules.map((f) => ({ where: `promtool check rules --lint-fatal ${f}`, command: "promtool", args: ["check", "rules", "--lint-fatal", f], inputs: [f] })),
    ...(unitTests ? tests : []).map((f) => ({ where: `promtool test rules ${f}`, command: "promtool", args: ["test", "rules", f], inputs: testInputs(dir, f) })),
  ];
  runToolsOnFiles(jobs, dir).forEach((run, i) => problems.push(...toProblem(jobs[i]!.where, run)));
  const config = "prometheus/prometheus.yml";
  // --syntax-only: the config names secret files (authorization.credentials_file) that exist on
  // the Prometheus host, not here; the rule files it loads are checked one by one above.
  problems.push(...toProblem(`promtool check config ${config}`, runToolOnFiles("promtool", ["check", "config", "--syntax-only", config], dir, [config, ...rules])));
  return problems;
}

/** `promtool test rules` passes when a rule_files entry matches nothing; we do not. */
export function ruleFileReferenceProblems(dir: string): Problem[] {
  const problems: Problem[] = [];
  for (const f of filesIn(dir, "prometheus/tests")) {
    const doc = yaml.load(fs.readFileSync(path.join(dir, f), "utf8")) as { rule_files?: string[] } | null;
    const entries = doc?.rule_files ?? [];
    if (entries.length === 0) problems.push({ where: f, message: "rule_files is empty" });
    for (const entry of entries) {
      if (!fs.existsSync(path.resolve(path.dirname(path.join(dir, f)), entry))) {
        problems.push({ where: f, message: `rule_files entry "${entry}" matches no file` });
      }
    }
  }
  return problems;
}

export function amtoolProblems(dir: string): Problem[] {
  const config = "alertmanager/alertmanager.yml";
  return toProblem(`amtool check-config ${config}`, runTool("amtool", ["check-config", config], dir));
}
