// The business exporter's own metric store: a small, documented replacement for prom-client's
// metric objects on the hot path. It is not a prom-client metric and does not pretend to be one.
// Every label value is closed (series.ts), so each series of a metric has a fixed index in its
// label space; an event costs a lookup in nested Maps and a write into a Float64Array.
//  - counter: one value per series, every series present from the start at 0;
//  - histogram: per series, one count per bucket (not cumulative; the last above every bound) and
//    a sum; every series present from the start;
//  - gauge: one value per series, NaN meaning "absent": a gauge appears with its first event and
//    reads "unknown" after a restart until the backend's next snapshot, never a false 0.
// exposition.ts renders the stores; state.ts saves and restores them.
import type { MetricDef } from "../catalog/types.ts";
import type { LabelSet } from "./series.ts";

export type StoreKind = "counter" | "gauge" | "histogram";

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, "\\\"");
}

/** `a="x",b="y"` for a label set, in the order of `names`. */
export function labelText(names: readonly string[], set: LabelSet): string {
  return names.map((n) => `${n}="${escapeLabel(set[n]!)}"`).join(",");
}

export class MetricStore {
  readonly name: string;
  readonly help: string;
  readonly kind: StoreKind;
  readonly labelNames: readonly string[];
  /** Per series, its labels as exposition text (without braces). */
  readonly labels: readonly string[];
  /** Counter and gauge values; NaN = absent (gauges only). */
  readonly values: Float64Array;
  /** Histogram bucket bounds, ascending. */
  readonly bounds: readonly number[];
  /** Histogram: `bounds.length + 1` slots per series. */
  readonly counts: Float64Array;
  readonly sums: Float64Array;
  /** Kept in the state file: counters, histograms and the gauges that record a finished fact. */
  readonly persistent: boolean;

  constructor(def: MetricDef, readonly sets: readonly LabelSet[], options: { buckets?: readonly number[]; persistent: boolean }) {
    if (def.type !== "counter" && def.type !== "gauge" && def.type !== "histogram") {
      throw new Error(`metric ${def.name}: type ${def.type} is not supported by the exporter`);
    }
    this.name = def.name;
    this.help = def.help;
    this.kind = def.type;
    this.labelNames = def.labels;
    this.labels = sets.map((s) => labelText(def.labels, s));
    this.persistent = options.persistent;
    this.bounds = this.kind === "histogram" ? [...(options.buckets ?? [])] : [];
    if (this.kind === "histogram" && this.bounds.length === 0) throw new Error(`histogram ${def.name} has no buckets in catalog/buckets.ts`);
    const width = this.bounds.length + 1;
    this.values = new Float64Array(this.kind === "histogram" ? 0 : sets.length);
    if (this.kind === "gauge") this.values.fill(Number.NaN);
    this.counts = new Float64Array(this.kind === "histogram" ? sets.length * width : 0);
    this.sums = new Float64Array(this.kind === "histogram" ? sets.length : 0);
  }

  /** counter += n (n ≥ 0) */
  add(index: number, n: number): void {
    this.values[index]! += n;
  }

  /** gauge = value */
  set(index: number, value: number): void {
    this.values[index] = value;
  }

  /** One histogram observation. */
  observe(index: number, value: number): void {
    const { bounds } = this;
    let slot = 0;
    while (slot < bounds.length && value > bounds[slot]!) slot++;
    this.counts[index * (bounds.length + 1) + slot]! += 1;
    this.sums[index]! += value;
  }
}
