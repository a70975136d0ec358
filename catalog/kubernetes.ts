// How the bundle is deployed on Kubernetes with prometheus-operator (kube-prometheus-stack), per
// environment: one Kustomize overlay for each environment listed here (scripts/render/kubernetes/).
// Pure data. The names a cluster's owners choose (release, namespaces, image) are written once, here.
import type { EnvironmentName } from "./types.ts";

export interface KubernetesSettings {
  /** Namespace of everything the overlay renders (rules, monitors, exporter, Secret, ConfigMaps). */
  namespace: string;
  /**
   * Labels every resource of the overlay carries, for the operator's selectors. kube-prometheus-stack
   * selects PrometheusRules, ServiceMonitors and Probes by `release: <helm release name>` by default.
   */
  selectorLabels: Record<string, string>;
  /** The Alertmanager resource's name: its configuration is the Secret `alertmanager-<name>`. */
  alertmanagerName: string;
  /** Secret (made by the cluster's owners, never generated) with the receivers' credential files. */
  alertmanagerSecretsName: string;
  /** The URL Grafana uses to reach Prometheus inside the cluster (the sidecar's datasource). */
  prometheusUrl: string;
  /** The Grafana folder of the dashboards (kube-prometheus-stack's `sidecar.dashboards.folderAnnotation`). */
  grafanaFolder: string;
  backend: {
    namespace: string;
    /** Labels of the backend's Service (the ServiceMonitor selects it) and pods (the NetworkPolicy admits them). */
    labels: Record<string, string>;
    /** Name of the Service port that serves /metrics. */
    metricsPort: string;
  };
  exporter: {
    image: string;
    /** Secret (made by the cluster's owners) whose key `token` is the bearer token of POST /v1/events. */
    tokenSecretName: string;
    stateStorage: string;
  };
  /** Pods that scrape: the operator's Prometheus (namespace and pod labels), admitted by the NetworkPolicy. */
  prometheusPods: { namespace: string; labels: Record<string, string> };
  /**
   * The blackbox exporter's Service, host:port as Prometheus reaches it: the prober of every `Probe`
   * (prometheus-community's chart names it `<release>-prometheus-blackbox-exporter`, port 9115). It
   * must load our modules (generated/blackbox/blackbox.yml) and the CA file they name.
   */
  blackboxExporter: string;
}

/** Environments with an overlay; `local` runs on one machine and has none. */
export function kubernetesEnvironments(): Partial<Record<EnvironmentName, KubernetesSettings>> {
  const shared = {
    alertmanagerName: "xinliya",
    alertmanagerSecretsName: "xinliya-alertmanager-receivers",
    grafanaFolder: "心理鸭 Xinliya",
    backend: { labels: { "app.kubernetes.io/name": "xinliya-backend" }, metricsPort: "http" },
    prometheusPods: { namespace: "monitoring", labels: { "app.kubernetes.io/name": "prometheus" } },
    blackboxExporter: "prometheus-blackbox-exporter.monitoring.svc:9115",
  };
  return {
    staging: {
      ...shared,
      namespace: "xinliya-observability-staging",
      selectorLabels: { release: "kube-prometheus-stack" },
      prometheusUrl: "http://kube-prometheus-stack-prometheus.monitoring:9090",
      backend: { ...shared.backend, namespace: "xinliya-staging" },
      exporter: {
        image: "registry.xinliya.example/xinliya-business-exporter:0.1.0",
        tokenSecretName: "xinliya-exporter-token",
        stateStorage: "1Gi",
      },
    },
    production: {
      ...shared,
      namespace: "xinliya-observability",
      selectorLabels: { release: "kube-prometheus-stack" },
      prometheusUrl: "http://kube-prometheus-stack-prometheus.monitoring:9090",
      backend: { ...shared.backend, namespace: "xinliya" },
      exporter: {
        image: "registry.xinliya.example/xinliya-business-exporter:0.1.0",
        tokenSecretName: "xinliya-exporter-token",
        stateStorage: "1Gi",
      },
    },
  };
}

/** The port the exporter listens on in its pod (its PORT variable): `GET /metrics`, the scrapes. */
export function exporterPort(): number {
  return 9464;
}

/** The exporter's ingest listener in its pod (its INGEST_PORT variable): `POST /v1/events` from the backend. */
export function exporterIngestPort(): number {
  return 9465;
}

/** Where the exporter's state volume is mounted (EXPORTER_STATE_DIR, the exporter issue's variable). */
export function exporterStateDir(): string {
  return "/var/lib/xinliya-exporter";
}
