// Request bodies of the exporter benchmark: realistic events over the catalog's allow-lists.
import { agents, backups, errorTypes, features, llmModels } from "../../catalog/allowlists.ts";

/** The i-th event of a mix that walks every allow-list and every event type. */
export function event(i: number): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]) => xs[i % xs.length]!;
  const [provider, models] = pick(Object.entries(llmModels()));
  switch (i % 7) {
    case 0: return { type: "agent_run", agent: pick(agents()), durationSeconds: 0.4 + (i % 50) / 10, outcome: "success" };
    case 1: return { type: "llm_call", provider, model: pick(models), durationSeconds: 0.2 + (i % 30) / 10, outcome: "success" };
    case 2: return { type: "conversation_scored", agent: pick(agents()), score: (i % 101) / 100 };
    case 3: return { type: "feedback", rating: 1 + (i % 5) };
    case 4: return { type: "feature_used", feature: pick(features()) };
    case 5: return { type: "error", errorType: pick(errorTypes()) };
    default: return { type: "auth", outcome: i % 10 === 0 ? "failure" : "success" };
  }
}

export function singleEventBody(): string {
  return JSON.stringify(event(0));
}

export function batchBody(size: number): string {
  return JSON.stringify({ events: Array.from({ length: size }, (_, i) => event(i)) });
}

/** One backup event per allowed backup job and one unknown job: the backup series appear only then. */
export function backupBody(): string {
  const jobs = [...backups(), "not_in_the_allow_list"];
  return JSON.stringify({ events: jobs.map((backup) => ({ type: "backup", backup, outcome: "success" })) });
}
