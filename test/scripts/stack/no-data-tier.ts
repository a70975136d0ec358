// The scale-out stacks run no data tier (`dataTier: false`, scripts/stack/scaleout.ts): their
// Prometheus scrapes no data-tier job, and no alert about one (ScrapeJobMissing, KeySeriesMissing,
// DataExporterDown) reaches a receiver during the whole run. Issue 10, item 3.
import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { expect } from "vitest";
import { dataJobs } from "../../../catalog/data-targets.ts";
import type { ScaleOutStack } from "../../../scripts/stack/scaleout.ts";

export function expectNoDataTierPages(stack: ScaleOutStack): void {
  const data: string[] = Object.values(dataJobs());
  const config = yaml.load(fs.readFileSync(path.join(stack.dir, "generated", "prometheus", "prometheus.yml"), "utf8")) as { scrape_configs: { job_name: string }[] };
  expect(config.scrape_configs.map((c) => c.job_name).filter((j) => data.includes(j))).toEqual([]);
  const about = stack.sink.received.flatMap((n) => n.alerts.filter((a) => data.includes(a.labels.job ?? "")).map((a) => `${n.receiver}: ${a.labels.alertname} ${a.labels.job}`));
  const missing = stack.sink.received.flatMap((n) => n.alerts.filter((a) => a.labels.alertname === "ScrapeJobMissing").map((a) => `${n.receiver}: ${a.labels.job}`));
  console.log(`[${stack.topology}] notifications about a data-tier job: ${about.length}; ScrapeJobMissing of any job: ${missing.length}`);
  expect(about).toEqual([]);
}
