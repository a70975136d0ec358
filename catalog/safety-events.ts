// The crisis-pipeline events (issue 14), declared like every other business event
// (catalog/business-events.ts): counts and durations only, never text, never an id; every label
// from a closed list of catalog/safety.ts (a value outside it is an invalid event, 400).
import type { BusinessEvent, EventField } from "./business-events.ts";
import { crisisDetectors, crisisResources, crisisRiskLevels, crisisSources, emergencyContactResults } from "./safety.ts";

const oneOf = (values: readonly (string | number)[]): EventField => ({ kind: "enum", values });
// A day is far beyond any wait for a counsellor; a larger number is a unit mistake.
const duration = (): EventField => ({ kind: "number", min: 0, max: 86_400 });
const count = (): EventField => ({ kind: "integer", min: 0, max: 1_000_000_000 });

export function safetyEvents(): BusinessEvent[] {
  return [
    {
      type: "crisis_detected",
      fields: { source: oneOf(crisisSources()), risk: oneOf(crisisRiskLevels()) },
      feeds: [{ metric: "xinliya_crisis_detected_total", labels: { source: "source", risk: "risk" }, update: { op: "inc" } }],
    },
    {
      type: "crisis_takeover",
      fields: { durationSeconds: duration() },
      feeds: [
        { metric: "xinliya_crisis_takeovers_total", labels: {}, update: { op: "inc" } },
        { metric: "xinliya_crisis_takeover_duration_seconds", labels: {}, update: { op: "observe", field: "durationSeconds" } },
      ],
    },
    {
      // A snapshot the backend reports: absent after a restart until the next one.
      type: "crisis_queue",
      fields: { waiting: count(), oldestWaitingSeconds: duration() },
      feeds: [
        { metric: "xinliya_crisis_waiting", labels: {}, update: { op: "set", field: "waiting" } },
        { metric: "xinliya_crisis_oldest_waiting_seconds", labels: {}, update: { op: "set", field: "oldestWaitingSeconds" } },
      ],
    },
    {
      type: "emergency_contact",
      fields: { result: oneOf(emergencyContactResults().all) },
      feeds: [{ metric: "xinliya_emergency_contact_notifications_total", labels: { result: "result" }, update: { op: "inc" } }],
    },
    {
      type: "crisis_referral",
      fields: { resource: oneOf(crisisResources()) },
      feeds: [{ metric: "xinliya_crisis_referrals_total", labels: { resource: "resource" }, update: { op: "inc" } }],
    },
    {
      type: "usage_reminder",
      fields: {},
      feeds: [{ metric: "xinliya_usage_reminders_total", labels: {}, update: { op: "inc" } }],
    },
    {
      type: "long_sessions",
      fields: { count: count() },
      feeds: [{ metric: "xinliya_long_sessions", labels: {}, update: { op: "set", field: "count" } }],
    },
    {
      type: "detector_heartbeat",
      fields: { detector: oneOf(crisisDetectors()) },
      feeds: [{ metric: "xinliya_crisis_detector_heartbeats_total", labels: { detector: "detector" }, update: { op: "inc" } }],
    },
    {
      // The number of user messages a detector screened since its last report.
      type: "detector_checks",
      fields: { detector: oneOf(crisisDetectors()), messages: count() },
      feeds: [{ metric: "xinliya_crisis_detector_checks_total", labels: { detector: "detector" }, update: { op: "add", field: "messages" } }],
    },
  ];
}
