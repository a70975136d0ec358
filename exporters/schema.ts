// The one place where a request body is validated: a JSON Schema generated from the event table
// (events.ts, whose bounds and closed sets come from the catalog), compiled once with ajv.
// Every object is closed (`additionalProperties: false`), so `__proto__`, `constructor` or any
// other unexpected key rejects the event. Errors name the index and the field, never a value.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { type EventType, eventFields, eventTypes, type XinliyaEvent } from "./events.ts";

export function eventSchema(): Record<string, unknown> {
  const fields = eventFields();
  // Each branch below is generated from one declaration of catalog/business-events.ts.
  return {
    type: "object",
    required: ["type"],
    properties: { type: { enum: eventTypes() } },
    discriminator: { propertyName: "type" },
    oneOf: eventTypes().map((type: EventType) => {
      const spec = fields[type]!;
      const properties: Record<string, unknown> = { type: { const: type } };
      for (const [name, field] of Object.entries(spec)) properties[name] = field.schema;
      const required = ["type", ...Object.entries(spec).filter(([, f]) => f.required).map(([n]) => n)];
      return { type: "object", properties, required, additionalProperties: false };
    }),
  };
}

/** A body is one event, or `{"events": [...]}` with at most `maxBatch` events. */
export function bodySchema(maxBatch: number): Record<string, unknown> {
  return {
    $id: "https://xinliya.example/schemas/exporter-events.json",
    $defs: { event: eventSchema() },
    if: { type: "object", required: ["events"], properties: { events: true } },
    then: {
      type: "object",
      required: ["events"],
      additionalProperties: false,
      properties: { events: { type: "array", maxItems: maxBatch, items: { $ref: "#/$defs/event" } } },
    },
    else: { $ref: "#/$defs/event" },
  };
}

export type Validation =
  | { ok: true; events: XinliyaEvent[]; batch: boolean }
  | { ok: false; reason: "invalid_event" | "batch_too_large"; events: number; error: FieldError };

/** What a 400 answer says: the event index (batches only), the field and the reason. */
export interface FieldError {
  index?: number;
  field: string;
  reason: string;
}

// A name from the payload is echoed only when it looks like an identifier, so that an e-mail
// address or a sentence used as a key is never sent back or logged.
function safeName(name: unknown): string {
  return typeof name === "string" && /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) ? name : "(unexpected property)";
}

function reasonOf(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required": return "is required";
    case "additionalProperties": return "is not allowed";
    case "enum": return `must be one of ${(p.allowedValues as unknown[]).join(", ")}`;
    case "const": return `must be ${String(p.allowedValue)}`;
    case "discriminator": return p.error === "tag" ? "must be a string" : `must be one of ${eventTypes().join(", ")}`;
    default: return e.message ?? `fails ${e.keyword}`;
  }
}

function fieldErrorOf(e: ErrorObject, batch: boolean): FieldError {
  const path = e.instancePath.split("/").slice(1);
  let index: number | undefined;
  if (batch && path[0] === "events" && path.length > 1) {
    index = Number(path[1]);
    path.splice(0, 2);
  }
  const p = e.params as Record<string, unknown>;
  if (e.keyword === "required") path.push(String(p.missingProperty));
  if (e.keyword === "additionalProperties") path.push(safeName(p.additionalProperty));
  if (e.keyword === "discriminator") path.push("type");
  const field = path.join(".") || (batch ? "events" : "body");
  return index === undefined ? { field, reason: reasonOf(e) } : { index, field, reason: reasonOf(e) };
}

function isBatch(body: unknown): body is { events: unknown } {
  return typeof body === "object" && body !== null && !Array.isArray(body) && Object.hasOwn(body, "events");
}

export type BodyValidator = (body: unknown) => Validation;

/** Compiles the body schema once; the returned function validates a parsed body. */
export function compileValidator(maxBatch: number): BodyValidator {
  const ajv = new Ajv({ discriminator: true, allErrors: false, strict: true });
  const validate: ValidateFunction = ajv.compile(bodySchema(maxBatch));
  return (body) => {
    const batch = isBatch(body);
    const count = batch && Array.isArray(body.events) ? body.events.length : 1;
    if (validate(body)) {
      return { ok: true, events: batch ? (body.events as XinliyaEvent[]) : [body as XinliyaEvent], batch };
    }
    const first = validate.errors![0]!;
    const tooLarge = batch && first.keyword === "maxItems" && first.instancePath === "/events";
    return {
      ok: false,
      reason: tooLarge ? "batch_too_large" : "invalid_event",
      events: count,
      error: fieldErrorOf(first, batch),
    };
  };
}
