// Adding a business metric touches the catalog only: this test declares a fixture metric in
// catalog/metrics.ts and the event that feeds it in catalog/business-events.ts (vi.mock, as a
// new user would edit them), then runs the exporter with it: the event is validated, mapped to
// its bounded label (an unknown value counted as `other`), published, and kept across a restart.
import { describe, expect, it, vi } from "vitest";
import { tempDir } from "../tempdirs.ts";

const FIXTURE = "xinliya_fixture_breathing_sessions_total";

vi.mock("../../catalog/metrics.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../catalog/metrics.ts")>();
  const fixture = { name: FIXTURE, type: "counter", unit: "short", labels: ["pace"], source: "business_exporter", help: "Breathing sessions by pace (fixture)." } as const;
  return { ...original, metrics: () => [...original.metrics(), fixture] };
});

vi.mock("../../catalog/business-events.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../catalog/business-events.ts")>();
  const event = {
    type: "breathing_session",
    fields: { pace: { kind: "identifier", allowed: ["slow", "box"] }, minutes: { kind: "integer", min: 1, max: 120 } },
    feeds: [{ metric: FIXTURE, labels: { pace: "pace" }, update: { op: "inc" } }],
  } as const;
  return { ...original, businessEvents: () => [...original.businessEvents(), event] };
});

const { post, sample, scrape, startInProcess } = await import("./helpers.ts");
const { declarationProblems, eventTypes } = await import("../../exporters/events.ts");
const { eventBatch } = await import("../../scripts/stack/events-sim.ts");
const { scenario } = await import("../../scripts/stack/scenarios.ts");

describe("a business metric added in the catalog only", () => {
  it("is validated, published with bounded labels, simulated and kept across a restart", async () => {
    expect(declarationProblems()).toEqual([]);
    expect(eventTypes()).toContain("breathing_session");
    expect(eventBatch(scenario("normal"), 0.5, Date.now() / 1000).some((e) => e.type === "breathing_session")).toBe(true);
    const dir = tempDir("xinliya-fixture-");
    const a = await startInProcess({ EXPORTER_STATE_DIR: dir });
    const zero = await scrape(a.url);
    for (const pace of ["slow", "box", "other"]) expect(sample(zero, `${FIXTURE}{pace="${pace}"}`), pace).toBe(0);
    const events = [
      { type: "breathing_session", pace: "slow", minutes: 5 },
      { type: "breathing_session", pace: "slow", minutes: 10 },
      { type: "breathing_session", pace: "alice@example.com", minutes: 3 },
    ];
    expect((await post(a.url, { events })).status).toBe(204);
    const bad = await post(a.url, { type: "breathing_session", pace: "slow", minutes: 500 });
    expect(bad.status).toBe(400);
    expect((await bad.json()).field).toBe("minutes");
    const text = await scrape(a.url);
    expect(sample(text, `${FIXTURE}{pace="slow"}`)).toBe(2);
    expect(sample(text, `${FIXTURE}{pace="other"}`)).toBe(1);
    expect(text).not.toContain("alice");
    await a.stop();
    const b = await startInProcess({ EXPORTER_STATE_DIR: dir });
    expect(sample(await scrape(b.url), `${FIXTURE}{pace="slow"}`)).toBe(2);
    await b.stop();
  });

  it("names the catalog file, the event and the metric when a declaration is wrong", () => {
    const problems = declarationProblems([{ type: "breathing_session", fields: { minutes: { kind: "integer", min: 1, max: 9 } }, feeds: [{ metric: FIXTURE, labels: { pace: "minutes" }, update: { op: "observe", field: "minutes" } }] }]);
    expect(problems.join("\n")).toMatch(/catalog\/business-events\.ts: event "breathing_session", metric xinliya_fixture_breathing_sessions_total: label pace takes field "minutes", which is not bounded/);
    expect(problems.join("\n")).toMatch(/update "observe" needs a histogram, the catalog says counter/);
    expect(problems.join("\n")).toMatch(/catalog\/metrics\.ts: xinliya_agent_processing_duration_seconds \(business_exporter\) is fed by no event/);
  });
});
