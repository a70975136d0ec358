import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { render } from "../../scripts/render/index.ts";
import { apiBucketReads } from "../../alerts/api-buckets.ts";
import { options } from "../helpers.ts";

interface TestFile { rule_files: string[]; evaluation_interval: string; group_eval_order?: string[]; tests: { external_labels: Record<string, string> }[] }

describe("promtool test files", () => {
  const bundle = render(options("staging"));
  const file = (name: string) => yaml.load(bundle.get(`prometheus/tests/${name}.yml`)!) as TestFile;

  it("load the rule files a group reads, evaluated first", () => {
    // The SLO reads the API's records, which read the bucket shards' (alerts/api-buckets.ts).
    const shards = apiBucketReads();
    expect(shards.length).toBeGreaterThan(1);
    expect(file("slo")).toMatchObject({
      rule_files: [...shards.map((s) => `../rules/${s.domain}.yml`), "../rules/api.yml", "../rules/slo.yml"],
      group_eval_order: [...shards.map((s) => s.group), "xinliya.api", "xinliya.slo"],
    });
    expect(file("system").rule_files).toEqual(["../rules/system.yml"]);
    expect(file("system").group_eval_order).toBeUndefined();
  });

  it("put cases of another evaluation interval in a file of their own", () => {
    expect(file("slo").evaluation_interval).toBe("1m");
    expect(file("slo-eval5m").evaluation_interval).toBe("5m");
    expect(file("slo-eval5m").rule_files).toEqual(file("slo").rule_files);
  });

  it("give every case the external labels Prometheus has, for the templates", () => {
    for (const [f, content] of bundle) {
      if (!f.startsWith("prometheus/tests/")) continue;
      for (const t of (yaml.load(content) as TestFile).tests) expect(t.external_labels, f).toEqual({ environment: "staging" });
    }
  });
});
