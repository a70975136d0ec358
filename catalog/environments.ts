// The environments the bundle is generated for. `production` is the default and the one whose
// output is committed in generated/; the others are rendered on demand (`--env`).
import type { Environment, EnvironmentName } from "./types.ts";

export function environments(): Record<EnvironmentName, Environment> {
  return {
    local: {
      name: "local",
      targets: {
        node: ["127.0.0.1:9100"],
        backend: ["127.0.0.1:8000"],
        businessExporter: ["127.0.0.1:9464"],
        prometheus: ["127.0.0.1:9090"],
        alertmanager: ["127.0.0.1:9093"],
      },
      alertmanagers: ["127.0.0.1:9093"],
      runbookBaseUrl: "http://127.0.0.1:8080/runbooks",
      grafanaUrl: "http://127.0.0.1:3000",
      prometheusUrl: "http://127.0.0.1:9090",
      grafanaDashboardsPath: "generated/grafana/dashboards",
      scrapeInterval: "15s",
      evaluationInterval: "15s",
      // The live stack runs a webhook sink here; the path names the receiver that was meant.
      notifications: { kind: "local-sink", sinkUrl: "http://127.0.0.1:9096" },
    },
    staging: {
      name: "staging",
      targets: {
        // node_exporter on the app host and on the monitoring hosts themselves.
        node: ["staging-app-1:9100", "staging-prometheus:9100", "staging-alertmanager:9100"],
        backend: ["staging-app-1:8000"],
        businessExporter: ["staging-app-1:9464"],
        prometheus: ["localhost:9090"],
        alertmanager: ["staging-alertmanager:9093"],
      },
      alertmanagers: ["staging-alertmanager:9093"],
      runbookBaseUrl: "https://ops.staging.xinliya.example/runbooks",
      businessExporterMetricsTokenFile: "/etc/prometheus/secrets/xinliya-exporter-metrics-token",
      grafanaUrl: "https://grafana.staging.xinliya.example",
      prometheusUrl: "http://staging-prometheus:9090",
      grafanaDashboardsPath: "/var/lib/grafana/dashboards/xinliya",
      scrapeInterval: "30s",
      evaluationInterval: "30s",
      notifications: {
        kind: "chat-only",
        chat: { apiUrlFile: "/etc/alertmanager/secrets/sre-chat-webhook-url", channel: "#sre-alerts-staging" },
        // Staging has no dead man's switch: its Watchdog posts one heartbeat a day to the chat instead.
        heartbeatRepeatInterval: "24h",
      },
    },
    production: {
      name: "production",
      targets: {
        // node_exporter on every host, the Prometheus and Alertmanager hosts included.
        node: ["app-1:9100", "app-2:9100", "db-1:9100", "prometheus:9100", "alertmanager-1:9100", "alertmanager-2:9100"],
        backend: ["app-1:8000", "app-2:8000"],
        businessExporter: ["app-1:9464"],
        prometheus: ["localhost:9090"],
        alertmanager: ["alertmanager-1:9093", "alertmanager-2:9093"],
      },
      alertmanagers: ["alertmanager-1:9093", "alertmanager-2:9093"],
      runbookBaseUrl: "https://ops.xinliya.example/runbooks",
      businessExporterMetricsTokenFile: "/etc/prometheus/secrets/xinliya-exporter-metrics-token",
      grafanaUrl: "https://grafana.xinliya.example",
      prometheusUrl: "http://prometheus:9090",
      grafanaDashboardsPath: "/var/lib/grafana/dashboards/xinliya",
      scrapeInterval: "30s",
      evaluationInterval: "30s",
      notifications: {
        kind: "on-call",
        pagerduty: {
          primaryRoutingKeyFile: "/etc/alertmanager/secrets/pagerduty-oncall-primary-routing-key",
          secondaryRoutingKeyFile: "/etc/alertmanager/secrets/pagerduty-oncall-secondary-routing-key",
        },
        chat: { apiUrlFile: "/etc/alertmanager/secrets/sre-chat-webhook-url", channel: "#sre-alerts" },
        ticket: {
          to: "sre-tickets@xinliya.example",
          from: "alertmanager@xinliya.example",
          smarthost: "smtp.xinliya.example:587",
          authUsername: "alertmanager@xinliya.example",
          authPasswordFile: "/etc/alertmanager/secrets/smtp-password",
        },
        deadmansSwitch: {
          url: "https://deadmans-switch.xinliya.example/ping/xinliya-production",
          credentialsFile: "/etc/alertmanager/secrets/deadmans-switch-token",
        },
      },
    },
  };
}

export function defaultEnvironment(): EnvironmentName {
  return "production";
}

/** The environment of that name, or an error that names the unknown one. */
export function environment(name: string): Environment {
  const all = environments();
  if (!Object.hasOwn(all, name)) {
    throw new Error(`unknown environment "${name}" (known: ${Object.keys(all).join(", ")})`);
  }
  return all[name as EnvironmentName];
}
