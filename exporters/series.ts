// The bounded label space of the business exporter, derived from the catalog's event declarations
// (catalog/business-events.ts): for each business metric, every label set it may ever publish,
// from the allow-lists plus `other` and the closed sets. It serves three purposes: the series the
// store holds, mapping incoming values to label values, and the series-count bound that the
// privacy tests and the benchmark check.
import { otherLabelValue } from "../catalog/allowlists.ts";
import { histogramBuckets } from "../catalog/buckets.ts";
import { businessEvents, type EventField, type MetricFeed, rejectionMetric } from "../catalog/business-events.ts";
import type { MetricDef } from "../catalog/types.ts";
import { businessMetrics, checkDeclarations } from "./events.ts";

export { businessMetrics };

export type LabelSet = Record<string, string>;

/** The index of a label set in its metric's label space from raw values in label order, or -1. */
export type Lookup = (...values: string[]) => number;

/**
 * The index in `sets` of the label set for raw values given in the order of `labelNames`, or -1.
 * Each value is looked up among the values allowed at its place; a value that is not there (an
 * unknown agent, a model its provider does not serve) falls back to `other` where the label space
 * has it. Maps, not objects: `constructor` or `__proto__` never looks like an allowed value.
 */
export function lookup(labelNames: readonly string[], sets: readonly LabelSet[]): Lookup {
  type Node = Map<string, Node | number>;
  const depth = labelNames.length;
  const root: Node = new Map();
  if (depth === 0) return () => (sets.length === 1 ? 0 : -1);
  sets.forEach((set, index) => {
    let node = root;
    labelNames.forEach((name, level) => {
      const value = set[name]!;
      if (level === depth - 1) node.set(value, index);
      else {
        if (!node.has(value)) node.set(value, new Map());
        node = node.get(value) as Node;
      }
    });
  });
  const other = otherLabelValue();
  return (...values) => {
    let node: Node | number | undefined = root;
    for (let i = 0; i < depth; i++) {
      if (!(node instanceof Map)) return -1;
      node = node.get(values[i] ?? "") ?? node.get(other);
    }
    return typeof node === "number" ? node : -1;
  };
}

/** The label values a field may take, given the label values already chosen. */
function valuesOf(field: EventField, fieldOfLabel: (field: string) => string | undefined, chosen: LabelSet): string[] {
  const other = otherLabelValue();
  switch (field.kind) {
    case "identifier": return [...field.allowed, other];
    case "identifierPer": {
      const label = fieldOfLabel(field.of);
      const parent = label === undefined ? undefined : chosen[label];
      if (parent === undefined) throw new Error(`identifierPer field depends on "${field.of}", which must be an earlier label`);
      return Object.hasOwn(field.allowed, parent) ? [...field.allowed[parent]!, other] : [other];
    }
    case "enum": return field.values.map(String);
    default: throw new Error(`a ${field.kind} field cannot be a label`);
  }
}

/** Every label set of one feed, in the catalog's label order. */
export function feedLabelSets(def: MetricDef, feed: MetricFeed, fields: Readonly<Record<string, EventField>>): LabelSet[] {
  const labelOfField = (f: string) => Object.keys(feed.labels).find((l) => feed.labels[l] === f);
  let sets: LabelSet[] = [{}];
  for (const label of def.labels) {
    const field = fields[feed.labels[label]!]!;
    sets = sets.flatMap((set) => valuesOf(field, labelOfField, set).map((v) => ({ ...set, [label]: v })));
  }
  return sets;
}

/** Every label set each business metric may publish, keyed by metric name. */
export function labelSpace(): Record<string, LabelSet[]> {
  checkDeclarations();
  const defs = new Map(businessMetrics().map((d) => [d.name, d]));
  const space: Record<string, LabelSet[]> = {};
  for (const e of businessEvents()) {
    for (const feed of e.feeds) space[feed.metric] = feedLabelSets(defs.get(feed.metric)!, feed, e.fields);
  }
  const own = rejectionMetric();
  space[own.metric] = own.values.map((v) => ({ [own.label]: v }));
  return space;
}

/** Exposition lines (samples) per label set: a histogram has its buckets, +Inf, _sum and _count. */
export function linesPerSeries(def: MetricDef): number {
  if (def.type !== "histogram") return 1;
  const buckets = histogramBuckets()[def.name];
  if (buckets === undefined) throw new Error(`histogram ${def.name} has no buckets in catalog/buckets.ts`);
  return buckets.length + 3;
}

/** The most samples the business metrics can ever expose, given the allow-lists. */
export function sampleBound(): number {
  const space = labelSpace();
  return businessMetrics().reduce((sum, def) => sum + (space[def.name]?.length ?? 0) * linesPerSeries(def), 0);
}
