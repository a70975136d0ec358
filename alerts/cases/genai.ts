// promtool cases of the GenAI rules (alerts/genai.ts), written from the failures: a backend whose
// token spending runs away, a provider answering 429, a provider slow to start streaming. The
// time-to-first-token cases run once per export form, so each name is proven to work.
import { duration, seconds } from "../../catalog/duration.ts";
import { genAiExportPaths, genAiLabels, genAiTargets } from "../../catalog/genai.ts";
import { jobs } from "../../catalog/selectors.ts";
import { forDurations, latencyQuantile } from "../../catalog/targets.ts";
import { TEST_INTERVAL, counterValues, humanize, humanizeDuration, humanizePercentage, quantileBuckets, series } from "../testing.ts";
import type { RuleContext, RuleTestCase, SeriesDef } from "../types.ts";

const l = genAiLabels();
const at = (minutes: number) => duration(minutes * 60);
const forMin = (alert: string) => seconds(forDurations()[alert]!) / 60;

function backend(ctx: RuleContext) {
  return { job: jobs(ctx.env).backend, instance: "app-a:8000" };
}

/** deepseek-chat input tokens a minute (2 CNY per million: 1 000 000 a minute is 120 CNY an hour). */
function tokens(ctx: RuleContext, perMinute: number, minutes: number): SeriesDef[] {
  const labels = { ...backend(ctx), [l.provider]: "deepseek", [l.model]: "deepseek-chat", [l.operation]: "chat" };
  return [
    { series: series(`${genAiExportPaths().tokenUsage}_sum`, { ...labels, [l.tokenType]: "input" }), values: counterValues([{ perMinute, minutes }]) },
    // An unpriced model's tokens are counted, not costed.
    { series: series(`${genAiExportPaths().tokenUsage}_sum`, { ...labels, [l.model]: "unpriced-model", [l.tokenType]: "output" }), values: counterValues([{ perMinute, minutes }]) },
  ];
}
const cnyPerHour = (perMinute: number) => (perMinute / 60) * ((2 * 3600) / 1e6);

function budgetCases(ctx: RuleContext): RuleTestCase[] {
  const job = jobs(ctx.env).backend;
  const t = genAiTargets();
  const burnFor = forMin("LlmBudgetBurnHigh");
  const dayFor = forMin("LlmBudgetExhaustedBeforeDayEnd");
  return [
    {
      name: "LLM budget: 60 CNY an hour, well within the 2000 CNY day, stays silent (quiet neighbour)",
      interval: TEST_INTERVAL,
      series: tokens(ctx, 500_000, 180),
      expect: [
        { at: at(150), alert: "LlmBudgetBurnHigh", firing: [] },
        { at: at(150), alert: "LlmBudgetExhaustedBeforeDayEnd", firing: [] },
      ],
    },
    {
      // Promtool's clock starts at 08:00 Beijing time: 8 h of the day gone, 16 h left, all at 120 CNY/h.
      name: "LlmBudgetExhaustedBeforeDayEnd: a prompt change doubles the context, 120 CNY an hour projects 2880 CNY for the day",
      interval: TEST_INTERVAL,
      series: tokens(ctx, 1_000_000, 120),
      expect: [
        { at: at(dayFor - 5), alert: "LlmBudgetExhaustedBeforeDayEnd", firing: [] },
        { at: at(dayFor + 10), alert: "LlmBudgetExhaustedBeforeDayEnd", firing: [{ labels: { job }, value: "" /* not shown: the day's mean includes the first, partial windows */ }] },
        // 120 CNY/h is below twice the even pace (166.7 CNY/h): no burn alert.
        { at: at(dayFor + 10), alert: "LlmBudgetBurnHigh", firing: [] },
      ],
    },
    {
      name: `LlmBudgetBurnHigh: a retry loop spends 240 CNY an hour, over ${t.budgetBurnFactor}× the even pace`,
      interval: TEST_INTERVAL,
      series: tokens(ctx, 2_000_000, 120),
      expect: [
        { at: at(burnFor - 5), alert: "LlmBudgetBurnHigh", firing: [] },
        // From minute 65 the hour's mean holds only full-window rates: the exact 240 CNY/h.
        { at: at(75), alert: "LlmBudgetBurnHigh", firing: [{ labels: { job }, value: humanize(cnyPerHour(2_000_000)) }] },
      ],
    },
  ];
}

/** Calls of a provider a minute, `limited` of them refused with `errorType`, in one export form. */
function calls(ctx: RuleContext, name: string, provider: string, perMinute: number, limited: number, errorType: string): SeriesDef[] {
  const labels = { ...backend(ctx), [l.provider]: provider, [l.model]: "qwen-plus", [l.operation]: "chat" };
  return [
    { series: series(`${name}_count`, labels), values: counterValues([{ perMinute: perMinute - limited, minutes: 40 }]) },
    { series: series(`${name}_count`, { ...labels, [l.error]: errorType }), values: counterValues([{ perMinute: limited, minutes: 40 }]) },
  ];
}

function rateLimitCases(ctx: RuleContext): RuleTestCase[] {
  const job = jobs(ctx.env).backend;
  const f = forMin("LlmProviderRateLimited");
  const d = genAiExportPaths().duration;
  return [
    {
      name: "LlmProviderRateLimited: 2 % refused by a provider stays silent (quiet neighbour)",
      interval: TEST_INTERVAL,
      series: calls(ctx, d["otel-prometheus-exporter"], "dashscope", 100, 2, "429"),
      expect: [{ at: at(f + 5), alert: "LlmProviderRateLimited", firing: [] }],
    },
    {
      name: "LlmProviderRateLimited: the account ran out of credit, 30 % insufficient_quota at one provider, the other answers (OTLP names)",
      interval: TEST_INTERVAL,
      series: [...calls(ctx, d.otlp, "dashscope", 100, 30, "insufficient_quota"), ...calls(ctx, d.otlp, "deepseek", 100, 0, "429")],
      expect: [
        { at: at(f - 1), alert: "LlmProviderRateLimited", firing: [] },
        { at: at(f + 5), alert: "LlmProviderRateLimited", firing: [{ labels: { job, [l.provider]: "dashscope" }, value: humanizePercentage(0.3) }] },
      ],
    },
  ];
}

function ttftCases(ctx: RuleContext): RuleTestCase[] {
  const job = jobs(ctx.env).backend;
  const f = forMin("LlmTimeToFirstTokenSlow");
  const target = genAiTargets().timeToFirstTokenP95;
  const labels = (provider: string) => ({ ...backend(ctx), [l.provider]: provider, [l.model]: "deepseek-chat", [l.operation]: "chat" });
  const slow = target + 0.5;
  return Object.entries(genAiExportPaths().timeToFirstChunk).flatMap(([form, name]) => [
    {
      name: `LlmTimeToFirstTokenSlow (${form}, ${name}): the provider's queue makes the first token take ${slow} s at p95; another provider is fast`,
      interval: TEST_INTERVAL,
      series: [
        ...quantileBuckets(name, labels("deepseek"), latencyQuantile(), slow, f + 10),
        ...quantileBuckets(name, labels("dashscope"), latencyQuantile(), target - 0.5, f + 10),
      ],
      expect: [
        { at: at(f - 1), alert: "LlmTimeToFirstTokenSlow", firing: [] },
        { at: at(f + 2), alert: "LlmTimeToFirstTokenSlow", firing: [{ labels: { job, [l.provider]: "deepseek" }, value: humanizeDuration(slow) }] },
      ],
    },
    {
      name: `LlmTimeToFirstTokenSlow (${form}, ${name}): ${target - 0.5} s at p95 stays silent (quiet neighbour)`,
      interval: TEST_INTERVAL,
      series: quantileBuckets(name, labels("deepseek"), latencyQuantile(), target - 0.5, f + 10),
      expect: [{ at: at(f + 2), alert: "LlmTimeToFirstTokenSlow", firing: [] }],
    },
  ]);
}

export function genAiTests(ctx: RuleContext): RuleTestCase[] {
  return [...budgetCases(ctx), ...rateLimitCases(ctx), ...ttftCases(ctx)];
}
