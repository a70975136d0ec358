// The crisis-pipeline events of issue 14 (exporters/events.ts), resolved and applied like the
// others: closed label lists from catalog/safety.ts, unlabelled metrics in their one series.
import type { XinliyaEvent } from "./events.ts";
import type { ExporterMetrics } from "./metrics.ts";

const NO_LABELS = 0;

export function crisisIngest(m: ExporterMetrics) {
  const detected = m.counter("xinliya_crisis_detected_total");
  const takeovers = m.counter("xinliya_crisis_takeovers_total");
  const takeoverDuration = m.histogram("xinliya_crisis_takeover_duration_seconds");
  const waiting = m.gauge("xinliya_crisis_waiting");
  const oldest = m.gauge("xinliya_crisis_oldest_waiting_seconds");
  const notifications = m.counter("xinliya_emergency_contact_notifications_total");
  const referrals = m.counter("xinliya_crisis_referrals_total");
  const reminders = m.counter("xinliya_usage_reminders_total");
  const longSessions = m.gauge("xinliya_long_sessions");
  const heartbeats = m.counter("xinliya_crisis_detector_heartbeats_total");
  const checks = m.counter("xinliya_crisis_detector_checks_total");
  const bySource = m.lookup("xinliya_crisis_detected_total");
  const byResult = m.lookup("xinliya_emergency_contact_notifications_total");
  const byResource = m.lookup("xinliya_crisis_referrals_total");
  const byDetector = m.lookup("xinliya_crisis_detector_heartbeats_total");

  return {
    seriesOf(e: XinliyaEvent): number {
      switch (e.type) {
        case "crisis_detected": return bySource(e.source, e.risk);
        case "emergency_contact": return byResult(e.result);
        case "crisis_referral": return byResource(e.resource);
        case "detector_heartbeat": case "detector_checks": return byDetector(e.detector);
        case "crisis_takeover": case "crisis_queue": case "usage_reminder": case "long_sessions": return NO_LABELS;
        default: return -1;
      }
    },
    apply(e: XinliyaEvent, series: number): void {
      switch (e.type) {
        case "crisis_detected": return detected.add(series, 1);
        case "crisis_takeover":
          takeovers.add(series, 1);
          return takeoverDuration.record(series, e.durationSeconds);
        case "crisis_queue":
          waiting.set(series, e.waiting);
          return oldest.set(series, e.oldestWaitingSeconds);
        case "emergency_contact": return notifications.add(series, 1);
        case "crisis_referral": return referrals.add(series, 1);
        case "usage_reminder": return reminders.add(series, 1);
        case "long_sessions": return longSessions.set(series, e.count);
        case "detector_heartbeat": return heartbeats.add(series, 1);
        case "detector_checks": return checks.add(series, e.messages);
        default: return undefined;
      }
    },
  };
}
