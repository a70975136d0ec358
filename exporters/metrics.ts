// The exporter's prom-client registries. The business registry is built from the catalog (name,
// type, help, labels) and catalog/buckets.ts, over the label space of series.ts, every allowed
// series present from the start (backups excepted, see series.ts). The runtime registry holds
// prom-client's default process and Node.js metrics, except the gauges whose names end in
// `_total`, which `promtool check metrics` rejects (see README).
import client from "prom-client";
import { histogramBuckets } from "../catalog/buckets.ts";
import type { MetricDef } from "../catalog/types.ts";
import { SeriesCounter, SeriesHistogram } from "./accumulators.ts";
import { businessMetrics, type LabelSet, type Lookup, labelSpace, lookup, notPreCreated } from "./series.ts";

/** A prom-client Gauge addressed by label-space index. */
export interface SeriesGauge {
  metric: client.Gauge;
  set(index: number, value: number): void;
}

export interface ExporterMetrics {
  business: client.Registry;
  runtime: client.Registry;
  counter(name: string): SeriesCounter;
  gauge(name: string): SeriesGauge;
  histogram(name: string): SeriesHistogram;
  /** Label-space index of a metric's series from raw values in the catalog's label order. */
  lookup(name: string): Lookup;
}

type Built = SeriesCounter | SeriesGauge | SeriesHistogram;

function checkLabels(def: MetricDef, sets: readonly LabelSet[]): void {
  const declared = [...def.labels].sort().join(",");
  for (const labels of sets) {
    const names = Object.keys(labels).sort().join(",");
    if (names !== declared) {
      throw new Error(`${def.name}: label space has labels {${names}}, the catalog declares {${def.labels.join(",")}}`);
    }
  }
}

function gauge(config: { name: string; help: string; labelNames: string[]; registry: client.Registry }, sets: readonly LabelSet[], preCreate: boolean): SeriesGauge {
  const metric = new client.Gauge({ name: config.name, help: config.help, labelNames: config.labelNames, registers: [config.registry] });
  // prom-client creates an unlabelled gauge at zero itself.
  if (preCreate && config.labelNames.length > 0) for (const labels of sets) metric.set(labels, 0);
  return { metric, set: (index, value) => metric.set(sets[index]!, value) };
}

function build(def: MetricDef, registry: client.Registry, sets: readonly LabelSet[], preCreate: boolean): Built {
  const config = { name: def.name, help: def.help, labelNames: [...def.labels], registry };
  switch (def.type) {
    case "counter": return new SeriesCounter(config, sets);
    case "gauge": return gauge(config, sets, preCreate);
    case "histogram": {
      const buckets = histogramBuckets()[def.name];
      if (!buckets) throw new Error(`histogram ${def.name} has no buckets in catalog/buckets.ts`);
      return new SeriesHistogram(config, buckets, sets);
    }
    default: throw new Error(`metric ${def.name}: type ${def.type} is not supported by the exporter`);
  }
}

function runtimeRegistry(): client.Registry {
  const runtime = new client.Registry();
  client.collectDefaultMetrics({ register: runtime });
  // nodejs_active_{handles,requests,resources}_total are gauges named like counters; the same
  // numbers remain available as sum(nodejs_active_handles) and so on.
  for (const m of runtime.getMetricsAsArray()) {
    const metric = m as unknown as { name: string; type?: string };
    if (metric.type === "gauge" && metric.name.endsWith("_total")) runtime.removeSingleMetric(metric.name);
  }
  return runtime;
}

export function createMetrics(): ExporterMetrics {
  const business = new client.Registry();
  const space = labelSpace();
  const skip = new Set(notPreCreated());
  const built = new Map<string, Built>();
  const defs = new Map(businessMetrics().map((d) => [d.name, d]));
  for (const def of defs.values()) {
    const sets = space[def.name];
    if (!sets) throw new Error(`${def.name}: no label space in exporters/series.ts`);
    checkLabels(def, sets);
    built.set(def.name, build(def, business, sets, !skip.has(def.name)));
  }
  function get<T>(name: string, kind: string, is: (b: Built) => b is Built & T): T {
    const b = built.get(name);
    if (b === undefined || !is(b)) throw new Error(`${name} is not a business ${kind} of the catalog`);
    return b;
  }
  return {
    business,
    runtime: runtimeRegistry(),
    counter: (name) => get(name, "counter", (b): b is SeriesCounter => b instanceof SeriesCounter),
    histogram: (name) => get(name, "histogram", (b): b is SeriesHistogram => b instanceof SeriesHistogram),
    gauge: (name) => get(name, "gauge", (b): b is SeriesGauge => !(b instanceof SeriesCounter) && !(b instanceof SeriesHistogram)),
    lookup: (name) => {
      const def = defs.get(name);
      if (!def || def.labels.length === 0) throw new Error(`${name} is not a labelled business metric of the catalog`);
      return lookup(def.labels, space[name]!);
    },
  };
}
