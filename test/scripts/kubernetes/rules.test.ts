// The rules inside the PrometheusRules are byte-for-byte the rule files that promtool tested: taken
// back out of the resources, promtool loads them, and kustomize keeps them intact.
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

  // Byte-for-byte equal to the rule files, they are the files that promtool's unit tests ran on
  // (test/scripts/check.test.ts runs them on the committed bundle): running those tests again here
  // would prove nothing more. promtool still loads the rules as taken out of the resources.
  it("production: the rules taken back out of the PrometheusRules load in promtool (check rules)", () => {
    const dir = tempDir("xinliya-k8s-rules-");
    const files: string[] = [];
    for (const [domain, text] of ruleResources("production")) {
      const file = path.join("prometheus", "rules", `${domain}.yml`);
      fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), GENERATED_HEADER + specText(text));
      files.push(file);
    }
    expect(files.length).toBe(ruleGroups({ env: environment("production") }).length);
    const run = runTool("promtool", ["check", "rules", "--lint-fatal", ...files], dir);
    expect(run.output).toContain("SUCCESS");
    expect(run.code, run.output).toBe(0);
  });

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
