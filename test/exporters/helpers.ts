// Exporter test helpers: an exporter in-process on 127.0.0.1 port 0 with its log lines captured,
// or as a real child process (node on the compiled exporter, as `npm run exporter` runs it) stopped by its pid.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { loadConfig } from "../../exporters/config.ts";
import { jsonLogger } from "../../exporters/log.ts";
import { createExporter, type Exporter } from "../../exporters/server.ts";
import { exporterNodeFlags } from "../../scripts/bench/processes.ts";
import { repoRoot } from "../../scripts/lib/options.ts";
import { tempDir } from "../helpers.ts";
import { compiledEntry } from "../../scripts/lib/compiled.mjs";

export const TOKEN = "test-token-5f0c2b7e9a41d8c3";

export function tokenFile(token = TOKEN): string {
  const file = path.join(tempDir("xinliya-exporter-"), "token");
  fs.writeFileSync(file, `${token}\n`);
  return file;
}

/** One valid event of each type. */
export function validEvents(): Record<string, Record<string, unknown>> {
  return {
    agent_run: { type: "agent_run", agent: "cbt_coach", durationSeconds: 1.2, outcome: "success" },
    llm_call: { type: "llm_call", provider: "deepseek", model: "deepseek-chat", durationSeconds: 0.8, outcome: "rate_limited" },
    conversation_scored: { type: "conversation_scored", agent: "intake", score: 0.75 },
    feedback: { type: "feedback", rating: 4 },
    feature_used: { type: "feature_used", feature: "mood_diary" },
    error: { type: "error", errorType: "llm_timeout" },
    auth: { type: "auth", outcome: "failure" },
    sessions: { type: "sessions", active: 12, users: 9 },
    backup: { type: "backup", backup: "postgres_full", outcome: "success", finishedAt: 1_790_000_000 },
    // Issue 14: the crisis pipeline.
    crisis_detected: { type: "crisis_detected", source: "model", risk: "high" },
    crisis_takeover: { type: "crisis_takeover", durationSeconds: 75 },
    crisis_queue: { type: "crisis_queue", waiting: 1, oldestWaitingSeconds: 40 },
    emergency_contact: { type: "emergency_contact", result: "delivered" },
    crisis_referral: { type: "crisis_referral", resource: "hotline" },
    usage_reminder: { type: "usage_reminder" },
    long_sessions: { type: "long_sessions", count: 3 },
    detector_heartbeat: { type: "detector_heartbeat", detector: "model_classifier" },
    detector_checks: { type: "detector_checks", detector: "keyword_rules", messages: 12 },
  };
}

export interface Running {
  url: string;
  /** The ingest listener (POST /v1/events only). */
  ingestUrl: string;
  exporter: Exporter;
  logs: string[];
  stop(): Promise<void>;
}

/** An exporter in this process; `env` adds to a token file and port 0. */
export async function startInProcess(env: Record<string, string> = {}): Promise<Running> {
  const logs: string[] = [];
  // METRICS_MAX_AGE_MS=0: a scrape shows every event acknowledged before it (scrape.test.ts covers the cache).
  const config = loadConfig({ HOST: "127.0.0.1", PORT: "0", INGEST_PORT: "0", EXPORTER_TOKEN_FILE: tokenFile(), METRICS_MAX_AGE_MS: "0", ...env });
  const exporter = createExporter(config, jsonLogger((line) => logs.push(line)));
  const address = await exporter.listen();
  return {
    url: `http://127.0.0.1:${address.port}`,
    ingestUrl: `http://127.0.0.1:${exporter.ingestAddress().port}`,
    exporter,
    logs,
    stop: async () => {
      await exporter.shutdown("test");
    },
  };
}

export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/v1/events`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}`, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export async function scrape(url: string): Promise<string> {
  const res = await fetch(`${url}/metrics`);
  if (res.status !== 200) throw new Error(`GET /metrics: ${res.status}`);
  return res.text();
}

/** The value of one sample line of an exposition text, e.g. `name{a="b"}`; NaN when absent. */
export function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? Number.NaN : Number(line.slice(series.length + 1));
}

/** The sample lines (no comments) of the business metrics. */
export function businessLines(text: string): string[] {
  return text.split("\n").filter((l) => l.startsWith("xinliya_"));
}

export interface Child {
  proc: ChildProcess;
  url: string;
  ingestUrl: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm run exporter` as a child process (without npm, with its Node flags): resolves once it logged its start. */
export async function startChild(env: Record<string, string>): Promise<Child> {
  const flags = exporterNodeFlags(repoRoot());
  const proc = spawn(process.execPath, [...flags, await compiledEntry("exporters/main.ts")], {
    cwd: repoRoot(),
    env: { PATH: process.env.PATH ?? "", HOST: "127.0.0.1", PORT: "0", INGEST_PORT: "0", EXPORTER_STATE_DIR: tempDir("xinliya-state-"), METRICS_MAX_AGE_MS: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  proc.stdout!.on("data", (d: Buffer) => { output += d.toString(); });
  proc.stderr!.on("data", (d: Buffer) => { output += d.toString(); });
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const start = /"event":"start".*?"port":(\d+),"ingest_port":(\d+)/.exec(output);
    if (start) return { proc, url: `http://127.0.0.1:${start[1]}`, ingestUrl: `http://127.0.0.1:${start[2]}`, output: () => output, exited };
    if (proc.exitCode !== null) throw new Error(`exporter exited with ${proc.exitCode}:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  proc.kill("SIGKILL");
  throw new Error(`exporter did not start:\n${output}`);
}

/** SIGTERM by pid; the exit code (SIGKILL after 10 s, which the caller's assertion will show). */
export async function stopChild(child: Child): Promise<number | null> {
  if (child.proc.exitCode !== null) return child.proc.exitCode;
  const kill = setTimeout(() => child.proc.kill("SIGKILL"), 10_000);
  child.proc.kill("SIGTERM");
  const code = await child.exited;
  clearTimeout(kill);
  return code;
}
