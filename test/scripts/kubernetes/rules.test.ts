// The rules inside the PrometheusRules are byte-for-byte the rule files that promtool tested: taken
// back out of the resources, they pass the same promtool unit tests, and kustomize keeps them intact.
import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { ruleGroups } from "../../../alerts/index.ts";
import { environment } from "../../../catalog/environments.ts";
import { kubernetesEnvironments } from "../../../catalog/kubernetes.ts";
import type { EnvironmentName } from "../../../catalog/types.ts";
import { kustomizeBuild } from "../../../scripts/check/kubernetes.ts";
import { runTool } from "../../../scripts/check/tools.ts";
import { readBundle } from "../../../scripts/lib/bundle-io.ts";
import { repoRoot } from "../../../scripts/lib/options.ts";
import { render } from "../../../scripts/render/index.ts";
import { renderKubernetes } from "../../../scripts/render/kubernetes/index.ts";
import { ruleFileBody, specText } from "../../../scripts/render/kubernetes/rules.ts";
import { GENERATED_HEADER } from "../../../scripts/render/yaml.ts";
import { tempDir } from "../../helpers.ts";

const tree = renderKubernetes("zh");
const overlayNames = Object.keys(kubernetesEnvironments()) as EnvironmentName[];

function ruleResources(envName: string): Map<string, string> {
  const prefix = `kubernetes/overlays/${envName}/prometheusrules/`;
  return new Map([...tree].filter(([f]) => f.startsWith(prefix)).map(([f, t]) => [f.slice(prefix.length).replace(/\.yaml$/, ""), t]));
}

describe("PrometheusRules", () => {
  it("there is one overlay per environment of catalog/kubernetes.ts: staging and production", () => {
    expect(overlayNames.sort()).toEqual(["production", "staging"]);
  });

  for (const name of overlayNames) {
    it(`${name}: one PrometheusRule per rule domain, its spec byte-for-byte the rule file`, () => {
      const env = environment(name);
      const bundle = render({ env, locale: "zh" });
      const domains = ruleGroups({ env }).map((g) => g.domain).sort();
      const resources = ruleResources(name);
      expect([...resources.keys()].sort()).toEqual(domains);
      for (const domain of domains) {
        expect(specText(resources.get(domain)!), domain).toBe(ruleFileBody(bundle.get(`prometheus/rules/${domain}.yml`)!));
      }
    });

  }

  // promtool's unit tests are those of the committed (production) bundle; staging's rules are its
  // own rendering, compared byte for byte above.
  for (const name of ["production"] as const) {
    it(`${name}: the rules taken back out of the PrometheusRules pass promtool's unit tests`, () => {
      const dir = tempDir("xinliya-k8s-rules-");
      const bundle = render({ env: environment(name), locale: "zh" });
      for (const [domain, text] of ruleResources(name)) {
        const file = path.join(dir, "prometheus", "rules", `${domain}.yml`);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, GENERATED_HEADER + specText(text));
      }
      const tests = [...bundle.keys()].filter((f) => f.startsWith("prometheus/tests/"));
      expect(tests.length).toBeGreaterThan(0);
      for (const t of tests) {
        fs.mkdirSync(path.join(dir, path.dirname(t)), { recursive: true });
        fs.writeFileSync(path.join(dir, t), bundle.get(t)!);
      }
      // One promtool run per test file: all at once outlasted runTool's 60 s bound at a load of 40.
      for (const t of tests) {
        const run = runTool("promtool", ["test", "rules", t], dir);
        expect(run.output, t).toContain("SUCCESS");
        expect(run.code, run.output).toBe(0);
      }
    }, 300_000);
  }

  it("production: the committed PrometheusRules hold the committed rule files, and kustomize keeps every rule", () => {
    const committed = readBundle(path.join(repoRoot(), "generated"));
    const resources = ruleResources("production");
    for (const [domain, text] of resources) {
      expect(committed.get(`kubernetes/overlays/production/prometheusrules/${domain}.yaml`)).toBe(text);
      expect(specText(text)).toBe(ruleFileBody(committed.get(`prometheus/rules/${domain}.yml`)!));
    }
    const built = kustomizeBuild(path.join(repoRoot(), "generated"), "production").filter((d) => d.kind === "PrometheusRule");
    expect(built).toHaveLength(resources.size);
    for (const doc of built) {
      const domain = doc.metadata.labels["xinliya.example/rule-domain"];
      expect(doc.spec, domain).toEqual(yaml.load(committed.get(`prometheus/rules/${domain}.yml`)!));
    }
  });
});
