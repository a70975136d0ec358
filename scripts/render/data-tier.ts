// The data tier's part of the bundle (issue 13): scrape jobs for postgres_exporter, redis_exporter
// and the blackbox probes, the blackbox_exporter modules, and our postgres_exporter query file.
import { dataJobs, dataJobsOf, dataTargetsOf, probeModules } from "../../catalog/data-targets.ts";
import { postgresQueryFile } from "../../catalog/postgres-queries.ts";
import type { Environment } from "../../catalog/types.ts";

function probeJob(env: Environment, job: string, module: string): unknown {
  const d = dataTargetsOf(env);
  return {
    job_name: job,
    metrics_path: "/probe",
    params: { module: [module] },
    static_configs: [{ targets: [...d.probeUrls] }],
    // The probed URL becomes `instance`; the scrape goes to blackbox_exporter.
    relabel_configs: [
      { source_labels: ["__address__"], target_label: "__param_target" },
      { source_labels: ["__param_target"], target_label: "instance" },
      { target_label: "__address__", replacement: d.blackboxExporter },
    ],
  };
}

export function dataScrapeConfigs(env: Environment): unknown[] {
  // An environment without a data tier scrapes none of its jobs (catalog/data-targets.ts dataJobsOf).
  if (Object.keys(dataJobsOf(env)).length === 0) return [];
  const d = dataTargetsOf(env);
  const j = dataJobs();
  return [
    { job_name: j.postgres, static_configs: [{ targets: [...d.postgresExporter] }] },
    { job_name: j.redis, static_configs: [{ targets: [...d.redisExporter] }] },
    probeJob(env, j.probe, probeModules().strict),
    probeJob(env, j.probeNoVerify, probeModules().noVerify),
  ];
}

/**
 * blackbox.yml. The strict module verifies against our CA: without it, blackbox 0.23 fails the
 * TLS handshake and drops `probe_ssl_earliest_cert_expiry` altogether. The other module skips
 * verification, so "answers but its certificate does not verify" is told apart from "down".
 */
export function blackboxConfig(env: Environment): unknown {
  const http = (tls: Record<string, unknown>) => ({
    prober: "http",
    timeout: "5s",
    http: { valid_status_codes: [200], method: "GET", fail_if_not_ssl: true, preferred_ip_protocol: "ip4", tls_config: tls },
  });
  const m = probeModules();
  return {
    modules: {
      [m.strict]: http({ ca_file: dataTargetsOf(env).probeCaFile }),
      [m.noVerify]: http({ insecure_skip_verify: true }),
    },
  };
}

/** Files of the bundle, relative to generated/. */
export function dataTierFiles(env: Environment, yaml: (doc: unknown) => string): [string, string][] {
  return [
    ["blackbox/blackbox.yml", yaml(blackboxConfig(env))],
    ["postgres_exporter/queries.yaml", yaml(postgresQueryFile())],
  ];
}
