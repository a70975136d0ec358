// Scale-out stacks on 127.0.0.1, from the same parts as the live stack (stack.ts):
// - `ha`: two Prometheus replicas (external label replica=a|b, same rules and targets) and three
//   Alertmanagers in one gossip cluster, each Prometheus sending to all three;
// - `long-term`: one Prometheus that remote-writes to VictoriaMetrics (single node), vmalert that
//   evaluates the same rules against VictoriaMetrics and sends to Alertmanager.
// Every process is started here and stopped by its process id.
import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { environment } from "../../catalog/environments.ts";
import type { Environment, Locale } from "../../catalog/types.ts";
import { writeBundle } from "../lib/bundle-io.ts";
import { repoRoot } from "../lib/options.ts";
import { render } from "../render/index.ts";
import { externalLabels } from "../render/prometheus.ts";
import { haAlertmanagerConfig, haPrometheusConfig, longTermPrometheusConfig, prepareRuleFile } from "../render/scaleout.ts";
import { toYaml } from "../render/yaml.ts";
import { type BackendSim, startBackendSim } from "./backend-sim.ts";
import { type CrisisSim, startCrisisSim } from "./crisis-sim.ts";
import { type EventsSim, startEventsSim } from "./events-sim.ts";
import { freePorts } from "./ports.ts";
import { nodeExporterArgs } from "./node-exporter.ts";
import { ManagedProcess, type ProcessSpec } from "./processes.ts";
import { type ScenarioName, combine } from "./scenarios.ts";
import { type Sink, startSink } from "./sink.ts";
import { compiledEntry } from "../lib/compiled.mjs";

export type Topology = "ha" | "long-term";

export interface ScaleOutOptions {
  dir: string;
  topology: Topology;
  scenarios?: ScenarioName[];
  locale?: Locale;
  timeScale?: number;
  basePort?: number;
  /** HA: how long an Alertmanager waits for the peer before it (Alertmanager's --cluster.peer-timeout). */
  peerTimeout?: string;
  print?: (line: string) => void;
}

export interface ScaleOutStack {
  dir: string;
  topology: Topology;
  env: Environment;
  sink: Sink;
  /** Prometheus replicas by name (`a`, `b`), Alertmanagers by name (`am-1` ...). */
  prometheus: Record<string, string>;
  alertmanagers: Record<string, string>;
  /** long-term only. */
  victoriaMetrics?: string;
  vmalert?: string;
  urls: Record<string, string>;
  processes: Map<string, ManagedProcess>;
  setScenario(...names: ScenarioName[]): void;
  /** SIGKILL one process (by its name in `processes`), and wait until it is gone. */
  kill(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** HA: every group_interval at least this long, so that the peers' waits (2 × peer-timeout) end well within it. */
export const HA_GROUP_INTERVAL_FLOOR_S = 5;

const url = (port: number) => `http://127.0.0.1:${port}`;
const ready = (u: string) => async () => (await fetch(u, { signal: AbortSignal.timeout(1000) })).ok;

export async function startScaleOut(o: ScaleOutOptions): Promise<ScaleOutStack> {
  const ha = o.topology === "ha";
  const replicas = ha ? ["a", "b"] : ["a"];
  const ams = ha ? ["am-1", "am-2", "am-3"] : ["am-1"];
  const names = ["node", "exporter", "exporterIngest", "sink", "backend", "vm", "vmalert", ...replicas.map((r) => `prom-${r}`), ...ams.flatMap((a) => [a, `${a}-cluster`])];
  const list = await freePorts(names.length, o.basePort ?? 19400);
  const port = Object.fromEntries(names.map((n, i) => [n, list[i]!])) as Record<string, number>;
  fs.mkdirSync(o.dir, { recursive: true });
  const initial = combine(o.scenarios ?? ["normal"]);
  const sink = await startSink(port.sink!, o.print);
  const at = (keys: string[]) => keys.map((k) => `127.0.0.1:${port[k]}`);
  const local = environment("local");
  const generated = path.join(o.dir, "generated");
  const env: Environment = {
    ...local,
    targets: {
      node: at(["node"]), backend: at(["backend"]), businessExporter: at(["exporter"]),
      prometheus: at(replicas.map((r) => `prom-${r}`)), alertmanager: at(ams),
    },
    alertmanagers: at(ams),
    prometheusUrl: url(port[ha ? "prom-a" : "vm"]!),
    grafanaDashboardsPath: path.join(generated, "grafana", "dashboards"),
    notifications: { kind: "local-sink", sinkUrl: sink.url },
    scrapeInterval: "1s",
    evaluationInterval: "1s",
    timeScale: o.timeScale ?? 1 / 20,
    // No PostgreSQL, Redis or blackbox here: no data-tier scrape job, and no ScrapeJobMissing for one.
    dataTier: false,
  };
  writeBundle(generated, render({ env, locale: o.locale ?? "zh" }));
  const base = yaml.load(fs.readFileSync(path.join(generated, "prometheus", "prometheus.yml"), "utf8")) as Record<string, any>;
  const amConfig = path.join(generated, "alertmanager", ha ? "alertmanager-ha.yml" : "alertmanager.yml");
  if (ha) {
    const doc = yaml.load(fs.readFileSync(path.join(generated, "alertmanager", "alertmanager.yml"), "utf8")) as Record<string, any>;
    fs.writeFileSync(amConfig, toYaml(haAlertmanagerConfig(doc, HA_GROUP_INTERVAL_FLOOR_S)));
  }
  if (!ha) {
    // vmalert's copy of the rules, prepared for the long store (prepareRuleFile; README, "Long-term storage").
    const rules = path.join(generated, "prometheus", "rules");
    fs.mkdirSync(path.join(o.dir, "vmalert-rules"), { recursive: true });
    for (const f of fs.readdirSync(rules)) {
      const doc = yaml.load(fs.readFileSync(path.join(rules, f), "utf8")) as Record<string, any>;
      fs.writeFileSync(path.join(o.dir, "vmalert-rules", f), toYaml(prepareRuleFile(doc, Object.keys(externalLabels(env))[0]!)));
    }
  }
  for (const r of replicas) {
    const doc = ha ? haPrometheusConfig(base, r) : longTermPrometheusConfig(base, `${url(port.vm!)}/api/v1/write`);
    // Beside prometheus.yml, so the relative rule_files resolve the same way.
    fs.writeFileSync(path.join(generated, "prometheus", `prometheus-${r}.yml`), toYaml(doc));
  }

  const processes = new Map<string, ManagedProcess>();
  let backend: BackendSim | undefined;
  let events: EventsSim | undefined;
  let crises: CrisisSim | undefined;
  const stop = async () => {
    events?.stop();
    crises?.stop();
    await Promise.all([...processes.values()].map((p) => p.stop()));
    await backend?.close();
    await sink.close();
  };
  const log = (name: string) => path.join(o.dir, `${name}.log`);
  const start = (spec: Omit<ProcessSpec, "logFile">) => processes.set(spec.name, ManagedProcess.start({ ...spec, logFile: log(spec.name) }));
  try {
    backend = await startBackendSim(port.backend!, initial);
    const exporterJs = await compiledEntry("exporters/main.ts");
    start({
      name: "node_exporter", command: "/usr/bin/prometheus-node-exporter",
      args: nodeExporterArgs(port.node!), ready: ready(`${url(port.node!)}/metrics`),
    });
    start({
      name: "exporter", command: process.execPath, cwd: repoRoot(), args: [exporterJs],
      env: {
        HOST: "127.0.0.1", PORT: String(port.exporter), INGEST_PORT: String(port.exporterIngest), EXPORTER_ALLOW_NO_AUTH: "1",
        EXPORTER_STATE_DIR: path.join(o.dir, "exporter-state"),
      }, ready: ready(`${url(port.exporter!)}/readyz`),
    });
    for (const a of ams) {
      const cluster = ha
        ? [
          `--cluster.listen-address=127.0.0.1:${port[`${a}-cluster`]}`,
          `--cluster.advertise-address=127.0.0.1:${port[`${a}-cluster`]}`,
          ...ams.filter((b) => b !== a).map((b) => `--cluster.peer=127.0.0.1:${port[`${b}-cluster`]}`),
          `--cluster.peer-timeout=${o.peerTimeout ?? "1s"}`,
          "--cluster.settle-timeout=5s",
          "--cluster.reconnect-interval=1s",
          // Gossip every 20 ms instead of 200 ms: at the demo scale a notification log entry must
          // reach the peers well within the peer timeout (README, "High availability").
          "--cluster.gossip-interval=20ms",
        ]
        : ["--cluster.listen-address="];
      start({
        name: a, command: "/usr/bin/prometheus-alertmanager",
        args: [
          `--config.file=${amConfig}`,
          `--storage.path=${path.join(o.dir, `${a}-data`)}`,
          `--web.listen-address=127.0.0.1:${port[a]}`, `--web.external-url=${url(port[a]!)}`, ...cluster,
        ],
        ready: ready(`${url(port[a]!)}/-/ready`),
      });
    }
    if (!ha) {
      start({
        name: "victoria-metrics", command: "/usr/bin/victoria-metrics",
        args: [
          `-httpListenAddr=127.0.0.1:${port.vm}`, `-storageDataPath=${path.join(o.dir, "vm-data")}`, "-retentionPeriod=1",
          // VictoriaMetrics hides samples younger than -search.latencyOffset (30 s by default); the demo shortens it.
          "-search.latencyOffset=1s", "-search.disableCache",
        ],
        ready: ready(`${url(port.vm!)}/health`),
      });
    }
    for (const r of replicas) {
      start({
        name: `prometheus-${r}`, command: "/usr/bin/prometheus",
        args: [
          `--config.file=${path.join(generated, "prometheus", `prometheus-${r}.yml`)}`,
          `--storage.tsdb.path=${path.join(o.dir, `prometheus-${r}-data`)}`,
          `--web.listen-address=127.0.0.1:${port[`prom-${r}`]}`, "--web.enable-lifecycle", "--rules.alert.resend-delay=1s",
        ],
        ready: ready(`${url(port[`prom-${r}`]!)}/-/ready`),
      });
    }
    if (!ha) {
      // vmalert restores its alerts' state from VictoriaMetrics at start: it needs the store first.
      await processes.get("victoria-metrics")!.waitReady();
      const labels = Object.entries(externalLabels(env)).map(([k, v]) => `-external.label=${k}=${v}`);
      start({
        name: "vmalert", command: "/usr/bin/vmalert",
        args: [
          `-rule=${path.join(o.dir, "vmalert-rules", "*.yml")}`,
          `-datasource.url=${url(port.vm!)}`, `-remoteWrite.url=${url(port.vm!)}`, `-remoteRead.url=${url(port.vm!)}`,
          "-remoteWrite.flushInterval=1s",
          ...ams.map((a) => `-notifier.url=${url(port[a]!)}`),
          `-evaluationInterval=${env.evaluationInterval}`, ...labels,
          `-httpListenAddr=127.0.0.1:${port.vmalert}`, `-external.url=${url(port.vm!)}`,
        ],
        ready: ready(`${url(port.vmalert!)}/health`),
      });
    }
    await Promise.all([...processes.values()].map((p) => p.waitReady()));
    events = startEventsSim(url(port.exporterIngest!), initial);
    // The long store must answer every dashboard, the safety one too; the HA stack counts pages and
    // has no use for the crisis pipeline's series.
    if (!ha) crises = startCrisisSim(url(port.exporterIngest!), initial, 1 / env.timeScale!);
  } catch (e) {
    await stop();
    throw e;
  }
  const urls: Record<string, string> = {
    exporter: url(port.exporter!), nodeExporter: url(port.node!), backend: url(port.backend!), sink: sink.url,
    ...Object.fromEntries(replicas.map((r) => [`prometheus-${r}`, url(port[`prom-${r}`]!)])),
    ...Object.fromEntries(ams.map((a) => [a, url(port[a]!)])),
    ...(ha ? {} : { victoriaMetrics: url(port.vm!), vmalert: url(port.vmalert!) }),
  };
  return {
    dir: o.dir, topology: o.topology, env, sink, processes, urls,
    prometheus: Object.fromEntries(replicas.map((r) => [r, url(port[`prom-${r}`]!)])),
    alertmanagers: Object.fromEntries(ams.map((a) => [a, url(port[a]!)])),
    ...(ha ? {} : { victoriaMetrics: url(port.vm!), vmalert: url(port.vmalert!) }),
    setScenario: (...n) => {
      const s = combine(n);
      backend!.setScenario(s);
      events!.setScenario(s);
      crises?.setScenario(s);
    },
    kill: async (name) => {
      const p = processes.get(name);
      if (!p?.pid || !p.running) throw new Error(`no running process ${name}`);
      process.kill(p.pid, "SIGKILL");
      for (let i = 0; i < 100 && p.running; i++) await new Promise((r) => setTimeout(r, 50));
    },
    stop,
  };
}
