// Issue 10, item 3: ScrapeJobMissing and KeySeriesMissing follow what the environment really
// scrapes. Every job of the rendered prometheus.yml, the data tier's included, is covered by the
// absent-job alert, and none beyond it: an environment without a data tier (the HA and long-term
// stacks, `dataTier: false`) scrapes no data-tier job and expects none.
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { dataJobs } from "../../catalog/data-targets.ts";
import { environment } from "../../catalog/environments.ts";
import type { Environment } from "../../catalog/types.ts";
import { bundleRules } from "../../scripts/lib/bundle-rules.ts";
import { render } from "../../scripts/render/index.ts";

type Doc = Record<string, any>;

const cache = new Map<string, ReturnType<typeof renderedOnce>>();
const rendered = (name: string, env: () => Environment) => cache.get(name) ?? cache.set(name, renderedOnce(env())).get(name)!;

function renderedOnce(env: Environment) {
  const bundle = render({ env, locale: "zh" });
  const scraped = (yaml.load(bundle.get("prometheus/prometheus.yml")!) as Doc).scrape_configs.map((c: Doc) => c.job_name as string);
  const expr = (alert: string) => String(bundleRules(bundle).find(({ rule }) => rule.alert === alert)!.rule.expr);
  const absentJobs = [...expr("ScrapeJobMissing").matchAll(/absent\(up\{job="([^"]+)"\}\)/g)].map((m) => m[1]!);
  return { scraped, absentJobs, keySeries: expr("KeySeriesMissing") };
}

const withoutDataTier = (): Environment => ({ ...environment("local"), dataTier: false });

describe("the absence alerts cover exactly the jobs the environment scrapes", () => {
  for (const [name, env] of [
    ["production", () => environment("production")], ["staging", () => environment("staging")], ["local", () => environment("local")],
    ["a stack without a data tier", withoutDataTier],
  ] as const) {
    it(`${name}: ScrapeJobMissing has one absent(up) per scrape job of prometheus.yml`, () => {
      const { scraped, absentJobs } = rendered(name, env);
      expect(absentJobs.length).toBeGreaterThan(0);
      expect([...absentJobs].sort()).toEqual([...scraped].sort());
    });
  }

  it("with a data tier, every data job is covered, and KeySeriesMissing reads each data domain's key series", () => {
    const { absentJobs, keySeries } = rendered("production", () => environment("production"));
    expect(absentJobs).toEqual(expect.arrayContaining(Object.values(dataJobs())));
    for (const [series, job] of [["pg_up", dataJobs().postgres], ["pg_lock_waits_sessions", dataJobs().postgres], ["redis_up", dataJobs().redis],
      ["probe_success", dataJobs().probe], ["probe_success", dataJobs().probeNoVerify], ["probe_ssl_earliest_cert_expiry", dataJobs().probeNoVerify]]) {
      expect(keySeries).toContain(`absent(${series}{job="${job}"})`);
    }
  });

  it("without a data tier, no data job is scraped, and neither alert names one", () => {
    const { scraped, absentJobs, keySeries } = rendered("a stack without a data tier", withoutDataTier);
    for (const job of Object.values(dataJobs())) {
      expect(scraped).not.toContain(job);
      expect(absentJobs).not.toContain(job);
      expect(keySeries).not.toContain(`job="${job}"`);
    }
    expect(keySeries).toContain("absent(node_cpu_seconds_total");
  });
});
