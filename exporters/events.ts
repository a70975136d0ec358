// The event table, derived from the catalog's declarations (catalog/business-events.ts): each
// type, its fields as JSON Schema fragments, and the declarations validated against the metric
// catalog so that a wrong declaration stops the exporter (and `npm run check`) with an error that
// names catalog/business-events.ts, the event and the metric. No event or metric is written here.
import { type BusinessEvent, businessEvents, type EventField, maxIdentifierLength, minUnixSeconds, rejectionMetric } from "../catalog/business-events.ts";
import { metrics } from "../catalog/metrics.ts";
import type { MetricDef } from "../catalog/types.ts";

export { maxIdentifierLength };

/** A JSON Schema fragment for one field. */
export type FieldSchema = Record<string, unknown>;

export interface FieldSpec {
  schema: FieldSchema;
  required: boolean;
}

export type EventType = string;

/** A validated event: `type` plus the fields its declaration allows. */
export type XinliyaEvent = { type: string } & Record<string, unknown>;

function fieldSchema(field: EventField): FieldSchema {
  switch (field.kind) {
    case "identifier":
    case "identifierPer": return { type: "string", minLength: 1, maxLength: maxIdentifierLength() };
    case "enum": return { enum: [...field.values] };
    case "number": return { type: "number", minimum: field.min, maximum: field.max };
    case "integer": return { type: "integer", minimum: field.min, maximum: field.max };
    // The upper bound depends on the time of receipt: checked after the schema (ingest.ts).
    case "unixSeconds": return { type: "number", minimum: minUnixSeconds() };
  }
}

/** The event table: per type, every field's schema and whether it is required. */
export function eventFields(): Record<EventType, Record<string, FieldSpec>> {
  const out: Record<string, Record<string, FieldSpec>> = {};
  for (const e of businessEvents()) {
    out[e.type] = Object.fromEntries(Object.entries(e.fields).map(([name, f]) => [name, {
      schema: fieldSchema(f), required: !(f.kind === "unixSeconds" && f.optional),
    }]));
  }
  return out;
}

export function eventTypes(): EventType[] {
  return businessEvents().map((e) => e.type);
}

/** The catalog's business_exporter metrics. */
export function businessMetrics(): MetricDef[] {
  return metrics().filter((m) => m.source === "business_exporter");
}

const where = (e: BusinessEvent, metric?: string) =>
  `catalog/business-events.ts: event "${e.type}"${metric ? `, metric ${metric}` : ""}`;

/** Every problem of the declarations, each naming the event and metric; empty when sound. */
export function declarationProblems(events: BusinessEvent[] = businessEvents(), defs: MetricDef[] = businessMetrics()): string[] {
  const problems: string[] = [];
  const byName = new Map(defs.map((d) => [d.name, d]));
  const fed = new Map<string, string>();
  const types = new Set<string>();
  for (const e of events) {
    if (types.has(e.type)) problems.push(`${where(e)} is declared twice`);
    types.add(e.type);
    if (Object.hasOwn(e.fields, "type")) problems.push(`${where(e)}: a field may not be called "type"`);
    for (const [name, f] of Object.entries(e.fields)) {
      if (f.kind === "identifierPer" && e.fields[f.of]?.kind !== "identifier") {
        problems.push(`${where(e)}: field ${name} depends on "${f.of}", which is not an identifier field`);
      }
    }
    for (const feed of e.feeds) {
      const def = byName.get(feed.metric);
      if (def === undefined) {
        problems.push(`${where(e, feed.metric)}: not a business_exporter metric of catalog/metrics.ts`);
        continue;
      }
      if (fed.has(def.name)) problems.push(`${where(e, def.name)}: already fed by event "${fed.get(def.name)}"`);
      fed.set(def.name, e.type);
      const mapped = Object.keys(feed.labels).sort().join(",");
      if (mapped !== [...def.labels].sort().join(",")) {
        problems.push(`${where(e, def.name)}: maps labels {${mapped}}, catalog/metrics.ts declares {${def.labels.join(",")}}`);
      }
      for (const [label, field] of Object.entries(feed.labels)) {
        const f = e.fields[field];
        if (f === undefined) problems.push(`${where(e, def.name)}: label ${label} takes field "${field}", which the event does not have`);
        else if (!["identifier", "identifierPer", "enum"].includes(f.kind)) problems.push(`${where(e, def.name)}: label ${label} takes field "${field}", which is not bounded (identifier or enum)`);
      }
      const u = feed.update;
      const need = { inc: "counter", add: "counter", observe: "histogram", set: "gauge", flag: "gauge", latest: "gauge" }[u.op];
      if (def.type !== need) problems.push(`${where(e, def.name)}: update "${u.op}" needs a ${need}, the catalog says ${def.type}`);
      if (u.op !== "inc" && e.fields[u.field] === undefined) problems.push(`${where(e, def.name)}: update reads field "${u.field}", which the event does not have`);
      if (u.op === "latest" && e.fields[u.field]?.kind !== "unixSeconds") problems.push(`${where(e, def.name)}: "latest" needs a unixSeconds field`);
      if (u.op === "latest" && e.fields[u.when.field] === undefined) problems.push(`${where(e, def.name)}: condition reads field "${u.when.field}", which the event does not have`);
    }
  }
  const own = rejectionMetric().metric;
  for (const def of defs) {
    if (!fed.has(def.name) && def.name !== own) problems.push(`catalog/metrics.ts: ${def.name} (business_exporter) is fed by no event of catalog/business-events.ts`);
  }
  return problems;
}

/** Throws with every problem of the declarations. */
export function checkDeclarations(): void {
  const problems = declarationProblems();
  if (problems.length > 0) throw new Error(`business event declarations:\n  ${problems.join("\n  ")}`);
}
