// Grafana provisioning: one Prometheus datasource and one file provider for our dashboards.
import type { Environment } from "../../catalog/types.ts";

export const DATASOURCE_UID = "xinliya-prometheus";

export function datasourceProvisioning(env: Environment): unknown {
  return {
    apiVersion: 1,
    datasources: [{
      name: "Prometheus",
      uid: DATASOURCE_UID,
      type: "prometheus",
      access: "proxy",
      url: env.prometheusUrl,
      isDefault: true,
      editable: false,
      jsonData: { timeInterval: env.scrapeInterval },
    }],
  };
}

export function dashboardProvisioning(env: Environment): unknown {
  return {
    apiVersion: 1,
    providers: [{
      name: "xinliya",
      folder: "心理鸭 Xinliya",
      type: "file",
      disableDeletion: true,
      allowUiUpdates: false,
      updateIntervalSeconds: 60,
      options: { path: env.grafanaDashboardsPath },
    }],
  };
}
