// Test helpers for routing: the real amtool and a real Alertmanager (prometheus-alertmanager 0.25)
// on a free loopback port, stopped by its process id.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { goRuntimeEnv } from "../../../scripts/lib/go-runtime.ts";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import yaml from "js-yaml";
import type { Bundle } from "../../../scripts/render/index.ts";
import { tempDir } from "../../helpers.ts";

export interface Run {
  code: number;
  out: string;
}

export function amtool(args: string[], cwd?: string): Run {
  const res = spawnSync("amtool", args, { cwd, encoding: "utf8", timeout: 30_000, env: { ...process.env, ...goRuntimeEnv() } });
  if (res.error) throw res.error;
  return { code: res.status ?? 1, out: `${res.stdout}${res.stderr}`.replace(/^Warning: --config\.file.*\n?/gm, "").trim() };
}

export interface RuleLabels {
  alert: string;
  labels: Record<string, string>;
}

/** Every alerting rule of a bundle's rule files, with the labels it gives its alerts. */
export function alertRules(bundle: Bundle): RuleLabels[] {
  const out: RuleLabels[] = [];
  for (const [file, content] of bundle) {
    if (!file.startsWith("prometheus/rules/")) continue;
    const doc = yaml.load(content) as { groups?: { rules?: { alert?: string; labels?: Record<string, string> }[] }[] };
    for (const group of doc.groups ?? []) {
      for (const rule of group.rules ?? []) {
        if (rule.alert) out.push({ alert: rule.alert, labels: { alertname: rule.alert, ...rule.labels } });
      }
    }
  }
  return out;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A webhook sink on loopback that records the path of every request it gets. */
export async function startSink(): Promise<{ url: string; paths: string[]; stop: () => Promise<void> }> {
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    paths.push(req.url ?? "");
    req.resume();
    req.on("end", () => res.end("ok"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return { url: `http://127.0.0.1:${port}`, paths, stop: () => new Promise((r) => server.close(() => r())) };
}

export interface AmAlert {
  labels: Record<string, string>;
  fingerprint: string;
  status: { state: string; inhibitedBy: string[] };
}

export interface Alertmanager {
  url: string;
  post(alerts: Record<string, string>[]): Promise<void>;
  alerts(): Promise<AmAlert[]>;
  stop(): Promise<void>;
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`alertmanager exited (${child.exitCode}):\n${log()}`);
    try {
      if ((await fetch(`${url}/-/ready`)).ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`alertmanager did not become ready:\n${log()}`);
}

/** Starts Alertmanager on the config file (its folder holds the templates). */
export async function startAlertmanager(configFile: string): Promise<Alertmanager> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const storage = tempDir("xinliya-am-");
  const child = spawn("prometheus-alertmanager", [
    `--config.file=${configFile}`, `--storage.path=${storage}`,
    `--web.listen-address=127.0.0.1:${port}`, "--cluster.listen-address=", "--log.level=warn",
  ], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout!.on("data", (d) => { log += d; });
  child.stderr!.on("data", (d) => { log += d; });
  /** Stops the process by its id, waits for it to exit (it writes its state on the way out), then removes that state. */
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(child.pid);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    }
    fs.rmSync(storage, { recursive: true, force: true });
  };
  try {
    await waitReady(url, child, () => log);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    url,
    async post(alerts) {
      const endsAt = new Date(Date.now() + 3_600_000).toISOString();
      const res = await fetch(`${url}/api/v2/alerts`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(alerts.map((labels) => ({ labels, annotations: {}, endsAt }))),
      });
      if (!res.ok) throw new Error(`POST /api/v2/alerts: ${res.status} ${await res.text()}`);
    },
    async alerts() {
      return (await (await fetch(`${url}/api/v2/alerts`)).json()) as AmAlert[];
    },
    stop,
  };
}

/** Writes an Alertmanager config (and the templates beside it) into a fresh folder. */
export function writeConfig(config: string, templates: Map<string, string> = new Map()): string {
  const dir = tempDir("xinliya-amcfg-");
  for (const [file, text] of templates) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  fs.writeFileSync(path.join(dir, "alertmanager.yml"), config);
  return path.join(dir, "alertmanager.yml");
}
