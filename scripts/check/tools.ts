// The real tools: promtool and amtool from the Debian packages that scripts/setup.sh installs.
import { spawnSync } from "node:child_process";
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

export function promtoolProblems(dir: string): Problem[] {
  const rules = filesIn(dir, "prometheus/rules");
  const tests = filesIn(dir, "prometheus/tests");
  const problems: Problem[] = [];
  if (rules.length === 0) problems.push({ where: "prometheus/rules", message: "no rule file found" });
  if (tests.length === 0) problems.push({ where: "prometheus/tests", message: "no promtool test file found" });
  for (const f of rules) problems.push(...toProblem(`promtool check rules --lint-fatal ${f}`, runTool("promtool", ["check", "rules", "--lint-fatal", f], dir)));
  for (const f of tests) problems.push(...toProblem(`promtool test rules ${f}`, runTool("promtool", ["test", "rules", f], dir)));
  const config = "prometheus/prometheus.yml";
  problems.push(...toProblem(`promtool check config ${config}`, runTool("promtool", ["check", "config", config], dir)));
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
