// prometheus.yml for scale-out, derived from the one render writes (pure functions of its document):
// - HA: a pair of replicas with the same rules and targets, told apart by the external label
//   `replica`, which every alert loses on its way to Alertmanager (`alert_relabel_configs`, the
//   standard way), so both replicas' copies of one alert are one alert there and deduplicate;
// - long-term storage: remote write to VictoriaMetrics of the raw series only, alerting left to
//   vmalert, which evaluates the same rules against the long store and writes their results there.

type Doc = Record<string, any>;

/** The external label that tells the replicas apart. */
export const REPLICA_LABEL = "replica";

export function haPrometheusConfig(config: Doc, replica: string): Doc {
  const doc = structuredClone(config);
  doc.global.external_labels = { ...doc.global.external_labels, [REPLICA_LABEL]: replica };
  doc.alerting = { ...doc.alerting, alert_relabel_configs: [{ action: "labeldrop", regex: REPLICA_LABEL }] };
  return doc;
}

/**
 * Series that rules make: recording rules (`level:metric:operations`, always with a colon) and
 * ALERTS/ALERTS_FOR_STATE. The long store gets them from vmalert, so Prometheus does not send them.
 */
export const RULE_SERIES = ".+:.+|ALERTS|ALERTS_FOR_STATE";

export function longTermPrometheusConfig(config: Doc, remoteWriteUrl: string): Doc {
  const doc = structuredClone(config);
  // Prometheus still evaluates its rules (its own dashboards and rule metrics), but pages nobody:
  // the long store's ruler, vmalert, is the one that sends alerts.
  delete doc.alerting;
  doc.remote_write = [{
    url: remoteWriteUrl,
    write_relabel_configs: [{ source_labels: ["__name__"], regex: RULE_SERIES, action: "drop" }],
    queue_config: { batch_send_deadline: "1s" },
  }];
  return doc;
}
