// npm run check: every check over a generated folder, each one's problems listed by name.
import type { Environment, Locale } from "../../catalog/types.ts";
import { readBundle } from "../lib/bundle-io.ts";
import type { Problem } from "../lib/problems.ts";
import { render } from "../render/index.ts";
import { dashboardCoverageProblems } from "./dashboard-coverage.ts";
import { dashboardLintProblems } from "./dashboard-lint.ts";
import { driftProblems } from "./drift.ts";
import { kubernetesProblems } from "./kubernetes.ts";
import { renderKubernetes } from "../render/kubernetes/index.ts";
import { repoRoot } from "../lib/options.ts";
import fs from "node:fs";
import path from "node:path";
import { expressionCheckProblems } from "./expressions.ts";
import { exporterProblems } from "./exporter.ts";
import { ruleLintProblems } from "./rulelint.ts";
import { exprLintProblems } from "./exprlint.ts";
import { runbookProblems } from "./runbooks.ts";
import { coverageProblems, scenarioCoverageProblems } from "./coverage.ts";
import { schemaProblems } from "./schemas.ts";
import { secretProblems } from "./secrets.ts";
import { amtoolProblems, promtoolProblems, ruleFileReferenceProblems } from "./tools.ts";

export interface CheckResult {
  name: string;
  problems: Problem[];
  ms: number;
}

export interface CheckOptions {
  dir: string;
  env: Environment;
  locale: Locale;
  /** Compare with a fresh render; off when checking a folder rendered from other definitions. */
  drift?: boolean;
  /** Run promtool's unit tests (default); off in tests that prove another check fires. */
  unitTests?: boolean;
  /**
   * Check the Kubernetes tree (drift, kustomize builds, validation). Default: when the folder has a
   * kubernetes/ tree, and always for the repository's generated/, where it is committed.
   */
  kubernetes?: boolean;
}

function timed(name: string, fn: () => Problem[]): CheckResult {
  const start = performance.now();
  let problems: Problem[];
  try {
    problems = fn();
  } catch (e) {
    problems = [{ where: name, message: (e as Error).message }];
  }
  return { name, problems, ms: Math.round(performance.now() - start) };
}

export function runChecks(o: CheckOptions): CheckResult[] {
  const bundle = readBundle(o.dir);
  const results: CheckResult[] = [];
  if (o.drift !== false) {
    results.push(timed("drift (generated/ equals a fresh render)", () => driftProblems(render(o), new Map([...bundle].filter(([f]) => !f.startsWith("kubernetes/"))))));
  }
  results.push(...kubernetesCheckResults(o, bundle));
  results.push(timed("PromQL parses; metrics are in the closed list", () => expressionCheckProblems(bundle)));
  results.push(timed("alert labels and annotations (priority, severity, links)", () => ruleLintProblems(bundle)));
  results.push(timed("dashboard lint (Grafana dashboard-linter rules with grafana/.lint, and house style)", () => dashboardLintProblems(bundle)));
  results.push(timed("dashboards show every catalog metric and every metric an alert reads", () => dashboardCoverageProblems(bundle)));
  results.push(timed("rule expressions (counters through rate/increase/irate, numbers from the catalog)", () => exprLintProblems(bundle)));
  results.push(timed("every runbook_url resolves to a generated runbook", () => runbookProblems(bundle, o.env)));
  results.push(timed("every alert has promtool tests: firing, silent before its for, silent when quiet", () => coverageProblems(bundle)));
  results.push(timed("every issue-10 failure item has a firing scenario and a quiet neighbour", () => scenarioCoverageProblems(bundle)));
  results.push(timed("JSON Schemas (dashboards, targets, panels, rules, tests, configs)", () => schemaProblems(bundle)));
  results.push(timed("promtool test files name existing rule files", () => ruleFileReferenceProblems(o.dir)));
  results.push(o.unitTests === false
    ? timed("promtool check rules / check config (unit tests skipped)", () => promtoolProblems(o.dir, false))
    : timed("promtool check rules / test rules / check config", () => promtoolProblems(o.dir)));
  results.push(timed("amtool check-config", () => amtoolProblems(o.dir)));
  results.push(timed("no secret in the Alertmanager files", () => secretProblems(bundle)));
  results.push(timed("the business exporter builds from the catalog's event declarations", () => exporterProblems()));
  return results;
}

/** The Kubernetes tree's checks: drift against a fresh render, then kustomize and validation. */
export function kubernetesCheckResults(o: CheckOptions, bundle = readBundle(o.dir)): CheckResult[] {
  const kubernetes = o.kubernetes ?? (fs.existsSync(path.join(o.dir, "kubernetes")) || path.resolve(o.dir) === path.join(repoRoot(), "generated"));
  if (!kubernetes) return [];
  const results: CheckResult[] = [];
  if (o.drift !== false) {
    results.push(timed("drift (generated/kubernetes equals a fresh --target kubernetes render)", () =>
      driftProblems(renderKubernetes(o.locale), new Map([...bundle].filter(([f]) => f.startsWith("kubernetes/"))))));
  }
  results.push(timed("kubectl kustomize builds every overlay; every resource validates (CRD schemas, models)", () => kubernetesProblems(o.dir)));
  return results;
}

export function formatResults(results: CheckResult[]): string {
  return results.map((r) => {
    const head = `${r.problems.length === 0 ? "ok  " : "FAIL"} ${r.name} (${r.ms} ms)`;
    return [head, ...r.problems.map((p) => `       ${p.where}: ${p.message}`)].join("\n");
  }).join("\n");
}
