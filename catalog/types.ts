// Types shared by the whole catalog. Pure declarations: no values, no I/O.
import type { DataMetricSource, DataTargets } from "./data-types.ts";

/** Human-readable text. Chinese is the default locale, English the other one. */
export type Locale = "zh" | "en";
export const LOCALES: readonly Locale[] = ["zh", "en"];
export type Localized = Record<Locale, string>;

/** Who exports a metric. */
export type MetricSource = "node_exporter" | "backend" | "business_exporter" | "prometheus" | "alertmanager"
  | DataMetricSource;

export type MetricType = "counter" | "gauge" | "histogram" | "summary";

/**
 * Units use Grafana's unit ids, so that a dashboard panel can take the unit of the
 * metric it shows without a mapping table.
 */
export type MetricUnit = "s" | "bytes" | "percentunit" | "short" | "reqps" | "dateTimeAsIso" | "none" | "Bps";

export interface MetricDef {
  /** The exposition name without `_bucket`/`_sum`/`_count` for histograms. */
  name: string;
  type: MetricType;
  unit: MetricUnit;
  help: string;
  /** Label names as exported (job and instance are added by Prometheus and not listed). */
  labels: readonly string[];
  source: MetricSource;
  /** Made by Prometheus from rules (ALERTS), not scraped: it has no job or instance of its own. */
  synthetic?: true;
}

/** A Prometheus duration such as `5m`, `1h`, `30s`. */
export type Duration = string;

export type PriorityName = "P0" | "P1" | "P2" | "P3";
export type Severity = "critical" | "warning" | "info";

export interface Priority {
  name: PriorityName;
  severity: Severity;
  /** The response time of the ops guide, section 4.1. */
  responseTime: Duration;
  meaning: Localized;
}

/** Logical scrape jobs; their job names are the selectors, overridable per environment. */
export type JobKey = "node" | "backend" | "businessExporter" | "prometheus" | "alertmanager";

export type EnvironmentName = "local" | "staging" | "production";

export interface Environment {
  name: EnvironmentName;
  /** Job-name overrides on top of the default selectors. */
  jobs?: Partial<Record<JobKey, string>>;
  /** Scrape targets per job, host:port. */
  targets: Record<JobKey, readonly string[]>;
  /** Alertmanager addresses that Prometheus sends alerts to, host:port. */
  alertmanagers: readonly string[];
  /** Base URL under which the runbooks are published; a runbook's path is appended. */
  runbookBaseUrl: string;
  /** Grafana's external URL, for `dashboard_url`. */
  grafanaUrl: string;
  /** The URL Grafana uses to reach Prometheus (datasource provisioning). */
  prometheusUrl: string;
  /**
   * The file holding the bearer token of the business exporter's GET /metrics (its
   * METRICS_TOKEN_FILE); Prometheus reads it through `authorization.credentials_file`.
   * Unset: /metrics is scraped without a token (the local stack).
   */
  businessExporterMetricsTokenFile?: string;
  /** Where Grafana reads the generated dashboards from (dashboard provisioning). */
  grafanaDashboardsPath: string;
  /**
   * Divides every duration of the rules and of Alertmanager's timing (scripts/render/timescale.ts),
   * for demos only: the live stack sets it on its own copy of the local environment.
   */
  timeScale?: number;
  scrapeInterval: Duration;
  evaluationInterval: Duration;
  /** Where Alertmanager sends notifications (alerts/routing). */
  notifications: NotificationDelivery;
  /** PostgreSQL, Redis and probe targets (catalog/data-targets.ts); default: that file's, by name. */
  data?: DataTargets;
  /**
   * false: the environment runs no data tier (the HA and long-term stacks): prometheus.yml scrapes
   * no data-tier job, and ScrapeJobMissing and KeySeriesMissing expect none. Default: it runs one.
   */
  dataTier?: boolean;
}

/** Alertmanager receivers; their names are part of the contract with the on-call tooling. */
export type ReceiverName = "oncall-primary" | "oncall-secondary" | "sre-chat" | "sre-ticket" | "deadmans-switch";

/** The team chat, Slack-compatible: the webhook URL is a secret, read from `apiUrlFile`. */
export interface ChatDelivery {
  apiUrlFile: string;
  channel: string;
}

/** Tickets by email; the SMTP password is read from `authPasswordFile`. */
export interface TicketDelivery {
  to: string;
  from: string;
  /** host:port of the SMTP relay. */
  smarthost: string;
  authUsername: string;
  authPasswordFile: string;
}

/**
 * Where an environment's Alertmanager delivers (alerts/routing). Secrets are never values here,
 * only the paths of files that Alertmanager 0.25 reads through its `*_file` fields.
 * - `local-sink`: every receiver is a webhook to `${sinkUrl}/<receiver>` on loopback;
 * - `chat-only`: every route goes to `sre-chat` (staging pages nobody);
 * - `on-call`: each receiver has its own integration (production).
 */
export type NotificationDelivery =
  | { kind: "local-sink"; sinkUrl: string }
  | { kind: "chat-only"; chat: ChatDelivery; heartbeatRepeatInterval: Duration }
  | {
    kind: "on-call";
    pagerduty: { primaryRoutingKeyFile: string; secondaryRoutingKeyFile: string };
    chat: ChatDelivery;
    ticket: TicketDelivery;
    /** A webhook URL carries no secret (0.25 has no `url_file`): it authenticates with a bearer token file. */
    deadmansSwitch: { url: string; credentialsFile: string };
  };
