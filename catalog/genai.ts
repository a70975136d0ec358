// LLM tokens and cost on the OpenTelemetry GenAI semantic conventions (issue 14), exposed by the
// backend. Pure data: the metric names of both export paths, the attributes, bucket advice, the
// price table with the date it was taken, the daily budget and the alert numbers.
import type { MetricDef, MetricUnit } from "./types.ts";

/** OTel attributes in their Prometheus form (dots become underscores). */
export function genAiLabels() {
  return {
    provider: "gen_ai_provider_name", // not the deprecated gen_ai.system
    model: "gen_ai_request_model",
    operation: "gen_ai_operation_name",
    error: "error_type",
    tokenType: "gen_ai_token_type",
  } as const;
}

/**
 * Which names the backend's export path writes. The OTel Prometheus exporter writes the
 * instrument name (`gen_ai_client_operation_duration`); the OTLP → Prometheus translation adds the
 * unit (`…_seconds`). `{token}` is an annotation, dropped by both, so token usage has one name.
 * The recording rules accept both forms (alerts/genai.ts); the dashboards and alerts read the rules.
 */
export function genAiExportPaths() {
  return {
    current: "otel-prometheus-exporter" as const,
    duration: { "otel-prometheus-exporter": "gen_ai_client_operation_duration", otlp: "gen_ai_client_operation_duration_seconds" },
    timeToFirstChunk: {
      "otel-prometheus-exporter": "gen_ai_client_operation_time_to_first_chunk",
      otlp: "gen_ai_client_operation_time_to_first_chunk_seconds",
    },
    tokenUsage: "gen_ai_client_token_usage",
  };
}

/** The semantic conventions' explicit bucket advice. */
export function genAiBuckets() {
  return {
    duration: [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92],
    tokens: [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864],
  };
}

export function genAiMetrics(): MetricDef[] {
  const l = genAiLabels();
  const p = genAiExportPaths();
  const op = [l.provider, l.model, l.operation, l.error];
  const h = (name: string, unit: MetricUnit, labels: string[], help: string): MetricDef =>
    ({ name, type: "histogram", unit, labels, source: "backend", help });
  return [
    h(p.tokenUsage, "short", [l.provider, l.model, l.operation, l.tokenType], "OTel gen_ai.client.token.usage: tokens per LLM call, input or output."),
    ...Object.values(p.duration).map((n) => h(n, "s", op, "OTel gen_ai.client.operation.duration: duration of an LLM call.")),
    ...Object.values(p.timeToFirstChunk).map((n) => h(n, "s", op, "OTel gen_ai.client.operation.time_to_first_chunk: time to the first token.")),
  ];
}

/** `error.type` values that mean the provider refused for rate or quota (HTTP 429, OpenAI's insufficient_quota). */
export function rateLimitErrorTypes(): string[] {
  return ["429", "rate_limit_exceeded", "insufficient_quota"];
}

export interface ModelPrice {
  provider: string;
  model: string;
  /** CNY per million tokens. */
  input: number;
  output: number;
}

/**
 * List prices in CNY per million tokens, as recorded by the team on the date below (the vendors'
 * public price pages; cache hits and discounts not counted). Check them before trusting a figure.
 */
export function priceTable(): { takenOn: string; prices: ModelPrice[] } {
  return {
    takenOn: "2026-12-01",
    prices: [
      { provider: "deepseek", model: "deepseek-chat", input: 2, output: 3 },
      { provider: "deepseek", model: "deepseek-reasoner", input: 2, output: 3 },
      { provider: "dashscope", model: "qwen-max", input: 2.4, output: 9.6 },
      { provider: "dashscope", model: "qwen-plus", input: 0.8, output: 2 },
      { provider: "dashscope", model: "qwen-turbo", input: 0.3, output: 0.6 },
      { provider: "zhipu", model: "glm-4-plus", input: 5, output: 5 },
      { provider: "moonshot", model: "moonshot-v1-8k", input: 12, output: 12 },
    ],
  };
}

/** The team's numbers for LLM spending and latency. */
export function genAiTargets() {
  return {
    /** CNY a day: the finance team's LLM budget. */
    dailyBudgetCny: 2000,
    /** P2 when the last hour spends faster than this multiple of the even pace (budget / 24 h). */
    budgetBurnFactor: 2,
    /** Share of a provider's calls refused for rate or quota (P1). */
    rateLimitShare: 0.05,
    /** p95 time to first token, seconds (P1): users feel it more than total duration; the API's 2 s. */
    timeToFirstTokenP95: 2,
    /** The day of the budget ends at midnight in this offset from UTC (Beijing, +8 h), seconds. */
    dayOffsetSeconds: 8 * 3600,
  };
}

/** Numbers the GenAI rules contain, for the expression lint (catalog/thresholds.ts catalogNumbers). */
export function genAiNumbers(): number[] {
  const t = genAiTargets();
  const perHour = (cnyPerMillion: number) => (cnyPerMillion * 3600) / 1e6;
  return [
    t.dailyBudgetCny, (t.dailyBudgetCny / 24) * t.budgetBurnFactor, t.rateLimitShare, t.timeToFirstTokenP95, t.dayOffsetSeconds,
    // The projection compares CNY·s/h with the budget × 3600 (alerts/genai.ts projectedDaySpend), over a day of 86400 s.
    t.dailyBudgetCny * 3600, 86400,
    ...priceTable().prices.flatMap((p) => [perHour(p.input), perHour(p.output)]),
  ];
}
