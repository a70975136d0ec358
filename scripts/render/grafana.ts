// Grafana provisioning: one Prometheus datasource and one file provider for our dashboards.
import { grafanaDatasource } from "../../catalog/grafana.ts";
import type { Environment } from "../../catalog/types.ts";

export function datasourceProvisioning(env: Environment): unknown {
  return {
    apiVersion: 1,
    datasources: [{
      name: grafanaDatasource().name,
      uid: grafanaDatasource().uid,
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
