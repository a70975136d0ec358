// prometheus.yml: the scrape jobs of the catalog, our rule files, and the Alertmanagers.
import { jobs } from "../../catalog/selectors.ts";
import type { Environment, JobKey } from "../../catalog/types.ts";
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
        static_configs: [{ targets: [...env.targets[key]] }],
      })),
      ...dataScrapeConfigs(env),
    ],
  };
}
