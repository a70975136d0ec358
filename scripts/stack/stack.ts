// The live stack: real Prometheus, Alertmanager and node_exporter from Debian's packages, our
// business exporter, the webhook sink and the traffic simulator, all on 127.0.0.1, each process
// with its own data under `dir`. Everything it starts, it stops by process id.
import fs from "node:fs";
import path from "node:path";
import { environment } from "../../catalog/environments.ts";
import type { Environment, Locale } from "../../catalog/types.ts";
import { writeBundle } from "../lib/bundle-io.ts";
import { repoRoot } from "../lib/options.ts";
import { render } from "../render/index.ts";
import { type BackendSim, startBackendSim } from "./backend-sim.ts";
import { type EventsSim, startEventsSim } from "./events-sim.ts";
import { type CrisisSim, startCrisisSim } from "./crisis-sim.ts";
import { freePorts, isListening } from "./ports.ts";
import { ManagedProcess } from "./processes.ts";
import { type ScenarioName, combine, scenario } from "./scenarios.ts";
import { type Sink, startSink } from "./sink.ts";

export interface StackOptions {
  /** Folder for the generated bundle, data and logs of this run. */
  dir: string;
  scenario?: ScenarioName;
  locale?: Locale;
  /** Divides every rule and Alertmanager duration (README, "Live stack"). */
  timeScale?: number;
  /** First port to try; the stack takes the first free ones from there. */
  basePort?: number;
  print?: (line: string) => void;
  /** The Debian binaries, replaceable (the tests start a broken one to see the clean-up). */
  binaries?: Partial<Binaries>;
}

export interface Binaries {
  prometheus: string;
  alertmanager: string;
  nodeExporter: string;
}

function binaries(o: StackOptions): Binaries {
  return {
    prometheus: "/usr/bin/prometheus",
    alertmanager: "/usr/bin/prometheus-alertmanager",
    nodeExporter: "/usr/bin/prometheus-node-exporter",
    ...o.binaries,
  };
}

export interface StackUrls {
  prometheus: string;
  alertmanager: string;
  exporter: string;
  nodeExporter: string;
  backend: string;
  sink: string;
  /** Only when `grafana-server` is on the PATH. */
  grafana?: string;
}

export interface Stack {
  /** The folder of this run: generated bundle, data and logs. */
  dir: string;
  urls: StackUrls;
  env: Environment;
  sink: Sink;
  processes: ManagedProcess[];
  /** One scenario, or several at once (each breaks its own indicator). */
  setScenario(...names: ScenarioName[]): void;
  stop(): Promise<void>;
}

/** The time scale of `npm start`: 10 min of `for` become 30 s. */
export function defaultTimeScale(): number {
  return 1 / 20;
}

function httpReady(url: string): () => Promise<boolean> {
  return async () => (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok;
}

function stackEnvironment(ports: Record<string, number>, sinkUrl: string, timeScale: number, generated: string): Environment {
  const local = environment("local");
  const at = (p: number) => [`127.0.0.1:${p}`];
  return {
    ...local,
    targets: {
      node: at(ports.node!), backend: at(ports.backend!), businessExporter: at(ports.exporter!),
      prometheus: at(ports.prometheus!), alertmanager: at(ports.alertmanager!),
    },
    alertmanagers: at(ports.alertmanager!),
    prometheusUrl: `http://127.0.0.1:${ports.prometheus}`,
    grafanaUrl: `http://127.0.0.1:${ports.grafana}`,
    grafanaDashboardsPath: path.join(generated, "grafana", "dashboards"),
    notifications: { ...local.notifications, sinkUrl } as Environment["notifications"],
    scrapeInterval: "1s",
    evaluationInterval: "1s",
    timeScale,
  };
}

export async function startStack(o: StackOptions): Promise<Stack> {
  const print = o.print ?? (() => undefined);
  const names = ["prometheus", "alertmanager", "node", "exporter", "sink", "backend", "grafana"] as const;
  const list = await freePorts(names.length, o.basePort ?? 19000);
  const ports = Object.fromEntries(names.map((n, i) => [n, list[i]!])) as Record<(typeof names)[number], number>;
  fs.mkdirSync(o.dir, { recursive: true });
  const initial = scenario(o.scenario ?? "normal");

  const sink = await startSink(ports.sink, print);
  const generated = path.join(o.dir, "generated");
  const env = stackEnvironment(ports, sink.url, o.timeScale ?? defaultTimeScale(), generated);
  writeBundle(generated, render({ env, locale: o.locale ?? "zh" }));

  const bin = binaries(o);
  const processes: ManagedProcess[] = [];
  let backend: BackendSim | undefined;
  let events: EventsSim | undefined;
  let crises: CrisisSim | undefined;
  const stop = async () => {
    events?.stop();
    crises?.stop();
    await Promise.all(processes.map((p) => p.stop()));
    await backend?.close();
    await sink.close();
  };
  const log = (name: string) => path.join(o.dir, `${name}.log`);
  const urls: StackUrls = {
    prometheus: `http://127.0.0.1:${ports.prometheus}`,
    alertmanager: `http://127.0.0.1:${ports.alertmanager}`,
    exporter: `http://127.0.0.1:${ports.exporter}`,
    nodeExporter: `http://127.0.0.1:${ports.node}`,
    backend: `http://127.0.0.1:${ports.backend}`,
    sink: sink.url,
  };
  try {
    backend = await startBackendSim(ports.backend, initial);
    const start = (spec: Parameters<typeof ManagedProcess.start>[0]) => {
      const p = ManagedProcess.start(spec);
      processes.push(p);
      return p;
    };
    const specs = [
      start({
        name: "node_exporter", command: bin.nodeExporter, logFile: log("node_exporter"),
        args: [`--web.listen-address=127.0.0.1:${ports.node}`, "--no-collector.systemd"],
        ready: httpReady(`${urls.nodeExporter}/metrics`),
      }),
      start({
        name: "business exporter", command: path.join(repoRoot(), "node_modules", ".bin", "tsx"), logFile: log("exporter"),
        args: [path.join(repoRoot(), "exporters", "main.ts")],
        env: { HOST: "127.0.0.1", PORT: String(ports.exporter), EXPORTER_ALLOW_NO_AUTH: "1" },
        ready: httpReady(`${urls.exporter}/readyz`),
      }),
      start({
        name: "alertmanager", command: bin.alertmanager, logFile: log("alertmanager"),
        args: [
          `--config.file=${path.join(generated, "alertmanager", "alertmanager.yml")}`,
          `--storage.path=${path.join(o.dir, "alertmanager-data")}`,
          `--web.listen-address=127.0.0.1:${ports.alertmanager}`,
          `--web.external-url=${urls.alertmanager}`,
          "--cluster.listen-address=",
        ],
        ready: httpReady(`${urls.alertmanager}/-/ready`),
      }),
      start({
        name: "prometheus", command: bin.prometheus, logFile: log("prometheus"),
        args: [
          `--config.file=${path.join(generated, "prometheus", "prometheus.yml")}`,
          `--storage.tsdb.path=${path.join(o.dir, "prometheus-data")}`,
          `--web.listen-address=127.0.0.1:${ports.prometheus}`,
          "--web.enable-lifecycle",
          "--rules.alert.resend-delay=1s",
        ],
        ready: httpReady(`${urls.prometheus}/-/ready`),
      }),
    ];
    const grafana = grafanaServer();
    if (grafana) {
      urls.grafana = `http://127.0.0.1:${ports.grafana}`;
      specs.push(start({
        name: "grafana", command: grafana, logFile: log("grafana"),
        args: [
          "--homepath=/usr/share/grafana",
          `cfg:paths.provisioning=${path.join(generated, "grafana", "provisioning")}`,
          `cfg:paths.data=${path.join(o.dir, "grafana-data")}`,
          "cfg:server.http_addr=127.0.0.1", `cfg:server.http_port=${ports.grafana}`,
          "cfg:analytics.reporting_enabled=false", "cfg:analytics.check_for_updates=false",
        ],
        ready: httpReady(`${urls.grafana}/api/health`),
      }));
    }
    await Promise.all(specs.map((p) => p.waitReady()));
    events = startEventsSim(urls.exporter, initial);
    crises = startCrisisSim(urls.exporter, initial, 1 / (o.timeScale ?? defaultTimeScale()));
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    dir: o.dir, urls, env, sink, processes,
    setScenario: (...names) => {
      const s = combine(names);
      backend!.setScenario(s);
      events!.setScenario(s);
      crises!.setScenario(s);
    },
    stop,
  };
}

/**
 * `grafana-server` from the PATH, if any. No Grafana can be installed on our machines, so this
 * path is documented, not tested: the e2e tests prove the dashboards by running every query.
 */
function grafanaServer(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "grafana-server");
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** True when none of the stack's ports accepts connections any more. */
export async function portsClosed(urls: StackUrls): Promise<boolean> {
  const open = await Promise.all(Object.values(urls).map((u) => isListening(Number(new URL(u).port))));
  return open.every((o) => !o);
}
