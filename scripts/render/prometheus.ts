// prometheus.yml: the scrape jobs of the catalog, our rule files, and the Alertmanagers.
import { jobs } from "../../catalog/selectors.ts";
import type { Environment, JobKey } from "../../catalog/types.ts";
import { prometheusRetention } from "../../catalog/retention.ts";

/**
 * Command-line flags the Prometheus server must run with (retention is a flag, not part of
 * prometheus.yml): written to generated/prometheus/flags.txt and passed by the live stack.
 */
export function prometheusFlags(): string[] {
  return [`--storage.tsdb.retention.time=${prometheusRetention()}`];
}

export function prometheusFlagsFile(): string {
  return [
    "# Generated: flags for the Prometheus server, one a line (e.g. ARGS in /etc/default/prometheus).",
    "# The retention is longer than the 30-day SLO period (catalog/retention.ts).",
    ...prometheusFlags(),
    "",
  ].join("\n");
}
import { dataScrapeConfigs } from "./data-tier.ts";

/** The labels Prometheus adds to every alert it sends; templates read them as $externalLabels. */
export function externalLabels(env: Environment): Record<string, string> {
  return { environment: env.name };
}

export function prometheusConfig(env: Environment, ruleFiles: string[]): unknown {
  const names = jobs(env);
  const keys = Object.keys(names) as JobKey[];
  return {
    global: {
      scrape_interval: env.scrapeInterval,
      evaluation_interval: env.evaluationInterval,
      external_labels: externalLabels(env),
    },
    rule_files: ruleFiles,
    alerting: { alertmanagers: [{ static_configs: [{ targets: [...env.alertmanagers] }] }] },
    scrape_configs: [
      ...keys.map((key) => ({
        job_name: names[key],
        // The business exporter's /metrics takes a bearer token when the environment gives one.
        ...(key === "businessExporter" && env.businessExporterMetricsTokenFile !== undefined
          ? { authorization: { type: "Bearer", credentials_file: env.businessExporterMetricsTokenFile } }
          : {}),
        static_configs: [{ targets: [...env.targets[key]] }],
      })),
      ...dataScrapeConfigs(env),
    ],
  };
}
