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
import { DATA_PORTS, type DataPorts, type DataStack, dataTargetsFor, startDataStack } from "./data-stack.ts";
import { type EventsSim, startEventsSim } from "./events-sim.ts";
import { realStackBackupJobs } from "../../catalog/data-targets.ts";
import { type CrisisSim, startCrisisSim } from "./crisis-sim.ts";
import { freePorts, isListening } from "./ports.ts";
import { EXPORTER_PROCESS, type LiveFaults, liveFaults } from "./live-faults.ts";
import { nodeExporterArgs } from "./node-exporter.ts";
import { ManagedProcess } from "./processes.ts";
import { registered } from "./registry.ts";
import { type ScenarioName, combine, scenario } from "./scenarios.ts";
import { type Sink, startSink } from "./sink.ts";
import { jobs } from "../../catalog/selectors.ts";
import { prometheusFlags } from "../render/prometheus.ts";
import { type StaticServer, startStaticServer } from "./static.ts";
import { compiledEntry } from "../lib/compiled.mjs";

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
  /** Runbooks, dashboard panels, reports and previews (scripts/stack/static.ts). */
  static: string;
  /** Only when `grafana-server` is on the PATH. */
  grafana?: string;
  /** The data tier (scripts/stack/data-stack.ts). */
  postgres?: string;
  postgresExporter?: string;
  redis?: string;
  redisExporter?: string;
  blackbox?: string;
  https?: string;
}

export interface Stack {
  /** The folder of this run: generated bundle, data and logs. */
  dir: string;
  urls: StackUrls;
  env: Environment;
  sink: Sink;
  processes: ManagedProcess[];
  /** PostgreSQL, Redis, the probes and the backups: `await stack.data.setScenario(...)` to know the fault is in. */
  data: DataStack;
  /** One scenario, or several at once (each breaks its own indicator). */
  setScenario(...names: ScenarioName[]): void;
  /** Event batches the exporter did not take, per simulator (a diagnosis when a page is missing). */
  senderFailures(): { events: number; crises: number };
  /** Resolves once the faults the stack plays on its own parts (live-faults.ts) are in. */
  faultsSettled(): Promise<void>;
  stop(): Promise<void>;
  /** SIGKILL every child still running (a second Ctrl-C). */
  kill(): Promise<void>;
}

/** The time scale of `npm start`: 10 min of `for` become 30 s. */
export function defaultTimeScale(): number {
  return 1 / 20;
}

function httpReady(url: string): () => Promise<boolean> {
  return async () => (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok;
}

function stackEnvironment(ports: Record<string, number>, sinkUrl: string, timeScale: number, generated: string, dir: string): Environment {
  const local = environment("local");
  // Runbook and dashboard links go to the stack's static server (Grafana's, when there is one).
  const staticUrl = `http://127.0.0.1:${ports.static}`;
  const at = (p: number) => [`127.0.0.1:${p}`];
  return {
    ...local,
    targets: {
      node: at(ports.node!), backend: at(ports.backend!), businessExporter: at(ports.exporter!),
      prometheus: at(ports.prometheus!), alertmanager: at(ports.alertmanager!),
    },
    alertmanagers: at(ports.alertmanager!),
    prometheusUrl: `http://127.0.0.1:${ports.prometheus}`,
    grafanaUrl: grafanaServer() ? `http://127.0.0.1:${ports.grafana}` : staticUrl,
    runbookBaseUrl: `${staticUrl}/runbooks`,
    grafanaDashboardsPath: path.join(generated, "grafana", "dashboards"),
    notifications: { ...local.notifications, sinkUrl } as Environment["notifications"],
    scrapeInterval: "1s",
    // Rules every 2 s (production: 30 s; 1 s at 1/40 would be finer than production): at 1 s the
    // rule groups alone kept an eighth of a core busy in every stack (README, "Test time").
    evaluationInterval: "2s",
    timeScale,
    data: dataTargetsFor(dir, ports as DataPorts),
  };
}

/**
 * With kernel-picked ports (`basePort: 0`) a port is free when picked and bound a moment later:
 * another stack starting in parallel can take it in between. Such a start is retried on fresh
 * ports, up to three times in all; every other failure is reported at once.
 */
export function startStack(o: StackOptions): Promise<Stack> {
  return registered(startStackRetrying(o));
}

/**
 * A start that failed because a port was taken meanwhile: Node's EADDRINUSE, or a server's own
 * words in the log lines the error carries (PostgreSQL: "could not bind IPv4 address …: Address
 * already in use"; Go servers: "bind: address already in use").
 */
export function portTaken(message: string): boolean {
  return /EADDRINUSE|address already in use/i.test(message);
}

async function startStackRetrying(o: StackOptions): Promise<Stack> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startStackOnce(attempt === 1 ? o : { ...o, dir: `${o.dir}-retry${attempt}` });
    } catch (e) {
      if (o.basePort !== 0 || attempt >= 3 || !portTaken(String((e as Error).message))) throw e;
      (o.print ?? (() => undefined))(`ports taken while starting (${(e as Error).message.split("\n")[0]}): retrying on fresh ports`);
    }
  }
}

async function startStackOnce(o: StackOptions): Promise<Stack> {
  const print = o.print ?? (() => undefined);
  const names = ["prometheus", "alertmanager", "node", "exporter", "sink", "backend", "grafana", "exporterIngest", "static", ...DATA_PORTS] as const;
  const list = await freePorts(names.length, o.basePort ?? 19000);
  const ports = Object.fromEntries(names.map((n, i) => [n, list[i]!])) as Record<(typeof names)[number], number>;
  for (const sub of ["reports", "previews"]) fs.mkdirSync(path.join(o.dir, sub), { recursive: true });
  const initial = scenario(o.scenario ?? "normal");

  const sink = await startSink(ports.sink, print);
  const generated = path.join(o.dir, "generated");
  const env = stackEnvironment(ports, sink.url, o.timeScale ?? defaultTimeScale(), generated, o.dir);
  writeBundle(generated, render({ env, locale: o.locale ?? "zh" }));

  const bin = binaries(o);
  const processes: ManagedProcess[] = [];
  let backend: BackendSim | undefined;
  let events: EventsSim | undefined;
  let files: StaticServer | undefined;
  let data: DataStack | undefined;
  let crises: CrisisSim | undefined;
  let faults: LiveFaults | undefined;
  const textfileDir = path.join(o.dir, "node-textfile");
  fs.mkdirSync(textfileDir, { recursive: true });
  const stop = async () => {
    await faults?.settled();
    events?.stop();
    await data?.stop();
    crises?.stop();
    await Promise.all(processes.map((p) => p.stop()));
    await backend?.close();
    await files?.close();
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
    static: `http://127.0.0.1:${ports.static}`,
    postgres: `postgresql://127.0.0.1:${ports.postgres}`,
    postgresExporter: `http://127.0.0.1:${ports.postgresExporter}`,
    redis: `redis://127.0.0.1:${ports.redis}`,
    redisExporter: `http://127.0.0.1:${ports.redisExporter}`,
    blackbox: `http://127.0.0.1:${ports.blackbox}`,
    https: `https://127.0.0.1:${ports.https}/healthz`,
  };
  try {
    files = await startStaticServer(ports.static, { dir: o.dir, prometheusUrl: urls.prometheus, timeScale: env.timeScale });
    backend = await startBackendSim(ports.backend, initial);
    const exporterJs = await compiledEntry("exporters/main.ts");
    const start = (spec: Parameters<typeof ManagedProcess.start>[0]) => {
      const p = ManagedProcess.start(spec);
      processes.push(p);
      return p;
    };
    const specs = [
      start({
        name: "node_exporter", command: bin.nodeExporter, logFile: log("node_exporter"),
        args: nodeExporterArgs(ports.node, textfileDir),
        ready: httpReady(`${urls.nodeExporter}/metrics`),
      }),
      start({
        name: EXPORTER_PROCESS, command: process.execPath, logFile: log("exporter"), cwd: repoRoot(),
        // node itself on the compiled exporter (npm run exporter's bundle): one process, stopped (or killed) by its own pid.
        args: [exporterJs],
        env: {
          HOST: "127.0.0.1", PORT: String(ports.exporter), INGEST_PORT: String(ports.exporterIngest), EXPORTER_ALLOW_NO_AUTH: "1",
          EXPORTER_STATE_DIR: path.join(o.dir, "exporter-state"),
        },
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
          ...prometheusFlags(),
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
    faults = liveFaults({
      dir: o.dir, processes, prometheusUrl: urls.prometheus, backendJob: jobs(env).backend,
      prometheusConfig: path.join(generated, "prometheus", "prometheus.yml"),
    });
    // The data tier's real backup job owns its jobs' reports (scripts/stack/backups.ts).
    events = startEventsSim(`http://127.0.0.1:${ports.exporterIngest}`, initial, undefined, faults.senderToken, realStackBackupJobs());
    data = await startDataStack({ dir: o.dir, ports, generated, exporterUrl: `http://127.0.0.1:${ports.exporterIngest}`, textfileDir, log });
    processes.push(...data.processes);
    await data.setScenario([initial.name]);
    crises = startCrisisSim(`http://127.0.0.1:${ports.exporterIngest}`, initial, 1 / (o.timeScale ?? defaultTimeScale()));
    await faults.apply(initial);
  } catch (e) {
    await stop();
    throw Object.assign(e as Error, { urls });
  }
  return {
    dir: o.dir, urls, env, sink, processes, data: data!,
    setScenario: (...names) => {
      const s = combine(names);
      backend!.setScenario(s);
      events!.setScenario(s);
      void data!.setScenario(names).catch((e) => print(`data tier: ${(e as Error).message}`));
      crises!.setScenario(s);
      void faults!.apply(s).catch((e) => print(`live faults: ${(e as Error).message}`));
    },
    senderFailures: () => ({ events: events!.failures(), crises: crises!.failures() }),
    faultsSettled: () => faults!.settled(),
    stop,
    kill: async () => { await Promise.all(processes.map((p) => p.kill())); },
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
