// The metrics of the crisis pipeline (issue 14), posted by the backend as events to the business
// exporter. Counts and durations only: no text, no user, session or conversation id in any label;
// every label value is from a closed list of catalog/safety.ts.
import type { MetricDef, MetricType, MetricUnit } from "./types.ts";

const m = (type: MetricType, name: string, unit: MetricUnit, labels: string[], help: string): MetricDef =>
  ({ name, type, unit, labels, source: "business_exporter", help });

export function safetyMetrics(): MetricDef[] {
  return [
    m("counter", "xinliya_crisis_detected_total", "short", ["source", "risk"],
      "Crises detected, by who raised them (model or user) and risk level."),
    m("counter", "xinliya_crisis_takeovers_total", "short", [], "Crises taken over by a human counsellor."),
    m("histogram", "xinliya_crisis_takeover_duration_seconds", "s", [],
      "Time from a crisis being detected to a counsellor accepting it."),
    m("gauge", "xinliya_crisis_waiting", "short", [], "Crises waiting for a human counsellor now."),
    m("gauge", "xinliya_crisis_oldest_waiting_seconds", "s", [],
      "Age of the oldest crisis still waiting for a human (0 when none waits)."),
    m("counter", "xinliya_emergency_contact_notifications_total", "short", ["result"],
      "Notifications of a guardian or emergency contact, by result."),
    m("counter", "xinliya_crisis_referrals_total", "short", ["resource"], "Referrals to a crisis resource."),
    m("counter", "xinliya_usage_reminders_total", "short", [], "Continuous-use reminders shown."),
    m("gauge", "xinliya_long_sessions", "short", [], "Sessions in continuous use for longer than the reminder limit."),
    m("counter", "xinliya_crisis_detector_heartbeats_total", "short", ["detector"], "Heartbeats of each crisis detector."),
    m("counter", "xinliya_crisis_detector_checks_total", "short", ["detector"], "User messages each crisis detector screened."),
  ];
}
