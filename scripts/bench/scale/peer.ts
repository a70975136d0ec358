// The peer: node-mixin (prometheus/node_exporter, docs/node-mixin), from a copy brought in outside
// the repository with its jsonnet dependencies in vendor/ (never committed). Compiled here with
// Debian's jsonnet; its node dashboards and rules then run on the same data as ours.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { metrics } from "../../../catalog/metrics.ts";
import { analysePromql, expandGrafanaVariables } from "../../lib/promql.ts";
import type { DashboardJson } from "./grafana.ts";
import type { RuleDef } from "./rules.ts";

function jsonnet(dir: string, args: string[]): string {
  const r = spawnSync("jsonnet", ["-J", path.join(dir, "vendor"), ...args], { cwd: dir, encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`jsonnet ${args.join(" ")} in ${dir} failed:\n${r.stderr}`);
  return r.stdout;
}

export function loadPeer(dir: string): { rules: RuleDef[]; dashboards: DashboardJson[]; nodeMetrics: string[] } {
  if (!fs.existsSync(path.join(dir, "mixin.libsonnet"))) throw new Error(`--peer ${dir}: no mixin.libsonnet (point it at docs/node-mixin with its vendor/ folder)`);
  const doc = JSON.parse(jsonnet(dir, ["-e", "(import 'mixin.libsonnet').prometheusRules"])) as { groups: { name: string; rules: { record?: string; alert?: string; expr: string }[] }[] };
  const rules: RuleDef[] = doc.groups.flatMap((g) => g.rules.map((r) => ({ group: g.name, file: "node-mixin", interval: 30, name: r.record ?? r.alert ?? "?", record: r.record !== undefined, expr: r.expr.trim() })));
  const all = JSON.parse(jsonnet(dir, ["-e", "(import 'mixin.libsonnet').grafanaDashboards"])) as Record<string, DashboardJson>;
  // The Linux node dashboards (nodes-darwin and nodes-aix read other operating systems' series).
  const dashboards = Object.entries(all).filter(([name]) => !/darwin|aix/.test(name)).map(([, d]) => d);
  const exprs = [...rules.map((r) => r.expr), ...JSON.stringify(dashboards).match(/"expr":\s*"((?:[^"\\]|\\.)*)"/g)!.map((m) => JSON.parse(m.slice(m.indexOf(":") + 1)) as string)];
  const known = new Set([...metrics().map((m) => m.name), ...rules.filter((r) => r.record).map((r) => r.name)]);
  const nodeMetrics = new Set<string>();
  for (const e of exprs) for (const s of analysePromql(expandGrafanaVariables(e)).selectors) if (s.metric.startsWith("node_") && !known.has(s.metric)) nodeMetrics.add(s.metric);
  return { rules, dashboards, nodeMetrics: [...nodeMetrics].sort() };
}
