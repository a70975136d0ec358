// The events the Xinliya backend posts, as a table: each type, its fields and what bounds them.
// schema.ts turns the table into the JSON Schema that validates every request; ingest.ts applies
// validated events. Label-valued fields are free identifiers bounded by length here and mapped to
// the catalog's allow-lists (or `other`) in series.ts; closed sets come from the catalog too.
import {
  agentOutcomes, authOutcomes, backupOutcomes, llmOutcomes, ratings,
} from "../catalog/allowlists.ts";
import { crisisDetectors, crisisResources, crisisRiskLevels, crisisSources, emergencyContactResults } from "../catalog/safety.ts";

/** A JSON Schema fragment for one field. */
export type FieldSchema = Record<string, unknown>;

export interface FieldSpec {
  schema: FieldSchema;
  required: boolean;
}

export type EventType =
  | "agent_run" | "llm_call" | "conversation_scored" | "feedback" | "feature_used" | "error"
  | "auth" | "sessions" | "backup"
  // Issue 14, the crisis pipeline: counts and durations only, every label from a closed list.
  | "crisis_detected" | "crisis_takeover" | "crisis_queue" | "emergency_contact" | "crisis_referral"
  | "usage_reminder" | "long_sessions" | "detector_heartbeat" | "detector_checks";

export interface AgentRunEvent { type: "agent_run"; agent: string; durationSeconds: number; outcome: string }
export interface LlmCallEvent { type: "llm_call"; provider: string; model: string; durationSeconds: number; outcome: string }
export interface ConversationScoredEvent { type: "conversation_scored"; agent: string; score: number }
export interface FeedbackEvent { type: "feedback"; rating: number }
export interface FeatureUsedEvent { type: "feature_used"; feature: string }
export interface ErrorEvent { type: "error"; errorType: string }
export interface AuthEvent { type: "auth"; outcome: string }
export interface SessionsEvent { type: "sessions"; active: number; users: number }
export interface BackupEvent { type: "backup"; backup: string; outcome: string; finishedAt?: number }

export interface CrisisDetectedEvent { type: "crisis_detected"; source: string; risk: string }
export interface CrisisTakeoverEvent { type: "crisis_takeover"; durationSeconds: number }
export interface CrisisQueueEvent { type: "crisis_queue"; waiting: number; oldestWaitingSeconds: number }
export interface EmergencyContactEvent { type: "emergency_contact"; result: string }
export interface CrisisReferralEvent { type: "crisis_referral"; resource: string }
export interface UsageReminderEvent { type: "usage_reminder" }
export interface LongSessionsEvent { type: "long_sessions"; count: number }
export interface DetectorHeartbeatEvent { type: "detector_heartbeat"; detector: string }
export interface DetectorChecksEvent { type: "detector_checks"; detector: string; messages: number }

export type XinliyaEvent =
  | AgentRunEvent | LlmCallEvent | ConversationScoredEvent | FeedbackEvent | FeatureUsedEvent
  | ErrorEvent | AuthEvent | SessionsEvent | BackupEvent
  | CrisisDetectedEvent | CrisisTakeoverEvent | CrisisQueueEvent | EmergencyContactEvent | CrisisReferralEvent
  | UsageReminderEvent | LongSessionsEvent | DetectorHeartbeatEvent | DetectorChecksEvent;

/** Longest accepted identifier; anything longer is no name of ours and rejects the event. */
export function maxIdentifierLength(): number {
  return 128;
}

const required = (schema: FieldSchema): FieldSpec => ({ schema, required: true });
const optional = (schema: FieldSchema): FieldSpec => ({ schema, required: false });
const identifier = () => required({ type: "string", minLength: 1, maxLength: maxIdentifierLength() });
const oneOf = (values: readonly (string | number)[]) => required({ enum: [...values] });
// A day is far beyond any agent run or LLM call; a larger number is a unit mistake.
const duration = () => required({ type: "number", minimum: 0, maximum: 86_400 });
const count = () => required({ type: "integer", minimum: 0, maximum: 1_000_000_000 });

/** The event table of the README, as data. */
export function eventFields(): Record<EventType, Record<string, FieldSpec>> {
  return {
    agent_run: { agent: identifier(), durationSeconds: duration(), outcome: oneOf(agentOutcomes()) },
    llm_call: {
      provider: identifier(), model: identifier(), durationSeconds: duration(), outcome: oneOf(llmOutcomes()),
    },
    conversation_scored: { agent: identifier(), score: required({ type: "number", minimum: 0, maximum: 1 }) },
    feedback: { rating: oneOf(ratings()) },
    feature_used: { feature: identifier() },
    error: { errorType: identifier() },
    auth: { outcome: oneOf(authOutcomes()) },
    sessions: { active: count(), users: count() },
    backup: {
      backup: identifier(),
      outcome: oneOf(backupOutcomes()),
      // Unix time in seconds, between 2000-01-01 and 2100-01-01; defaults to the time of receipt.
      finishedAt: optional({ type: "number", minimum: 946_684_800, maximum: 4_102_444_800 }),
    },
    crisis_detected: { source: oneOf(crisisSources()), risk: oneOf(crisisRiskLevels()) },
    crisis_takeover: { durationSeconds: duration() },
    crisis_queue: { waiting: count(), oldestWaitingSeconds: duration() },
    emergency_contact: { result: oneOf(emergencyContactResults().all) },
    crisis_referral: { resource: oneOf(crisisResources()) },
    usage_reminder: {},
    long_sessions: { count: count() },
    detector_heartbeat: { detector: oneOf(crisisDetectors()) },
    detector_checks: { detector: oneOf(crisisDetectors()), messages: count() },
  };
}

export function eventTypes(): EventType[] {
  return Object.keys(eventFields()) as EventType[];
}
