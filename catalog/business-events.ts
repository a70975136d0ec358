// The events the Xinliya backend posts to the business exporter, and which business metric each
// one feeds: the fields with their types and ranges, which field becomes which bounded label, and
// how the metric moves. Pure data. The exporter derives everything from this file: its JSON
// Schema, its label space (allow-list + `other`), its ingest mapping and what it keeps across a
// restart; the stack's simulator derives its events from it too. Metric names, types, help and
// label names are declared in metrics.ts, label values in allowlists.ts, buckets in buckets.ts.
import {
  agentOutcomes, agents, authOutcomes, backupOutcomes, backups, errorTypes, features, llmModels,
  llmOutcomes, ratings, rejectionReasons,
} from "./allowlists.ts";
import { safetyEvents } from "./safety-events.ts";

/** One field of an event. Every event also has `type`. */
export type EventField =
  /** A free identifier (1–128 characters); as a label, a value outside `allowed` counts as `other`. */
  | { kind: "identifier"; allowed: readonly string[] }
  /** An identifier whose allowed values depend on another field (models per provider). */
  | { kind: "identifierPer"; of: string; allowed: Readonly<Record<string, readonly string[]>> }
  /** A closed set: a value outside it is an invalid event (400). */
  | { kind: "enum"; values: readonly (string | number)[] }
  | { kind: "number"; min: number; max: number }
  | { kind: "integer"; min: number; max: number }
  /** Unix time in seconds, optional (default: time of receipt); later than now + skew is a 400. */
  | { kind: "unixSeconds"; optional: true };

/** How an accepted event moves its metric. */
export type MetricUpdate =
  /** counter + 1 */
  | { op: "inc" }
  /** counter + a count field (a batch the backend counted, e.g. messages screened) */
  | { op: "add"; field: string }
  /** histogram observation of a numeric field */
  | { op: "observe"; field: string }
  /** gauge = field: a snapshot of live state, absent after a restart until the next snapshot */
  | { op: "set"; field: string }
  /** gauge = 1 when `field` equals `equals`, else 0: a fact about a finished run, kept across restarts */
  | { op: "flag"; field: string; equals: string }
  /** gauge = time field (or receipt time) when `when` holds; never moves backwards; kept across restarts */
  | { op: "latest"; field: string; when: { field: string; equals: string } };

export interface MetricFeed {
  /** A business_exporter metric of catalog/metrics.ts. */
  metric: string;
  /** Label name (as in metrics.ts) → the event field whose value it takes. */
  labels: Readonly<Record<string, string>>;
  update: MetricUpdate;
}

export interface BusinessEvent {
  /** The value of the event's `type` field. */
  type: string;
  fields: Readonly<Record<string, EventField>>;
  feeds: readonly MetricFeed[];
}

const identifier = (allowed: readonly string[]): EventField => ({ kind: "identifier", allowed });
const oneOf = (values: readonly (string | number)[]): EventField => ({ kind: "enum", values });
// A day is far beyond any agent run or LLM call; a larger number is a unit mistake.
const duration = (): EventField => ({ kind: "number", min: 0, max: 86_400 });
const count = (): EventField => ({ kind: "integer", min: 0, max: 1_000_000_000 });

/** Every event type and the metrics it feeds. A business metric is fed by exactly one event. */
export function businessEvents(): BusinessEvent[] {
  return [
    {
      type: "agent_run",
      fields: { agent: identifier(agents()), durationSeconds: duration(), outcome: oneOf(agentOutcomes()) },
      feeds: [{ metric: "xinliya_agent_processing_duration_seconds", labels: { agent: "agent", outcome: "outcome" }, update: { op: "observe", field: "durationSeconds" } }],
    },
    {
      type: "llm_call",
      fields: {
        provider: identifier(Object.keys(llmModels())),
        model: { kind: "identifierPer", of: "provider", allowed: llmModels() },
        durationSeconds: duration(),
        outcome: oneOf(llmOutcomes()),
      },
      feeds: [
        { metric: "xinliya_llm_request_duration_seconds", labels: { provider: "provider", model: "model", outcome: "outcome" }, update: { op: "observe", field: "durationSeconds" } },
        { metric: "xinliya_llm_requests_total", labels: { provider: "provider", model: "model", outcome: "outcome" }, update: { op: "inc" } },
      ],
    },
    {
      type: "conversation_scored",
      fields: { agent: identifier(agents()), score: { kind: "number", min: 0, max: 1 } },
      feeds: [{ metric: "xinliya_conversation_quality_score", labels: { agent: "agent" }, update: { op: "observe", field: "score" } }],
    },
    {
      type: "feedback",
      fields: { rating: oneOf(ratings()) },
      feeds: [{ metric: "xinliya_feedback_ratings_total", labels: { rating: "rating" }, update: { op: "inc" } }],
    },
    {
      type: "feature_used",
      fields: { feature: identifier(features()) },
      feeds: [{ metric: "xinliya_feature_usage_total", labels: { feature: "feature" }, update: { op: "inc" } }],
    },
    {
      type: "error",
      fields: { errorType: identifier(errorTypes()) },
      feeds: [{ metric: "xinliya_errors_total", labels: { error_type: "errorType" }, update: { op: "inc" } }],
    },
    {
      type: "auth",
      fields: { outcome: oneOf(authOutcomes()) },
      feeds: [{ metric: "xinliya_auth_attempts_total", labels: { outcome: "outcome" }, update: { op: "inc" } }],
    },
    {
      type: "sessions",
      fields: { active: count(), users: count() },
      feeds: [
        { metric: "xinliya_active_sessions", labels: {}, update: { op: "set", field: "active" } },
        { metric: "xinliya_concurrent_users", labels: {}, update: { op: "set", field: "users" } },
      ],
    },
    {
      type: "backup",
      fields: { backup: identifier(backups()), outcome: oneOf(backupOutcomes()), finishedAt: { kind: "unixSeconds", optional: true } },
      feeds: [
        { metric: "xinliya_backup_last_run_success", labels: { backup: "backup" }, update: { op: "flag", field: "outcome", equals: "success" } },
        {
          metric: "xinliya_backup_last_success_timestamp_seconds", labels: { backup: "backup" },
          update: { op: "latest", field: "finishedAt", when: { field: "outcome", equals: "success" } },
        },
      ],
    },
    ...safetyEvents(),
  ];
}

/** The exporter's own counter of rejected events, by reason (not fed by an event). */
export function rejectionMetric(): { metric: string; label: string; values: string[] } {
  return { metric: "xinliya_exporter_rejected_events_total", label: "reason", values: rejectionReasons() };
}

/** Longest accepted identifier; anything longer is no name of ours and rejects the event. */
export function maxIdentifierLength(): number {
  return 128;
}

/** How far in the future a `unixSeconds` field may be (clock skew between hosts), in seconds. */
export function maxClockSkewSeconds(): number {
  return 300;
}

/** The earliest accepted `unixSeconds` value: 2000-01-01. */
export function minUnixSeconds(): number {
  return 946_684_800;
}
