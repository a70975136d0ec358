// prom-client metrics whose hot path is an array slot. prom-client's observe() and inc() hash the
// label object on every call (~0.25 µs each, measured); at a million events per second that alone
// takes a quarter of a core. Our label values are closed (series.ts), so every series has a fixed
// index, found once per event by the interned lookup; an event then costs an array write.
// prom-client still owns each metric: name, help, labels, registration and the exposition text.
//  - SeriesCounter: a prom-client Counter; increments wait in a Float64Array and are handed to
//    Counter.inc() in its collect() hook, which prom-client runs at every scrape.
//  - SeriesHistogram: a prom-client Histogram whose bucket counts live in a Float64Array; the
//    registry reads it through get()/getForPromString(), answered here in prom-client's own shape
//    (a test compares the text with a stock Histogram fed the same observations).
import client from "prom-client";
import type { LabelSet } from "./series.ts";

interface Config {
  name: string;
  help: string;
  labelNames: string[];
  registry: client.Registry;
}

export class SeriesCounter {
  readonly metric: client.Counter;
  private readonly pending: Float64Array;

  constructor(config: Config, private readonly sets: readonly LabelSet[]) {
    const flush = () => this.flush();
    this.pending = new Float64Array(sets.length);
    this.metric = new client.Counter({
      name: config.name, help: config.help, labelNames: config.labelNames, registers: [config.registry],
      collect: flush,
    });
    // Every allowed series is exposed from the start, at zero.
    for (const labels of sets) this.metric.inc(labels, 0);
  }

  /** Adds `n` ≥ 0 to series `index` of the label space. */
  add(index: number, n: number): void {
    this.pending[index]! += n;
  }

  private flush(): void {
    const { pending, sets, metric } = this;
    for (let i = 0; i < pending.length; i++) {
      if (pending[i] !== 0) {
        metric.inc(sets[i]!, pending[i]!);
        pending[i] = 0;
      }
    }
  }
}

interface ExportValue {
  labels: Record<string, string | number>;
  sharedLabels?: LabelSet;
  value: number;
  metricName: string;
}

export class SeriesHistogram extends client.Histogram {
  private readonly family: { name: string; help: string };
  private readonly bounds: readonly number[];
  private readonly width: number;
  /** Per series, `width` slots: observations per bucket (not cumulative), the last one above every bound. */
  private readonly slots: Float64Array;
  private readonly sums: Float64Array;

  constructor(config: Config, buckets: readonly number[], private readonly sets: readonly LabelSet[]) {
    super({ name: config.name, help: config.help, labelNames: config.labelNames, buckets: [...buckets], registers: [config.registry] });
    this.family = { name: config.name, help: config.help };
    this.bounds = [...buckets];
    this.width = buckets.length + 1;
    this.slots = new Float64Array(sets.length * this.width);
    this.sums = new Float64Array(sets.length);
    // The base class's label-hashing path would write where nothing reads: record() it is.
    this.observe = () => {
      throw new Error(`${config.name}: use record(index, value), not observe()`);
    };
  }

  /** Records one observation in series `index` of the label space. */
  record(index: number, value: number): void {
    const { bounds } = this;
    let slot = 0;
    while (slot < bounds.length && value > bounds[slot]!) slot++;
    this.slots[index * this.width + slot]! += 1;
    this.sums[index]! += value;
  }

  private values(): ExportValue[] {
    const out: ExportValue[] = [];
    const { name } = this.family;
    const bucket = `${name}_bucket`;
    for (let s = 0; s < this.sets.length; s++) {
      const labels = this.sets[s]!;
      let cumulative = 0;
      for (let b = 0; b < this.bounds.length; b++) {
        cumulative += this.slots[s * this.width + b]!;
        out.push({ labels: { le: this.bounds[b]! }, sharedLabels: labels, value: cumulative, metricName: bucket });
      }
      cumulative += this.slots[s * this.width + this.bounds.length]!;
      out.push({ labels: { le: "+Inf" }, sharedLabels: labels, value: cumulative, metricName: bucket });
      out.push({ labels: {}, sharedLabels: labels, value: this.sums[s]!, metricName: `${name}_sum` });
      out.push({ labels: {}, sharedLabels: labels, value: cumulative, metricName: `${name}_count` });
    }
    return out;
  }

  /** What prom-client's registry renders (shared labels kept apart, as prom-client does). */
  async getForPromString() {
    return { ...this.family, type: "histogram" as const, values: this.values(), aggregator: "sum" as const };
  }

  /** prom-client's public JSON shape: every value with all its labels. */
  override async get(): Promise<client.MetricObjectWithValues<client.MetricValueWithName<string>>> {
    const values = this.values().map(({ labels, sharedLabels, value, metricName }) => ({
      labels: { ...labels, ...sharedLabels }, value, metricName,
    }));
    // prom-client's typings declare `type` as a numeric enum; at run time it is the string.
    const type = "histogram" as unknown as client.MetricType;
    return { ...this.family, type, values, aggregator: "sum", collect: () => undefined };
  }
}
