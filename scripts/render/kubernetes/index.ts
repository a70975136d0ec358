// `npm run generate -- --target kubernetes`: the bundle as a Kustomize tree for prometheus-operator.
//   kubernetes/base/                the business exporter (Deployment, Service, PDB, NetworkPolicy, state claim)
//   kubernetes/overlays/<env>/      per environment of catalog/kubernetes.ts: namespace, selector labels,
//                                   one PrometheusRule per rule domain, ServiceMonitors, Probes, the
//                                   Alertmanager Secret, one ConfigMap per dashboard, the datasource
//   kubernetes/components/alertmanagerconfig/<env>/   opt-in Component: AlertmanagerConfig instead of the Secret
//   kubernetes/shared-alertmanager/<env>/             the overlay with that Component
// Pure, like render: it renders each environment's bundle (which validates every definition) and
// takes the rule files and dashboards from it unchanged.
import { environment } from "../../../catalog/environments.ts";
import { type KubernetesSettings, kubernetesEnvironments } from "../../../catalog/kubernetes.ts";
import type { EnvironmentName, Locale } from "../../../catalog/types.ts";
import { type Bundle, render } from "../index.ts";
import { toYaml } from "../yaml.ts";
import { alertmanagerConfig } from "../../../alerts/routing.ts";
import { alertmanagerConfigResource, componentKustomization } from "./alertmanagerconfig.ts";
import { alertmanagerSecret, dashboardConfigMap, datasourceConfigMap, serviceMonitors } from "./config.ts";
import { EXPORTER_IMAGE, exporterDeployment, exporterDisruptionBudget, exporterNetworkPolicy, exporterService, exporterStateClaim } from "./exporter.ts";
import { probeResource, reachabilityProbes } from "./probes.ts";
import { prometheusRule } from "./rules.ts";

export const KUBERNETES_DIR = "kubernetes";

/** kustomization.yaml files are Kustomize's, not Kubernetes resources: plain YAML with our header. */
function kustomization(doc: Record<string, unknown>): string {
  return toYaml({ apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", ...doc });
}

function base(): [string, string][] {
  // The token Secret's name and the claim's size are the same in every environment of the catalog;
  // an overlay that needs others patches them.
  const first = Object.values(kubernetesEnvironments())[0]!;
  const files: [string, unknown][] = [
    ["exporter-deployment.yaml", exporterDeployment(first.exporter.tokenSecretName)],
    ["exporter-service.yaml", exporterService()],
    ["exporter-pdb.yaml", exporterDisruptionBudget()],
    ["exporter-state.yaml", exporterStateClaim(first.exporter.stateStorage)],
  ];
  return [
    ...files.map(([f, doc]) => [`base/${f}`, toYaml(doc)] as [string, string]),
    ["base/kustomization.yaml", kustomization({ resources: files.map(([f]) => f) })],
  ];
}

function overlay(name: EnvironmentName, k: KubernetesSettings, locale: Locale, rendered?: Rendered): [string, string][] {
  const env = environment(name);
  const bundle = rendered?.env === name ? rendered.bundle : render({ env, locale });
  const dir = `overlays/${name}`;
  const out: [string, string][] = [];
  const resources: string[] = ["../../base"];
  const add = (file: string, text: string) => {
    out.push([`${dir}/${file}`, text]);
    resources.push(file);
  };
  for (const [file, text] of bundle) {
    const rule = /^prometheus\/rules\/(.+)\.yml$/.exec(file);
    if (rule) add(`prometheusrules/${rule[1]}.yaml`, prometheusRule(rule[1]!, text));
    const dash = /^grafana\/dashboards\/(.+)\.json$/.exec(file);
    if (dash) add(`dashboards/${dash[1]}.yaml`, toYaml(dashboardConfigMap(dash[1]!, text, k.grafanaFolder)));
  }
  add("grafana-datasource.yaml", toYaml(datasourceConfigMap(env, k, toYaml)));
  add("alertmanager-secret.yaml", toYaml(alertmanagerSecret({ env, locale }, k, toYaml)));
  for (const sm of serviceMonitors(env, k)) add(`servicemonitors/${(sm.metadata as { name: string }).name}.yaml`, toYaml(sm));
  for (const p of reachabilityProbes(env, k)) add(`probes/${p.name}.yaml`, toYaml(probeResource(p)));
  add("exporter-networkpolicy.yaml", toYaml(exporterNetworkPolicy(k.prometheusPods, { namespace: k.backend.namespace, labels: k.backend.labels })));
  const [image, tag] = k.exporter.image.split(/:(?=[^:/]+$)/);
  out.push([`${dir}/kustomization.yaml`, kustomization({
    namespace: k.namespace,
    // The operator's selectors (kube-prometheus-stack: `release`) on every resource, never in pod selectors.
    labels: [{ pairs: { ...k.selectorLabels, "xinliya.example/environment": name }, includeSelectors: false }],
    resources,
    images: [{ name: EXPORTER_IMAGE, newName: image, ...(tag ? { newTag: tag } : {}) }],
  })]);
  return out;
}

/**
 * The opt-in for a shared Alertmanager (alertmanagerconfig.ts): a Component per environment, and the
 * overlay that is the environment's with it (`kubectl apply -k kubernetes/shared-alertmanager/<env>`).
 */
function sharedAlertmanager(name: EnvironmentName, k: KubernetesSettings, locale: Locale): [string, string][] {
  const component = `components/alertmanagerconfig/${name}`;
  const config = alertmanagerConfig({ env: environment(name), locale });
  return [
    [`${component}/alertmanagerconfig.yaml`, toYaml(alertmanagerConfigResource(config, k))],
    [`${component}/kustomization.yaml`, toYaml(componentKustomization(k))],
    [`shared-alertmanager/${name}/kustomization.yaml`, kustomization({ resources: [`../../overlays/${name}`], components: [`../../${component}`] })],
  ];
}

/** The whole Kustomize tree, paths relative to generated/ (under `kubernetes/`). */
/** A bundle already rendered (`render`) for one environment in the same locale: its overlay reuses it. */
export interface Rendered { env: EnvironmentName; bundle: Bundle }

export function renderKubernetes(locale: Locale, rendered?: Rendered): Bundle {
  const files: [string, string][] = [...base()];
  for (const [name, k] of Object.entries(kubernetesEnvironments())) files.push(...overlay(name as EnvironmentName, k!, locale, rendered), ...sharedAlertmanager(name as EnvironmentName, k!, locale));
  files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(files.map(([f, t]) => [`${KUBERNETES_DIR}/${f}`, t]));
}
