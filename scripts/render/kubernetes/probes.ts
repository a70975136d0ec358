// Probe resources for reachability checks through a blackbox exporter.
//
// HOOK: the reachability probes (blackbox exporter, alerts/reachability.ts) are another issue's, in
// flight while this was written. When they land, `reachabilityProbes()` returns them from the catalog
// and each becomes a Probe in every overlay; until then it returns none, and the rendering below is
// proven on sample probes (test/scripts/kubernetes/validate.test.ts, with the typed Probe model).
import type { Environment } from "../../../catalog/types.ts";

export interface ProbeDef {
  /** Resource name and job name the reachability alerts would select by. */
  name: string;
  job: string;
  /** The blackbox module, e.g. `http_2xx`. */
  module: string;
  /** The blackbox exporter's host:port as the cluster reaches it. */
  prober: string;
  targets: string[];
  interval?: string;
}

/** The catalog's reachability probes of an environment: none until the blackbox issue lands. */
export function reachabilityProbes(_env: Environment): ProbeDef[] {
  return [];
}

export function probeResource(p: ProbeDef): Record<string, unknown> {
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "Probe",
    metadata: { name: p.name, labels: { "app.kubernetes.io/part-of": "xinliya-observability" } },
    spec: {
      jobName: p.job,
      module: p.module,
      prober: { url: p.prober, path: "/probe" },
      ...(p.interval ? { interval: p.interval } : {}),
      targets: { staticConfig: { static: p.targets } },
    },
  };
}
