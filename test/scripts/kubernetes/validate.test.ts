// Every overlay builds with the real `kubectl kustomize`, and every resource validates: the CRDs with
// ajv against ../shared/schemas/prometheus-operator, Probe and the core kinds with their typed models.
// Each validator is shown to reject what it should, so a pass means something.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { kubernetesEnvironments } from "../../../catalog/kubernetes.ts";
import { kubernetesProblems, kustomizeBuild, overlays, resourceProblems, validatorOf } from "../../../scripts/check/kubernetes.ts";
import { repoRoot } from "../../../scripts/lib/options.ts";
import { probeResource } from "../../../scripts/render/kubernetes/probes.ts";

const generated = path.join(repoRoot(), "generated");
const clone = <T>(v: T): T => structuredClone(v);

describe("the committed Kubernetes tree", () => {
  it("has an overlay for every environment of catalog/kubernetes.ts; each builds and every resource validates", () => {
    expect(overlays(generated)).toEqual(Object.keys(kubernetesEnvironments()).sort());
    expect(kubernetesProblems(generated)).toEqual([]);
  });

  it("every kind it builds has a validator: the CRDs by ajv and their schema, the rest by a typed model", () => {
    const kinds = new Set(overlays(generated).flatMap((o) => kustomizeBuild(generated, o).map((d) => String(d.kind))));
    const table = Object.fromEntries([...kinds].sort().map((k) => [k, validatorOf(k)]));
    expect(table).toEqual({
      ConfigMap: "model ConfigMap",
      Deployment: "model Deployment",
      NetworkPolicy: "model NetworkPolicy",
      PersistentVolumeClaim: "model PersistentVolumeClaim",
      PodDisruptionBudget: "model PodDisruptionBudget",
      Probe: "model Probe",
      PrometheusRule: "ajv prometheusrule_v1.json",
      Secret: "model Secret",
      Service: "model Service",
      ServiceMonitor: "ajv servicemonitor_v1.json",
    });
  });
});

describe("the validators reject what is wrong", () => {
  const built = kustomizeBuild(generated, "production");
  const first = (kind: string) => clone(built.find((d) => d.kind === kind)!);

  it("PrometheusRule (ajv, CRD schema): a rule without expr, an unknown rule field", () => {
    const rule = first("PrometheusRule");
    expect(resourceProblems("t", rule)).toEqual([]);
    delete rule.spec.groups[0].rules[0].expr;
    rule.spec.groups[0].rules[0].severity = "P1";
    const messages = resourceProblems("t", rule).map((p) => p.message).join("\n");
    expect(messages).toContain("must have required property 'expr'");
    expect(messages).toContain("(severity)");
  });

  it("ServiceMonitor (ajv, CRD schema): a bad interval, an unknown endpoint field", () => {
    const sm = first("ServiceMonitor");
    expect(resourceProblems("t", sm)).toEqual([]);
    sm.spec.endpoints[0].interval = "thirty seconds";
    sm.spec.endpoints[0].portName = "http";
    const messages = resourceProblems("t", sm).map((p) => p.message).join("\n");
    expect(messages).toContain("/spec/endpoints/0/interval must match pattern");
    expect(messages).toContain("(portName)");
  });

  it("Probe (typed model): the built probes pass, a bad interval or an unknown prober scheme fails", () => {
    const probe = first("Probe");
    expect(resourceProblems("t", probe)).toEqual([]);
    expect(resourceProblems("t", probeResource({ name: "x", job: "j", module: "m", prober: "p:9115", targets: ["https://a/healthz"], interval: "30s" }))).toEqual([]);
    (probe.spec as Record<string, any>).prober.scheme = "gopher";
    expect(resourceProblems("t", probe).map((p) => p.message).join("\n")).toContain("scheme must be equal to one of the allowed values");
    (probe.spec as Record<string, any>).prober.scheme = "http";
    (probe.spec as Record<string, unknown>).interval = "often";
    expect(resourceProblems("t", probe).map((p) => p.message).join("\n")).toContain("interval must match pattern");
  });

  it("core kinds (typed models): a container name that is no string, a service port that is no number", () => {
    const dep = first("Deployment");
    expect(resourceProblems("t", dep)).toEqual([]);
    dep.spec.template.spec.containers[0].name = 7;
    expect(resourceProblems("t", dep).map((p) => p.message).join("\n")).toContain("containers/0/name must be string");
    const svc = first("Service");
    svc.spec.ports[0].port = "ninety";
    expect(resourceProblems("t", svc).map((p) => p.message).join("\n")).toContain("port must be integer");
  });

  it("a kind without a validator is a problem, not a pass", () => {
    expect(resourceProblems("t", { apiVersion: "v1", kind: "Pod", metadata: { name: "x" } })[0]!.message).toContain("no validator for kind Pod");
  });
});
