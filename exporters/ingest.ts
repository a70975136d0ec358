// Applying validated events to the metrics, all or nothing. A batch reaches this file only when
// schema.ts has accepted every one of its events. Then, in two passes:
//  1. resolve: every event's label set is looked up (allow-list or `other`); a failure here
//     throws before any metric has moved;
//  2. apply: numbers that the schema bounded go into series that exist; this cannot fail.
// So a batch is either applied whole or not at all.
import type { XinliyaEvent } from "./events.ts";
import type { ExporterMetrics } from "./metrics.ts";
import type { Lookup } from "./series.ts";
import { crisisIngest } from "./ingest-safety.ts";

export interface Ingest {
  /** Applies every event of a validated batch; `now` is the receipt time in Unix seconds. */
  apply(events: readonly XinliyaEvent[], now?: number): void;
}

export function createIngest(m: ExporterMetrics): Ingest {
  const agentDuration = m.histogram("xinliya_agent_processing_duration_seconds");
  const llmDuration = m.histogram("xinliya_llm_request_duration_seconds");
  const quality = m.histogram("xinliya_conversation_quality_score");
  const llmRequests = m.counter("xinliya_llm_requests_total");
  const ratings = m.counter("xinliya_feedback_ratings_total");
  const featureUsage = m.counter("xinliya_feature_usage_total");
  const errors = m.counter("xinliya_errors_total");
  const auth = m.counter("xinliya_auth_attempts_total");
  const activeSessions = m.gauge("xinliya_active_sessions");
  const concurrentUsers = m.gauge("xinliya_concurrent_users");
  const backupSuccess = m.gauge("xinliya_backup_last_run_success");
  const backupTimestamp = m.gauge("xinliya_backup_last_success_timestamp_seconds");

  // The two LLM metrics and the two backup gauges share their label sets.
  const agentRun: Lookup = m.lookup("xinliya_agent_processing_duration_seconds");
  const llmCall: Lookup = m.lookup("xinliya_llm_request_duration_seconds");
  const scored: Lookup = m.lookup("xinliya_conversation_quality_score");
  const rating: Lookup = m.lookup("xinliya_feedback_ratings_total");
  const feature: Lookup = m.lookup("xinliya_feature_usage_total");
  const errorType: Lookup = m.lookup("xinliya_errors_total");
  const authOutcome: Lookup = m.lookup("xinliya_auth_attempts_total");
  const backup: Lookup = m.lookup("xinliya_backup_last_run_success");
  const crisis = crisisIngest(m);
  // The last success only moves forward: a late or replayed event must not make it older.
  const lastSuccess = new Map<number, number>();
  // Series indexes of the batch being applied, reused from batch to batch (one thread, no await).
  let resolved = new Int32Array(1024);
  const NO_LABELS = 0; // the one series of an unlabelled metric

  function seriesOf(e: XinliyaEvent): number {
    switch (e.type) {
      case "agent_run": return agentRun(e.agent, e.outcome);
      case "llm_call": return llmCall(e.provider, e.model, e.outcome);
      case "conversation_scored": return scored(e.agent);
      case "feedback": return rating(String(e.rating));
      case "feature_used": return feature(e.feature);
      case "error": return errorType(e.errorType);
      case "auth": return authOutcome(e.outcome);
      case "sessions": return NO_LABELS;
      case "backup": return backup(e.backup);
      default: return crisis.seriesOf(e);
    }
  }

  function applyOne(e: XinliyaEvent, series: number, now: number): void {
    switch (e.type) {
      case "agent_run": return agentDuration.record(series, e.durationSeconds);
      case "llm_call":
        llmDuration.record(series, e.durationSeconds);
        return llmRequests.add(series, 1);
      case "conversation_scored": return quality.record(series, e.score);
      case "feedback": return ratings.add(series, 1);
      case "feature_used": return featureUsage.add(series, 1);
      case "error": return errors.add(series, 1);
      case "auth": return auth.add(series, 1);
      case "sessions":
        activeSessions.set(series, e.active);
        return concurrentUsers.set(series, e.users);
      case "backup": {
        const ok = e.outcome === "success";
        backupSuccess.set(series, ok ? 1 : 0);
        if (!ok) return;
        const at = Math.max(e.finishedAt ?? now, lastSuccess.get(series) ?? 0);
        lastSuccess.set(series, at);
        return backupTimestamp.set(series, at);
      }
      default: return crisis.apply(e, series);
    }
  }

  return {
    apply(events, now = Date.now() / 1000) {
      if (resolved.length < events.length) resolved = new Int32Array(events.length);
      for (let i = 0; i < events.length; i++) {
        const series = seriesOf(events[i]!);
        if (series < 0) throw new Error(`event ${i} (${events[i]!.type}) has no series: schema and label space disagree`);
        resolved[i] = series;
      }
      for (let i = 0; i < events.length; i++) applyOne(events[i]!, resolved[i]!, now);
    },
  };
}
