// Scrape job names and the label selectors built from them. Defaults hold everywhere unless an
// environment overrides a job name (catalog/environments.ts).
import type { Environment, JobKey } from "./types.ts";

export function defaultJobs(): Record<JobKey, string> {
  return {
    node: "node",
    backend: "xinliya-backend",
    businessExporter: "xinliya-business-exporter",
    prometheus: "prometheus",
    alertmanager: "alertmanager",
  };
}

export function jobs(env: Environment): Record<JobKey, string> {
  return { ...defaultJobs(), ...env.jobs };
}

/** `job="..."`, ready to go between the braces of a PromQL selector. */
export function jobMatcher(env: Environment, key: JobKey): string {
  return `job="${jobs(env)[key]}"`;
}
