// The real tools: promtool and amtool from the Debian packages that scripts/setup.sh installs.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import type { Problem } from "../lib/problems.ts";

export interface ToolRun {
  code: number;
  output: string;
}

export function runTool(command: string, args: string[], cwd: string): ToolRun {
  const res = spawnSync(command, args, { cwd, encoding: "utf8", timeout: 60_000 });
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
  const hash = createHash("sha256").update([command, ...args].join("\0"));
  for (const f of [...inputs].sort()) {
    const full = path.join(cwd, f);
    hash.update(`\0${f}\0`).update(fs.existsSync(full) ? fs.readFileSync(full) : "\0missing");
  }
  const key = hash.digest("hex");
  const cached = memo.get(key);
  if (cached) return cached;
  const run = runTool(command, args, cwd);
  if (run.code !== 127) memo.set(key, run);
  return run;
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
  for (const f of rules) problems.push(...toProblem(`promtool check rules --lint-fatal ${f}`, runToolOnFiles("promtool", ["check", "rules", "--lint-fatal", f], dir, [f])));
  for (const f of unitTests ? tests : []) problems.push(...toProblem(`promtool test rules ${f}`, runToolOnFiles("promtool", ["test", "rules", f], dir, testInputs(dir, f))));
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
