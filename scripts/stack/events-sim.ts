// The simulated Xinliya backend's events: every tick it posts one batch to the business exporter,
// with values from the catalog's allow-lists and the current scenario. Never any user content.
import { agents, backups, errorTypes, features, llmModels } from "../../catalog/allowlists.ts";
import type { Scenario } from "./scenarios.ts";

type Event = Record<string, string | number>;

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const around = (x: number) => x * (0.7 + Math.random() * 0.5);

/** One tick's worth of events (about half a second of traffic). */
export function eventBatch(s: Scenario, tickSeconds: number, nowSeconds: number): Event[] {
  const events: Event[] = [];
  const some = agents().slice(0, 6);
  for (const agent of some) {
    const fallback = Math.random() < 0.02;
    events.push({ type: "agent_run", agent, durationSeconds: around(s.agentSeconds), outcome: fallback ? "fallback" : "success" });
    events.push({ type: "conversation_scored", agent, score: Math.min(1, 0.75 + Math.random() * 0.2) });
  }
  for (const [provider, models] of Object.entries(llmModels()).slice(0, 4)) {
    for (let i = 0; i < 3; i++) {
      const failed = Math.random() < s.llmFailureShare;
      const outcome = failed ? pick(["error", "timeout", "rate_limited"]) : "success";
      events.push({ type: "llm_call", provider, model: pick(models), durationSeconds: around(failed ? 5 : 1.2), outcome });
    }
  }
  events.push({ type: "feedback", rating: pick([5, 5, 4, 4, 4, 3, 2]) });
  events.push({ type: "feature_used", feature: pick(features()) });
  events.push({ type: "error", errorType: pick(errorTypes()) });
  events.push({ type: "auth", outcome: "success" });
  const failures = s.authFailuresPerSecond * tickSeconds;
  for (let i = 0; i < Math.floor(failures) + (Math.random() < failures % 1 ? 1 : 0); i++) events.push({ type: "auth", outcome: "failure" });
  events.push({ type: "sessions", active: 100 + Math.round(Math.random() * 40), users: 70 + Math.round(Math.random() * 20) });
  for (const backup of backups()) {
    events.push({ type: "backup", backup, outcome: "success", finishedAt: Math.round(nowSeconds - s.backupAgeHours * 3600) });
  }
  return events;
}

export interface EventsSim {
  setScenario(s: Scenario): void;
  /** Batches the exporter did not take (each with its status), for the stack's log. */
  failures(): number;
  stop(): void;
}

export function startEventsSim(exporterUrl: string, initial: Scenario, tickMs = 500): EventsSim {
  let current = initial;
  let failed = 0;
  const timer = setInterval(() => {
    const body = JSON.stringify({ events: eventBatch(current, tickMs / 1000, Date.now() / 1000) });
    fetch(`${exporterUrl}/v1/events`, { method: "POST", headers: { "content-type": "application/json" }, body })
      .then((res) => { if (!res.ok) failed++; })
      .catch(() => { failed++; });
  }, tickMs);
  return {
    setScenario: (s) => { current = s; },
    failures: () => failed,
    stop: () => clearInterval(timer),
  };
}
