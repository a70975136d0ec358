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
 * An Alertmanager peer at position p sends after p × peer-timeout, then checks the replicated
 * notification log; that deduplicates only while every wait ends well within `group_interval`.
 * The demo scale shrinks group_interval (the Watchdog's to 1.5 s at 1/40), so the HA stack raises
 * every group_interval to at least `floorSeconds` (README, "High availability").
 */
export function haAlertmanagerConfig(config: Doc, floorSeconds: number): Doc {
  const doc = structuredClone(config);
  const seconds = (d: string) => {
    if (!/^(\d+(ms|s|m|h))+$/.test(d)) throw new Error(`group_interval "${d}": not a Prometheus duration`);
    const unit = { ms: 0.001, s: 1, m: 60, h: 3600 } as const;
    return [...d.matchAll(/(\d+)(ms|s|m|h)/g)].reduce((sum, m) => sum + Number(m[1]) * unit[m[2] as keyof typeof unit], 0);
  };
  const walk = (route: Doc) => {
    if (route.group_interval && seconds(route.group_interval) < floorSeconds) route.group_interval = `${floorSeconds}s`;
    for (const child of route.routes ?? []) walk(child);
  };
  walk(doc.route);
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

/**
 * The rules for a ruler that reads a shared long store (vmalert here; the Mimir or Thanos ruler the
 * same way): there every series carries the external labels, the rules' own records included, so
 * an aggregation `by (job)` that drops `environment` no longer matches a record that has it, and
 * `A or 0 * record` yields the same series twice. As `mimirtool rules prepare` does with `cluster`,
 * the label is added to every `by (...)` and `on (...)` clause, and an aggregation without one gets
 * `by (<label>)`: `A{job} / ignoring (job) group_left () sum(B)` matches on Prometheus, but in the
 * long store the left side keeps `environment` and the bare `sum` drops it, so nothing matched
 * (job:gen_ai_cost_cny_per_conversation_hour:ratio_rate5m was empty). Rule names, `for`, labels and
 * annotations stay as they are.
 */
export function prepareRuleFile(doc: Doc, label: string): Doc {
  const out = structuredClone(doc);
  for (const group of out.groups ?? []) {
    for (const rule of group.rules ?? []) {
      rule.expr = String(rule.expr).replace(/\b(by|on)\s*\(([^()]*)\)/g, (_m, kw: string, list: string) => {
        const names = list.split(",").map((n) => n.trim()).filter(Boolean);
        return `${kw} (${(names.includes(label) ? names : [label, ...names]).join(", ")})`;
      }).replace(/\b(sum|min|max|avg|count|group|stddev|stdvar)\s*\(/g, (_m, op: string) => `${op} by (${label}) (`);
    }
  }
  return out;
}
