// Histogram buckets of the business exporter, one layout per quantity. The ops-guide thresholds
// (API 2 s, agent 5 s) are added to the duration layouts from catalog/thresholds.ts, so an alert
// or a panel that compares a quantile with its target reads an exact bucket bound, and a changed
// target moves the bound with it.
import { safetyTarget } from "./safety.ts";
import { target } from "./thresholds.ts";

/** The sorted, de-duplicated union of a base layout and the thresholds that must be bounds. */
function withBounds(base: number[], ...bounds: number[]): number[] {
  return [...new Set([...base, ...bounds])].sort((a, b) => a - b);
}

/**
 * The backend's HTTP histogram (`http_server_request_duration_seconds`): OpenTelemetry's default
 * duration buckets (seconds) with the API target as a bound. The API's bucket records are sharded
 * over these (alerts/api-buckets.ts); the stack's simulator exposes them.
 */
export function backendHistogramBuckets(): number[] {
  return withBounds([0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10], target("apiLatencyP95"));
}

/**
 * Buckets by histogram name (the catalog's `MetricDef.name`). Every business histogram has an
 * entry; the exporter refuses to start otherwise.
 */
export function histogramBuckets(): Record<string, number[]> {
  const api = target("apiLatencyP95");
  const agent = target("agentProcessingP95");
  return {
    // An agent answers in about a second; a slow one takes tens of seconds (tools, retries).
    xinliya_agent_processing_duration_seconds: withBounds([0.25, 0.5, 1, 1.5, 3, 7.5, 10, 15, 30, 60], api, agent),
    // One LLM call: fast small models from 0.1 s, long streamed answers up to two minutes.
    xinliya_llm_request_duration_seconds: withBounds([0.1, 0.25, 0.5, 1, 3, 10, 20, 30, 60, 120], api, agent),
    // A score in [0, 1]: ten equal steps; the mean (sum / count) is exact whatever the buckets.
    xinliya_conversation_quality_score: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
    // Crisis takeover: seconds to tens of minutes; the p95 target and the maximum are exact bounds.
    xinliya_crisis_takeover_duration_seconds: withBounds([10, 30, 60, 90, 240, 600, 1200, 1800],
      safetyTarget("crisisTakeoverP95"), safetyTarget("crisisOldestWaiting"), safetyTarget("crisisTakeoverMax")),
  };
}

/**
 * The bucket bounds each SLI needs: "share slower than the target" is read from the bucket whose
 * bound is the target, never interpolated. HistogramBucketMissing fires when a histogram lacks it.
 */
export function sliBucketBounds(): Record<string, number[]> {
  return {
    http_server_request_duration_seconds: [target("apiLatencyP95")],
    xinliya_agent_processing_duration_seconds: [target("agentProcessingP95")],
  };
}
