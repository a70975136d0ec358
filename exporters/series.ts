// The bounded label space of the business exporter: for each catalog metric, every label set it
// may ever publish, from the catalog's allow-lists plus `other`. It serves three purposes:
// pre-creating zero series, mapping incoming values to label values, and the series-count bound
// that the privacy tests and the benchmark check.
import {
  agentOutcomes, agents, authOutcomes, backups, errorTypes, features, llmModels, llmOutcomes,
  otherLabelValue, ratings, rejectionReasons,
} from "../catalog/allowlists.ts";
import { histogramBuckets } from "../catalog/buckets.ts";
import { metrics } from "../catalog/metrics.ts";
import { crisisDetectors, crisisResources, crisisRiskLevels, crisisSources, emergencyContactResults } from "../catalog/safety.ts";
import type { MetricDef } from "../catalog/types.ts";

export type LabelSet = Record<string, string>;

/** The index of a label set in its metric's label space, or -1. */
export type Lookup = (a: string, b?: string, c?: string) => number;

/**
 * The index in `sets` of the label set for raw values given in the order of `labelNames`, or -1.
 * Each value is looked up among the values allowed at its place; a value that is not there (an
 * unknown agent, a model its provider does not serve) falls back to `other` where the label space
 * has it. Maps, not objects: `constructor` or `__proto__` never looks like an allowed value.
 */
export function lookup(labelNames: readonly string[], sets: readonly LabelSet[]): Lookup {
  type Node = Map<string, Node | number>;
  const depth = labelNames.length;
  if (depth < 1 || depth > 3) throw new Error(`lookup: ${depth} labels are not supported (1 to 3)`);
  const root: Node = new Map();
  sets.forEach((set, index) => {
    let node = root;
    labelNames.forEach((name, level) => {
      const value = set[name]!;
      if (level === depth - 1) node.set(value, index);
      else {
        if (!node.has(value)) node.set(value, new Map());
        node = node.get(value) as Node;
      }
    });
  });
  const other = otherLabelValue();
  const step = (node: Node | number | undefined, value: string) =>
    node instanceof Map ? node.get(value) ?? node.get(other) : undefined;
  return (a, b = "", c = "") => {
    let node = step(root, a);
    if (depth > 1) node = step(node, b);
    if (depth > 2) node = step(node, c);
    return typeof node === "number" ? node : -1;
  };
}

function withOther(values: readonly string[]): string[] {
  return [...values, otherLabelValue()];
}

function product(...parts: LabelSet[][]): LabelSet[] {
  return parts.reduce<LabelSet[]>((acc, part) => acc.flatMap((a) => part.map((b) => ({ ...a, ...b }))), [{}]);
}

const each = (label: string, values: readonly (string | number)[]): LabelSet[] => values.map((v) => ({ [label]: String(v) }));

function llmPairs(): LabelSet[] {
  const other = otherLabelValue();
  const pairs = Object.entries(llmModels()).flatMap(([provider, models]) =>
    withOther(models).map((model) => ({ provider, model })));
  return [...pairs, { provider: other, model: other }];
}

/** Every label set each business metric may publish, keyed by metric name. */
export function labelSpace(): Record<string, LabelSet[]> {
  const agentSets = each("agent", withOther(agents()));
  // Metrics fed by the same events share one array, so one lookup serves both.
  const llm = product(llmPairs(), each("outcome", llmOutcomes()));
  const backupSets = each("backup", withOther(backups()));
  return {
    xinliya_agent_processing_duration_seconds: product(agentSets, each("outcome", agentOutcomes())),
    xinliya_llm_request_duration_seconds: llm,
    xinliya_conversation_quality_score: agentSets,
    xinliya_llm_requests_total: llm,
    xinliya_feedback_ratings_total: each("rating", ratings()),
    xinliya_feature_usage_total: each("feature", withOther(features())),
    xinliya_errors_total: each("error_type", withOther(errorTypes())),
    xinliya_auth_attempts_total: each("outcome", authOutcomes()),
    xinliya_active_sessions: [{}],
    xinliya_concurrent_users: [{}],
    xinliya_backup_last_success_timestamp_seconds: backupSets,
    xinliya_backup_last_run_success: backupSets,
    xinliya_exporter_rejected_events_total: each("reason", rejectionReasons()),
    // Issue 14: closed lists, no `other` (a value outside them is an invalid event).
    xinliya_crisis_detected_total: product(each("source", crisisSources()), each("risk", crisisRiskLevels())),
    xinliya_crisis_takeovers_total: [{}],
    xinliya_crisis_takeover_duration_seconds: [{}],
    xinliya_crisis_waiting: [{}],
    xinliya_crisis_oldest_waiting_seconds: [{}],
    xinliya_emergency_contact_notifications_total: each("result", emergencyContactResults().all),
    xinliya_crisis_referrals_total: each("resource", crisisResources()),
    xinliya_usage_reminders_total: [{}],
    xinliya_long_sessions: [{}],
    xinliya_crisis_detector_heartbeats_total: each("detector", crisisDetectors()),
    xinliya_crisis_detector_checks_total: each("detector", crisisDetectors()),
  };
}

/**
 * Metrics whose series appear only with their first event. A zero would be a false statement:
 * "last success at 1970" or "last run failed" would page BackupMissing/BackupFailed for every
 * backup job each time the exporter restarts.
 */
export function notPreCreated(): string[] {
  return ["xinliya_backup_last_success_timestamp_seconds", "xinliya_backup_last_run_success"];
}

export function businessMetrics(): MetricDef[] {
  return metrics().filter((m) => m.source === "business_exporter");
}

/** Exposition lines (samples) per label set: a histogram has its buckets, +Inf, _sum and _count. */
export function linesPerSeries(def: MetricDef): number {
  if (def.type !== "histogram") return 1;
  const buckets = histogramBuckets()[def.name];
  if (buckets === undefined) throw new Error(`histogram ${def.name} has no buckets in catalog/buckets.ts`);
  return buckets.length + 3;
}

/** The most samples the business metrics can ever expose, given the allow-lists. */
export function sampleBound(): number {
  const space = labelSpace();
  return businessMetrics().reduce((sum, def) => sum + (space[def.name]?.length ?? 0) * linesPerSeries(def), 0);
}
