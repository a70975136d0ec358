// The exporter's metrics: one store per business metric of the catalog (store.ts), over the label
// space of series.ts, and a prom-client registry of its default process and Node.js metrics,
// read through its public API only. The default gauges whose names end in `_total`
// (nodejs_active_*_total), which `promtool check metrics` rejects, are dropped (see README).
import client from "prom-client";
import { histogramBuckets } from "../catalog/buckets.ts";
import { businessEvents } from "../catalog/business-events.ts";
import { businessMetrics } from "./events.ts";
import { type Lookup, labelSpace, lookup } from "./series.ts";
import { MetricStore } from "./store.ts";

export interface ExporterMetrics {
  /** Business stores, in catalog order. */
  stores: MetricStore[];
  runtime: client.Registry;
  store(name: string): MetricStore;
  /** Label-space index of a metric's series from raw values in the catalog's label order. */
  lookup(name: string): Lookup;
}

/** Gauges that record a fact about a finished run (flag, latest) survive a restart; snapshots do not. */
function persistentGauges(): Set<string> {
  const out = new Set<string>();
  for (const e of businessEvents()) for (const f of e.feeds) if (f.update.op === "flag" || f.update.op === "latest") out.add(f.metric);
  return out;
}

function runtimeRegistry(): client.Registry {
  const runtime = new client.Registry();
  client.collectDefaultMetrics({ register: runtime });
  for (const m of runtime.getMetricsAsArray()) {
    const metric = m as unknown as { name: string; type?: string };
    if (metric.type === "gauge" && metric.name.endsWith("_total")) runtime.removeSingleMetric(metric.name);
  }
  return runtime;
}

export function createMetrics(): ExporterMetrics {
  const space = labelSpace();
  const kept = persistentGauges();
  const buckets = histogramBuckets();
  const stores = businessMetrics().map((def) => new MetricStore(def, space[def.name]!, {
    buckets: buckets[def.name], persistent: def.type !== "gauge" || kept.has(def.name),
  }));
  const byName = new Map(stores.map((s) => [s.name, s]));
  const store = (name: string) => {
    const s = byName.get(name);
    if (s === undefined) throw new Error(`${name} is not a business metric of the catalog`);
    return s;
  };
  return {
    stores,
    runtime: runtimeRegistry(),
    store,
    lookup: (name) => lookup(store(name).labelNames, space[name]!),
  };
}
