// The simulated Xinliya backend's events: every tick it posts one batch to the business exporter's
// ingest listener. The events derive from the catalog's declarations (catalog/business-events.ts):
// one event of every declared type per tick, each field drawn within its declared type and range
// from the allow-lists, so a metric added to the catalog is simulated with no change here. The
// scenario then shapes the few quantities its alerts watch (agent time, LLM failures, failed
// logins, backup age). The LLM calls go to the few models the backend uses (deployed-models.ts).
// Never any user content.
import { backupJobs } from "../../catalog/backups.ts";
import { businessEvents, type EventField } from "../../catalog/business-events.ts";
import { target } from "../../catalog/thresholds.ts";
import { safetyEvents } from "../../catalog/safety-events.ts";
import { deployedModels } from "./deployed-models.ts";
import type { Scenario } from "./scenarios.ts";
import { eventPoster } from "./poster.ts";

type Event = Record<string, string | number>;

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const around = (x: number) => x * (0.7 + Math.random() * 0.5);

/** A value of the field's declared type and range (`chosen`: the fields drawn before it). */
function draw(field: EventField, chosen: Event, nowSeconds: number): string | number | undefined {
  switch (field.kind) {
    case "identifier": return pick(field.allowed);
    case "identifierPer": return pick(field.allowed[String(chosen[field.of])] ?? ["unknown"]);
    case "enum": return field.values[0]!;
    case "number": return field.min + Math.random() * Math.min(field.max - field.min, 1);
    case "integer": return field.min + Math.floor(Math.random() * Math.min(field.max - field.min, 100));
    case "unixSeconds": return Math.round(nowSeconds);
  }
}

/** One event of a declared type with every field drawn, then `overrides` applied. */
export function simulatedEvent(type: string, nowSeconds: number, overrides: Event = {}): Event {
  const def = businessEvents().find((e) => e.type === type);
  if (def === undefined) throw new Error(`events-sim: no event "${type}" in catalog/business-events.ts`);
  const e: Event = { type };
  for (const [name, field] of Object.entries(def.fields)) {
    if (Object.hasOwn(overrides, name)) e[name] = overrides[name]!;
    else {
      const v = draw(field, e, nowSeconds);
      if (v !== undefined) e[name] = v;
    }
  }
  return e;
}

/** What the scenario shapes, per event type: several events with some fields set. */
function shaped(s: Scenario, tickSeconds: number, nowSeconds: number): Record<string, Event[]> {
  const fallback = () => (Math.random() < s.agentFallbackShare ? "fallback" : "success");
  const models = deployedModels();
  const llm = () => {
    const failed = Math.random() < s.llmFailureShare;
    return { ...pick(models), outcome: failed ? pick(["error", "timeout", "rate_limited"]) : "success", durationSeconds: around(failed ? 5 : 1.2) };
  };
  const failures = s.authFailuresPerSecond * tickSeconds;
  const failed = Math.floor(failures) + (Math.random() < failures % 1 ? 1 : 0);
  const runs = Array.from({ length: 6 }, () => ({ durationSeconds: around(s.agentSeconds), outcome: fallback() }));
  return {
    agent_run: runs,
    conversation_scored: Array.from({ length: 6 }, () => ({ score: Math.min(1, 0.75 + Math.random() * 0.2) })),
    llm_call: Array.from({ length: 12 }, llm),
    feedback: [{ rating: pick([5, 5, 4, 4, 4, 3, 2]) }],
    auth: [{ outcome: "success" }, ...Array.from({ length: failed }, () => ({ outcome: "failure" }))],
    sessions: [{ active: 100 + Math.round(Math.random() * 40), users: 70 + Math.round(Math.random() * 20) }],
    backup: [{ outcome: "success", finishedAt: Math.round(nowSeconds - s.backupAgeHours * 3600) }],
  };
}

/**
 * One tick's worth of events (about half a second of traffic). `realBackups` are the backup jobs
 * that really run beside the simulator (catalog/data-targets.ts realStackBackupJobs()): they report
 * their own outcome, and a simulated success every tick would hide their real failures.
 */
export function eventBatch(s: Scenario, tickSeconds: number, nowSeconds: number, realBackups: readonly string[] = []): Event[] {
  const shapes = shaped(s, tickSeconds, nowSeconds);
  const events: Event[] = [];
  // The crisis pipeline has a simulator of its own (crisis-sim.ts), with its own clock and scenarios.
  const elsewhere = new Set(safetyEvents().map((e) => e.type));
  for (const def of businessEvents()) {
    if (elsewhere.has(def.type)) continue;
    if (def.type === "backup") {
      // Every backup job reports its last run, as the real jobs do periodically.
      const backup = def.fields.backup;
      const jobs = backup?.kind === "identifier" ? backup.allowed : [];
      // Each job's age in proportion to its own maximum (catalog/backups.ts): the scenario's age is a
      // daily job's, so `normal` keeps the continuous WAL archive minutes old and `backup-missing`
      // makes every job overdue.
      for (const job of jobs.filter((j) => !realBackups.includes(j))) {
        const share = backupJobs()[job] ? target(backupJobs()[job]!.maxAge) / target("backupMaxAge") : 1;
        events.push(simulatedEvent("backup", nowSeconds, { ...shapes.backup![0]!, backup: job, finishedAt: Math.round(nowSeconds - s.backupAgeHours * 3600 * share) }));
      }
      continue;
    }
    for (const o of shapes[def.type] ?? [{}]) events.push(simulatedEvent(def.type, nowSeconds, o));
  }
  return events;
}

export interface EventsSim {
  setScenario(s: Scenario): void;
  /** Batches the exporter did not take (each with its status), for the stack's log. */
  failures(): number;
  stop(): void;
}

/** `token`: the bearer token the backend holds (kept when the exporter's is rotated: rotated-token).
 * `realBackups`: the jobs that the stack's real backup job reports (no synthetic success hides its failure). */
export function startEventsSim(exporterUrl: string, initial: Scenario, tickMs = 500, token?: string, realBackups: readonly string[] = []): EventsSim {
  let current = initial;
  const poster = eventPoster(exporterUrl, token);
  const timer = setInterval(() => poster.post(eventBatch(current, tickMs / 1000, Date.now() / 1000, realBackups)), tickMs);
  return {
    setScenario: (s) => { current = s; },
    failures: poster.failures,
    stop: () => clearInterval(timer),
  };
}
