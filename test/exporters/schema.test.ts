import { describe, expect, it } from "vitest";
import { agentOutcomes, authOutcomes, backupOutcomes, llmOutcomes, ratings } from "../../catalog/allowlists.ts";
import { eventTypes } from "../../exporters/events.ts";
import { compileValidator, eventSchema } from "../../exporters/schema.ts";
import { validEvents } from "./helpers.ts";

const validate = compileValidator(5);

function rejection(body: unknown) {
  const r = validate(body);
  if (r.ok) throw new Error(`accepted: ${JSON.stringify(body)}`);
  return r;
}

describe("exporter schema", () => {
  it("accepts one valid event of every type, alone and in a batch", () => {
    const events = validEvents();
    expect(Object.keys(events).sort()).toEqual([...eventTypes()].sort());
    for (const e of Object.values(events)) expect(validate(e)).toEqual({ ok: true, events: [e], batch: false });
    const batch = Object.values(events).slice(0, 5);
    expect(validate({ events: batch })).toEqual({ ok: true, events: batch, batch: true });
    expect(validate({ type: "backup", backup: "redis_snapshot", outcome: "failure" }).ok).toBe(true);
  });

  it("takes its closed sets from the catalog", () => {
    const schema = JSON.stringify(eventSchema());
    for (const values of [agentOutcomes(), llmOutcomes(), authOutcomes(), backupOutcomes()]) {
      expect(schema).toContain(JSON.stringify({ enum: values }));
    }
    expect(schema).toContain(JSON.stringify({ enum: ratings() }));
    // Every event object is closed.
    const branches = (eventSchema().oneOf as { additionalProperties: boolean }[]);
    expect(branches.map((b) => b.additionalProperties)).toEqual(eventTypes().map(() => false));
  });

  it.each([
    [{ type: "agent_run", agent: "x", durationSeconds: -1, outcome: "success" }, "durationSeconds", /must be >= 0/],
    [{ type: "agent_run", agent: "x", durationSeconds: 1, outcome: "crashed" }, "outcome", /must be one of success, error, timeout, fallback/],
    [{ type: "agent_run", agent: "x", outcome: "success" }, "durationSeconds", /is required/],
    [{ type: "agent_run", agent: "", durationSeconds: 1, outcome: "success" }, "agent", /fewer than 1/],
    [{ type: "agent_run", agent: "a".repeat(129), durationSeconds: 1, outcome: "success" }, "agent", /more than 128/],
    [{ type: "llm_call", provider: "openai", model: "gpt-4o", durationSeconds: "1", outcome: "success" }, "durationSeconds", /must be number/],
    [{ type: "conversation_scored", agent: "intake", score: 1.01 }, "score", /must be <= 1/],
    [{ type: "feedback", rating: 4.5 }, "rating", /must be one of 1, 2, 3, 4, 5/],
    [{ type: "feedback", rating: 6 }, "rating", /must be one of 1, 2, 3, 4, 5/],
    [{ type: "sessions", active: 1.5, users: 1 }, "active", /must be integer/],
    [{ type: "backup", backup: "postgres_full", outcome: "success", finishedAt: 12 }, "finishedAt", /must be >= 946684800/],
    [{ type: "feature_used", feature: "chat_text", user: "alice" }, "user", /is not allowed/],
    [{ type: "whatever" }, "type", /must be one of agent_run, llm_call/],
    [{ type: 7 }, "type", /must be one of agent_run/],
    [{ feature: "chat_text" }, "type", /is required/],
    [[1, 2], "body", /must be object/],
    ["text", "body", /must be object/],
  ])("rejects %j, naming field %s", (body, field, reason) => {
    const r = rejection(body);
    expect(r.reason).toBe("invalid_event");
    expect(r.error.field).toBe(field);
    expect(r.error.reason).toMatch(reason);
    expect(r.error.index).toBeUndefined();
  });

  it("rejects prototype-pollution keys as unexpected properties", () => {
    for (const key of ["__proto__", "constructor", "prototype"]) {
      const body = JSON.parse(`{"type":"feedback","rating":5,"${key}":{"polluted":true}}`);
      expect(rejection(body).error).toEqual({ field: key, reason: "is not allowed" });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("never echoes a key that is not an identifier (an e-mail, a sentence)", () => {
    for (const key of ["alice@example.com", "我今天很难过", "+86 138 0013 8000"]) {
      const r = rejection({ type: "auth", outcome: "success", [key]: 1 });
      expect(r.error).toEqual({ field: "(unexpected property)", reason: "is not allowed" });
      expect(JSON.stringify(r)).not.toContain(key);
    }
  });

  it("names the index and the field of the first invalid event of a batch", () => {
    const events = [validEvents().auth, validEvents().feedback, { type: "feedback", rating: 0 }];
    const r = rejection({ events });
    expect(r).toMatchObject({ reason: "invalid_event", events: 3, error: { index: 2, field: "rating" } });
    expect(rejection({ events: [validEvents().auth, { type: "error" }] }).error).toEqual({ index: 1, field: "errorType", reason: "is required" });
  });

  it("rejects a batch over MAX_BATCH as batch_too_large, and a malformed batch", () => {
    const r = rejection({ events: Array.from({ length: 6 }, () => validEvents().auth) });
    expect(r).toMatchObject({ reason: "batch_too_large", events: 6, error: { field: "events", reason: "must NOT have more than 5 items" } });
    expect(rejection({ events: {} }).error).toEqual({ field: "events", reason: "must be array" });
    expect(rejection({ events: [], extra: 1 }).error).toEqual({ field: "extra", reason: "is not allowed" });
  });
});
