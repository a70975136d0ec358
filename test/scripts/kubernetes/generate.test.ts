// `npm run generate -- --target kubernetes` writes only generated/kubernetes/; writing the Prometheus
// bundle keeps it; the drift check covers it, names the stale or missing file, and the selector
// labels come from the catalog (moved here with vi.mock, the built resources follow).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { kubernetesCheckResults } from "../../../scripts/check/index.ts";
import { kustomizeBuild } from "../../../scripts/check/kubernetes.ts";
import { readBundle, writeBundle } from "../../../scripts/lib/bundle-io.ts";
import { repoRoot } from "../../../scripts/lib/options.ts";
import { render } from "../../../scripts/render/index.ts";
import { renderKubernetes } from "../../../scripts/render/kubernetes/index.ts";
import { options, tempDir } from "../../helpers.ts";

vi.mock("../../../catalog/kubernetes.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../../catalog/kubernetes.ts")>();
  return {
    ...real,
    kubernetesEnvironments: () => {
      const envs = real.kubernetesEnvironments();
      if (process.env.XINLIYA_TEST_RELEASE) envs.production = { ...envs.production!, selectorLabels: { release: process.env.XINLIYA_TEST_RELEASE } };
      return envs;
    },
  };
});

const tsx = path.join(repoRoot(), "node_modules", ".bin", "tsx");

describe("--target kubernetes and the drift check", () => {
  it("--target kubernetes writes only kubernetes/, and the Prometheus bundle written later keeps it", () => {
    const out = path.join(tempDir("xinliya-k8s-gen-"), "generated");
    execFileSync(tsx, [path.join(repoRoot(), "scripts", "generate.ts"), "--target", "kubernetes", "--out", out], { encoding: "utf8" });
    expect(fs.readdirSync(out)).toEqual(["kubernetes"]);
    expect(readBundle(out)).toEqual(renderKubernetes("zh"));
    writeBundle(out, render(options()));
    // The render's own top-level folders, and kubernetes/ kept beside them.
    const tops = [...new Set([...render(options()).keys()].map((f) => f.split("/")[0]!))];
    expect(fs.readdirSync(out).sort()).toEqual([...tops, "kubernetes"].sort());
    expect(kubernetesCheckResults({ dir: out, ...options() }).flatMap((r) => r.problems)).toEqual([]);
  });

  it("the committed tree is checked, and an edited PrometheusRule or a missing dashboard is named", () => {
    const committed = kubernetesCheckResults({ dir: path.join(repoRoot(), "generated"), ...options() });
    expect(committed.map((r) => r.name)).toHaveLength(2);
    expect(committed.flatMap((r) => r.problems)).toEqual([]);
    const out = path.join(tempDir("xinliya-k8s-drift-"), "generated");
    writeBundle(out, new Map([...render(options()), ...renderKubernetes("zh")]));
    const rule = path.join(out, "kubernetes/overlays/production/prometheusrules/api.yaml");
    fs.writeFileSync(rule, fs.readFileSync(rule, "utf8").replace("for: 10m", "for: 20m"));
    fs.rmSync(path.join(out, "kubernetes/overlays/staging/dashboards/xinliya-api.yaml"));
    const problems = kubernetesCheckResults({ dir: out, ...options() }).flatMap((r) => r.problems.map((p) => `${p.where}: ${p.message}`));
    expect(problems.find((p) => p.startsWith("generated/kubernetes/overlays/production/prometheusrules/api.yaml: stale or edited by hand"))).toBeTruthy();
    expect(problems.find((p) => p.startsWith("generated/kubernetes/overlays/staging/dashboards/xinliya-api.yaml: missing"))).toBeTruthy();
    // kustomize itself then fails on the missing resource, and says which.
    expect(problems.some((p) => p.includes("kubectl kustomize fails") && p.includes("xinliya-api.yaml"))).toBe(true);
  });

  it("the selector labels are the catalog's: another release name moves every resource of the overlay", () => {
    process.env.XINLIYA_TEST_RELEASE = "observability-prod";
    try {
      const out = path.join(tempDir("xinliya-k8s-release-"), "generated");
      writeBundle(out, renderKubernetes("zh"));
      const docs = kustomizeBuild(out, "production");
      expect(docs.length).toBeGreaterThan(10);
      for (const d of docs) expect(d.metadata.labels.release, `${d.kind}/${d.metadata.name}`).toBe("observability-prod");
      expect(kustomizeBuild(out, "staging").every((d) => d.metadata.labels.release === "kube-prometheus-stack")).toBe(true);
    } finally {
      delete process.env.XINLIYA_TEST_RELEASE;
    }
  });
});
