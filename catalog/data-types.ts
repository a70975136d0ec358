// Types of the data tier (issue 13): PostgreSQL, Redis, the blackbox probes and the backup jobs.
// Pure declarations, imported by catalog/types.ts.

/** The exporters of the data tier, and the backup jobs that write node_exporter textfiles. */
export type DataMetricSource = "postgres_exporter" | "redis_exporter" | "blackbox_exporter" | "backup_jobs";

/** Where the data tier of one environment is scraped and probed. */
export interface DataTargets {
  /** postgres_exporter, host:port. */
  postgresExporter: readonly string[];
  /** redis_exporter, host:port. */
  redisExporter: readonly string[];
  /** blackbox_exporter, host:port: Prometheus asks it to probe. */
  blackboxExporter: string;
  /** The public HTTPS health endpoints of the API, probed from outside the backend. */
  probeUrls: readonly string[];
  /** The CA that signed the API's certificate: strict probes verify against it. */
  probeCaFile: string;
  /** The mountpoint of the database volume (capacity: days until it is full). */
  databaseMountpoint: string;
}
