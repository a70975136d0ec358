// The Kubernetes tree (generated/kubernetes/): `kubectl kustomize` builds every overlay, and every
// resource of the built output validates:
// - PrometheusRule and ServiceMonitor with ajv against ../shared/schemas/prometheus-operator (datree's
//   strict copies of the operator's CRD schemas, additionalProperties: false);
// - AlertmanagerConfig (the opt-in trees) likewise, each child route too;
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
  AlertmanagerConfig: "prometheus-operator/datree-crds-catalog/alertmanagerconfig_v1alpha1.json",
};

/**
 * The CRD leaves child routes unchecked (`x-kubernetes-preserve-unknown-fields`; the operator checks
 * them when it loads the resource). Each child route is checked as the top route of a copy.
 */
function routeCopies(doc: Record<string, any>): Record<string, any>[] {
  if (doc.kind !== "AlertmanagerConfig" || !doc.spec?.route) return [doc];
  const copies: Record<string, any>[] = [];
  const walk = (route: Record<string, any>, at: string) => {
    const { routes, ...rest } = route;
    copies.push({ ...doc, spec: { ...doc.spec, route: { ...rest, ...(routes ? { routes: [] } : {}) } }, _at: at });
    (routes ?? []).forEach((r: Record<string, any>, i: number) => walk(r, `${at}/routes/${i}`));
  };
  walk(doc.spec.route, "/spec/route");
  return copies;
}

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
    const problems: Problem[] = [];
    for (const { _at, ...copy } of routeCopies(doc)) {
      if (v(copy)) continue;
      // A copy of a child route reports what is wrong in that route only, at the child's path.
      const errs = (v.errors ?? []).filter((e) => !_at || _at === "/spec/route" || e.instancePath.startsWith("/spec/route"));
      const at2 = (p: string) => (_at ? p.replace(/^\/spec\/route/, _at) : p) || "/";
      problems.push(...errs.slice(0, 10).map((e) => ({ where: at, message: `${CRD_SCHEMAS[kind]}: ${at2(e.instancePath)} ${e.message}${e.params && "additionalProperty" in e.params ? ` (${e.params.additionalProperty})` : ""}` })));
    }
    return problems.slice(0, 10);
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

/** The buildable trees: `overlays/<env>`, and the opt-in `shared-alertmanager/<env>`. */
export function buildableTrees(dir: string): string[] {
  const under = (folder: string) => {
    const root = path.join(dir, "kubernetes", folder);
    return fs.existsSync(root) ? fs.readdirSync(root).sort().map((n) => `${folder}/${n}`) : [];
  };
  return [...under("overlays"), ...under("shared-alertmanager")];
}

/** `kubectl kustomize` of one overlay (a name) or tree (`folder/name`): its resources, parsed. Throws with kubectl's message. */
export function kustomizeBuild(dir: string, overlay: string): Record<string, any>[] {
  const tree = overlay.includes("/") ? overlay : `overlays/${overlay}`;
  const out = execFileSync("kubectl", ["kustomize", path.join(dir, "kubernetes", tree)], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 });
  return yaml.loadAll(out) as Record<string, any>[];
}

/** Every overlay and opt-in tree builds, and every resource it builds validates. */
export function kubernetesProblems(dir: string): Problem[] {
  if (overlays(dir).length === 0) return [{ where: "generated/kubernetes/overlays", message: "no overlay: run `npm run generate`" }];
  const problems: Problem[] = [];
  for (const name of buildableTrees(dir)) {
    const where = `generated/kubernetes/${name}`;
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
