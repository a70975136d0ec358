// Issue 10's faults that the stack plays on its own parts (scripts/stack/scenarios.ts): the
// exporter's token rotated while the backend keeps the old one (rotated-token), and the backend
// gone from Prometheus' targets (backend-leaves). The traffic-shaped ones are the simulators'.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { ManagedProcess } from "./processes.ts";
import type { Scenario } from "./scenarios.ts";

/** The name of the business exporter's process in the stack (stack.ts). */
export const EXPORTER_PROCESS = "business exporter";

export interface LiveFaults {
  /** The bearer token the backend (the event simulator) holds: the one before any rotation. */
  senderToken: string;
  /** Brings the stack's parts to the scenario's state; calls run one after the other. */
  apply(s: Scenario): Promise<void>;
  /** Resolves once every `apply` called so far is done (the fault is in). */
  settled(): Promise<void>;
}

export interface LiveFaultParts {
  dir: string;
  /** The stack's processes: the exporter's entry is replaced when it restarts. */
  processes: ManagedProcess[];
  prometheusConfig: string;
  prometheusUrl: string;
  backendJob: string;
}

const newToken = () => randomBytes(24).toString("hex");

export function liveFaults(o: LiveFaultParts): LiveFaults {
  const senderToken = newToken();
  const tokenFile = path.join(o.dir, "exporter-token");
  const original = fs.readFileSync(o.prometheusConfig, "utf8");
  let rotated = false;
  let scraped = true;
  let chain: Promise<void> = Promise.resolve();

  /** A rotation is a restart: the exporter reads its token file when it starts. */
  const restartExporter = async (rotate: boolean) => {
    const i = o.processes.findIndex((p) => p.spec.name === EXPORTER_PROCESS);
    if (i < 0) throw new Error(`live faults: no "${EXPORTER_PROCESS}" process in the stack`);
    const old = o.processes[i]!;
    const env = { ...old.spec.env };
    if (rotate) {
      fs.writeFileSync(tokenFile, `${newToken()}\n`, { mode: 0o600 });
      Object.assign(env, { EXPORTER_TOKEN_FILE: tokenFile, EXPORTER_ALLOW_NO_AUTH: "0" });
    } else {
      // Back to the stack's default (the rollout reached every sender): no token on loopback.
      Object.assign(env, { EXPORTER_TOKEN_FILE: "", EXPORTER_ALLOW_NO_AUTH: "1" });
    }
    await old.stop();
    const next = ManagedProcess.start({ ...old.spec, env });
    o.processes[i] = next;
    await next.waitReady();
  };

  /**
   * Discovery drops the backend: its job keeps no target, and Prometheus reloads. (A job removed
   * outright stops its scrape pool, which writes no staleness marker: `up` would linger 5 minutes.)
   */
  const setScraped = async (on: boolean) => {
    let text = original;
    if (!on) {
      const doc = yaml.load(original) as { scrape_configs?: { job_name: string; static_configs?: unknown }[] };
      const job = (doc.scrape_configs ?? []).find((c) => c.job_name === o.backendJob);
      if (!job) throw new Error(`live faults: no scrape job "${o.backendJob}" in ${o.prometheusConfig}`);
      job.static_configs = [{ targets: [] }];
      text = yaml.dump(doc, { lineWidth: -1, noRefs: true });
    }
    const tmp = `${o.prometheusConfig}.tmp`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, o.prometheusConfig);
    const res = await fetch(`${o.prometheusUrl}/-/reload`, { method: "POST", signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`live faults: Prometheus reload answered ${res.status} ${await res.text()}`);
  };

  const step = async (s: Scenario) => {
    if (s.exporterTokenRotated !== rotated) {
      await restartExporter(s.exporterTokenRotated);
      rotated = s.exporterTokenRotated;
    }
    if (s.backendScraped !== scraped) {
      await setScraped(s.backendScraped);
      scraped = s.backendScraped;
    }
  };

  return {
    senderToken,
    apply: (s) => {
      const run = chain.then(() => step(s));
      chain = run.catch(() => undefined);
      return run;
    },
    settled: () => chain,
  };
}
