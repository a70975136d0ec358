// A real Prometheus on 127.0.0.1 (a free port) over the backfilled TSDB, with the rule files to
// evaluate, and the few HTTP API calls the benchmark makes. Stopped by its process id.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "../processes.ts";

export interface Prom {
  url: string;
  proc: ChildProcess;
  log: () => string;
  stop(): Promise<void>;
}

export async function startPrometheus(dir: string, dataDir: string, ruleFiles: string[], evaluationInterval = "30s"): Promise<Prom> {
  const config = path.join(dir, "prometheus.yml");
  fs.writeFileSync(config, [
    "global:",
    `  evaluation_interval: ${evaluationInterval}`,
    "  external_labels:",
    "    environment: production",
    "rule_files:",
    ...ruleFiles.map((f) => `  - ${JSON.stringify(f)}`),
    "",
  ].join("\n"));
  const port = await freePort();
  const proc = spawn("prometheus", [
    `--config.file=${config}`, `--storage.tsdb.path=${dataDir}`, `--web.listen-address=127.0.0.1:${port}`,
    // The backfill reaches 30 days back (default retention: 15 d); 2 h blocks are never compacted
    // during the run, so no compaction competes with the queries being timed.
    "--storage.tsdb.retention.time=90d", "--storage.tsdb.min-block-duration=2h", "--storage.tsdb.max-block-duration=2h",
  ], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  proc.stdout!.on("data", (d: Buffer) => { out = (out + d.toString()).slice(-20_000); });
  proc.stderr!.on("data", (d: Buffer) => { out = (out + d.toString()).slice(-20_000); });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => new Promise<void>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    const kill = setTimeout(() => proc.kill("SIGKILL"), 10_000);
    proc.once("exit", () => { clearTimeout(kill); resolve(); });
    proc.kill("SIGTERM");
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`prometheus exited with ${proc.exitCode}:\n${out}`);
    try {
      if ((await fetch(`${url}/-/ready`)).ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) { await stop(); throw new Error(`prometheus not ready within 120 s:\n${out}`); }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, proc, log: () => out, stop };
}

export interface Sample { metric: Record<string, string>; value: [number, string] }
export interface Range { metric: Record<string, string>; values: [number, string][] }

async function api<T>(prom: Prom, route: string, params: Record<string, string | number>): Promise<T> {
  const body = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  const res = await fetch(`${prom.url}/api/v1/${route}`, { method: "POST", body });
  const json = await res.json() as { status: string; data: T; error?: string };
  if (json.status !== "success") throw new Error(`${route} ${params.query ?? ""}: ${json.error}`);
  return json.data;
}

export const instant = (prom: Prom, query: string, time: number) =>
  api<{ result: Sample[] }>(prom, "query", { query, time }).then((d) => d.result);
export const range = (prom: Prom, query: string, start: number, end: number, step: number) =>
  api<{ result: Range[] }>(prom, "query_range", { query, start, end, step }).then((d) => d.result);
export const labelValues = async (prom: Prom, label: string, match: string, start: number, end: number) => {
  const q = new URLSearchParams({ "match[]": match, start: String(start), end: String(end) });
  const json = await (await fetch(`${prom.url}/api/v1/label/${label}/values?${q}`)).json() as { data: string[] };
  return json.data ?? [];
};
