// What an overlay carries besides the rules: the Alertmanager configuration as the operator's Secret,
// the dashboards as ConfigMaps for the Grafana sidecar, its datasource, and the ServiceMonitors.
import { type RoutingContext, alertmanagerConfig, alertmanagerTemplates } from "../../../alerts/routing.ts";
import { grafanaDatasource } from "../../../catalog/grafana.ts";
import type { KubernetesSettings } from "../../../catalog/kubernetes.ts";
import { jobs } from "../../../catalog/selectors.ts";
import type { Environment } from "../../../catalog/types.ts";
import { EXPORTER_NAME, exporterLabels, serviceMonitor } from "./exporter.ts";

/** The operator mounts the config Secret's keys here, and each Secret of `spec.secrets` under secrets/<name>/. */
export const OPERATOR_CONFIG_DIR = "/etc/alertmanager/config";
const OPERATOR_SECRETS_DIR = "/etc/alertmanager/secrets";

/** Every `...File` path of the notifications, moved under the operator's mount of the receivers' Secret. */
export function operatorSecretPaths(env: Environment, secretName: string): Environment {
  const move = (value: unknown, key: string): unknown => {
    if (typeof value === "string" && key.endsWith("File")) {
      const base = value.split("/").pop();
      return `${OPERATOR_SECRETS_DIR}/${secretName}/${base}`;
    }
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, move(v, k)]));
    }
    return value;
  };
  return { ...env, notifications: move(env.notifications, "") as Environment["notifications"] };
}

/** The key of a template in the Secret: the file name, since the operator mounts keys flat. */
function templateKey(file: string): string {
  return file.split("/").pop()!;
}

export function alertmanagerSecret(ctx: RoutingContext, k: KubernetesSettings, toYaml: (v: unknown) => string): Record<string, unknown> {
  const env = operatorSecretPaths(ctx.env, k.alertmanagerSecretsName);
  const config = alertmanagerConfig({ env, locale: ctx.locale });
  config.templates = [`${OPERATOR_CONFIG_DIR}/*.tmpl`];
  const templates = [...alertmanagerTemplates(ctx)].map(([file, text]) => [templateKey(file), text]);
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: `alertmanager-${k.alertmanagerName}`, labels: { "app.kubernetes.io/part-of": "xinliya-observability" } },
    type: "Opaque",
    // No credential in it: the receivers read theirs from files of `alertmanagerSecretsName`.
    stringData: { "alertmanager.yaml": toYaml(config), ...Object.fromEntries(templates) },
  };
}

export function dashboardConfigMap(uid: string, json: string, folder: string): Record<string, unknown> {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: `grafana-dashboard-${uid}`,
      labels: { grafana_dashboard: "1", "app.kubernetes.io/part-of": "xinliya-observability" },
      annotations: { grafana_folder: folder },
    },
    data: { [`${uid}.json`]: json },
  };
}

/** The datasource our dashboards select by uid, for the sidecar that loads `grafana_datasource: "1"`. */
export function datasourceConfigMap(env: Environment, k: KubernetesSettings, toYaml: (v: unknown) => string): Record<string, unknown> {
  const ds = grafanaDatasource();
  const doc = {
    apiVersion: 1,
    datasources: [{ name: ds.name, uid: ds.uid, type: "prometheus", access: "proxy", url: k.prometheusUrl, isDefault: false, editable: false, jsonData: { timeInterval: env.scrapeInterval } }],
  };
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "grafana-datasource-xinliya", labels: { grafana_datasource: "1", "app.kubernetes.io/part-of": "xinliya-observability" } },
    data: { "xinliya-datasource.yaml": toYaml(doc) },
  };
}

export function serviceMonitors(env: Environment, k: KubernetesSettings): Record<string, unknown>[] {
  const names = jobs(env);
  return [
    serviceMonitor("xinliya-backend", names.backend, { namespace: k.backend.namespace, labels: k.backend.labels, port: k.backend.metricsPort }),
    serviceMonitor(EXPORTER_NAME, names.businessExporter, { labels: { "app.kubernetes.io/name": exporterLabels()["app.kubernetes.io/name"]! }, port: "http" }),
  ];
}
