// The Kubernetes tree (generated/kubernetes/): `kubectl kustomize` builds every overlay, and every
// resource of the built output validates:
// - PrometheusRule and ServiceMonitor with ajv against ../shared/schemas/prometheus-operator (datree's
//   strict copies of the operator's CRD schemas, additionalProperties: false);
// - Probe, which has no schema there, with the typed model of @kubernetes-models/prometheus-operator;
// - core kinds with the models of kubernetes-models (the same library family, generated from the
//   Kubernetes OpenAPI). Those models check types, enums and patterns, not unknown fields.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import formats from "ajv-formats";
import yaml from "js-yaml";
import { Probe } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Probe";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import type { Problem } from "../lib/problems.ts";
import { schemasDir } from "./schemas.ts";

const CRD_SCHEMAS: Record<string, string> = {
  PrometheusRule: "prometheus-operator/datree-crds-catalog/prometheusrule_v1.json",
  ServiceMonitor: "prometheus-operator/datree-crds-catalog/servicemonitor_v1.json",
};

type Model = new (data: never) => { validate(): void };
const MODELS: Record<string, Model> = {
  Probe: Probe as unknown as Model,
  Deployment: Deployment as unknown as Model,
  ConfigMap: ConfigMap as unknown as Model,
  PersistentVolumeClaim: PersistentVolumeClaim as unknown as Model,
  Secret: Secret as unknown as Model,
  Service: Service as unknown as Model,
  NetworkPolicy: NetworkPolicy as unknown as Model,
  PodDisruptionBudget: PodDisruptionBudget as unknown as Model,
};

let validators: Map<string, ValidateFunction> | undefined;

/** Go/RE2 `(?i)` → the JS `i` flag (the CRDs' patterns need it; ../shared/schemas/SOURCES.md). */
const goRegExp = Object.assign(
  (pattern: string, u: string) => (pattern.includes("(?i)") ? new RegExp(pattern.replace(/\(\?i\)/g, ""), u + "i") : new RegExp(pattern, u)),
  { code: "new RegExp" },
);

function crdValidators(): Map<string, ValidateFunction> {
  if (validators) return validators;
  const ajv = new Ajv({ allErrors: true, strictTypes: false, code: { regExp: goRegExp as never } });
  (formats as unknown as { default: (a: Ajv) => void }).default(ajv);
  ajv.addVocabulary([
    "x-kubernetes-int-or-string", "x-kubernetes-list-map-keys", "x-kubernetes-list-type",
    "x-kubernetes-map-type", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-validations",
  ]);
  validators = new Map();
  for (const [kind, file] of Object.entries(CRD_SCHEMAS)) {
    const full = path.join(schemasDir(), file);
    if (!fs.existsSync(full)) throw new Error(`CRD schema not found: ${full} (set XINLIYA_SCHEMAS_DIR)`);
    validators.set(kind, ajv.compile(JSON.parse(fs.readFileSync(full, "utf8"))));
  }
  return validators;
}

/** Which validator a kind gets: "ajv <schema file>", "model <class>", or undefined (no validator: a problem). */
export function validatorOf(kind: string): string | undefined {
  if (CRD_SCHEMAS[kind]) return `ajv ${path.basename(CRD_SCHEMAS[kind]!)}`;
  if (MODELS[kind]) return `model ${kind}`;
  return undefined;
}

/** Problems of one resource, named by `where` and the resource's kind and name. */
export function resourceProblems(where: string, doc: Record<string, any>): Problem[] {
  const kind = String(doc?.kind);
  const at = `${where} › ${kind}/${doc?.metadata?.name}`;
  const v = crdValidators().get(kind);
  if (v) {
    if (v(doc)) return [];
    const errs = v.errors ?? [];
    return errs.slice(0, 10).map((e) => ({ where: at, message: `${CRD_SCHEMAS[kind]}: ${e.instancePath || "/"} ${e.message}${e.params && "additionalProperty" in e.params ? ` (${e.params.additionalProperty})` : ""}` }));
  }
  const M = MODELS[kind];
  if (!M) return [{ where: at, message: `no validator for kind ${doc?.kind}: add its schema or model in scripts/check/kubernetes.ts` }];
  try {
    new M(doc as never).validate();
    return [];
  } catch (e) {
    return [{ where: at, message: `${kind} model: ${(e as Error).message.split("\n").slice(0, 3).join("; ")}` }];
  }
}

export function overlays(dir: string): string[] {
  const root = path.join(dir, "kubernetes", "overlays");
  return fs.existsSync(root) ? fs.readdirSync(root).sort() : [];
}

/** `kubectl kustomize` of one overlay: its resources, parsed. Throws with kubectl's message. */
export function kustomizeBuild(dir: string, overlay: string): Record<string, any>[] {
  const out = execFileSync("kubectl", ["kustomize", path.join(dir, "kubernetes", "overlays", overlay)], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 });
  return yaml.loadAll(out) as Record<string, any>[];
}

/** Every overlay builds, and every resource it builds validates. */
export function kubernetesProblems(dir: string): Problem[] {
  const names = overlays(dir);
  if (names.length === 0) return [{ where: "generated/kubernetes/overlays", message: "no overlay: run `npm run generate`" }];
  const problems: Problem[] = [];
  for (const name of names) {
    const where = `generated/kubernetes/overlays/${name}`;
    let docs: Record<string, any>[];
    try {
      docs = kustomizeBuild(dir, name);
    } catch (e) {
      problems.push({ where, message: `kubectl kustomize fails: ${String((e as { stderr?: string }).stderr ?? (e as Error).message).trim()}` });
      continue;
    }
    for (const doc of docs) problems.push(...resourceProblems(where, doc));
  }
  return problems;
}
