// Probe resources for the reachability probes (issue 13, alerts/reachability.ts): the same two
// blackbox jobs as prometheus.yml (scripts/render/data-tier.ts), one per module, each probing the
// environment's public health URLs through the blackbox exporter Service of catalog/kubernetes.ts.
// The operator sets `job` to `jobName` and `instance` to the probed URL, as our scrape jobs do, so
// the reachability alerts select the Probes' series unchanged.
import { dataJobs, dataTargetsOf, probeModules } from "../../../catalog/data-targets.ts";
import type { KubernetesSettings } from "../../../catalog/kubernetes.ts";
import type { Environment } from "../../../catalog/types.ts";

export interface ProbeDef {
  /** Resource name. */
  name: string;
  /** The job name the reachability alerts select by. */
  job: string;
  /** The blackbox module, e.g. `https_2xx`. */
  module: string;
  /** The blackbox exporter's host:port as the cluster reaches it. */
  prober: string;
  targets: string[];
  interval?: string;
}

/** The catalog's reachability probes of an environment: the strict one and the one that skips verification. */
export function reachabilityProbes(env: Environment, k: Pick<KubernetesSettings, "blackboxExporter">): ProbeDef[] {
  const targets = [...dataTargetsOf(env).probeUrls];
  const jobs = dataJobs();
  const modules = probeModules();
  return [
    { name: `xinliya-${jobs.probe}`, job: jobs.probe, module: modules.strict, prober: k.blackboxExporter, targets },
    { name: `xinliya-${jobs.probeNoVerify}`, job: jobs.probeNoVerify, module: modules.noVerify, prober: k.blackboxExporter, targets },
  ];
}

export function probeResource(p: ProbeDef): Record<string, unknown> {
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "Probe",
    metadata: { name: p.name, labels: { "app.kubernetes.io/part-of": "xinliya-observability" } },
    spec: {
      jobName: p.job,
      module: p.module,
      prober: { url: p.prober, scheme: "http", path: "/probe" },
      ...(p.interval ? { interval: p.interval } : {}),
      targets: { staticConfig: { static: p.targets } },
    },
  };
}
