// Failure scenarios of the agents and the LLM providers (items 1, 7, 10, 15), from the business
// exporter's series: agent runs by outcome, LLM calls by provider, model and outcome.
import { jobs } from "../../catalog/selectors.ts";
import type { RuleContext, SeriesDef } from "../types.ts";
import { counter, exporter } from "./raw.ts";
import type { FailureScenario, ScenarioFile } from "./types.ts";

const MINUTES = 40;

/** Runs of one agent per minute by outcome, for the whole scenario. */
function runs(ctx: RuleContext, agent: string, perOutcome: Record<string, number>): SeriesDef[] {
  return Object.entries(perOutcome).map(([outcome, n]) =>
    counter("xinliya_agent_processing_duration_seconds_count", { ...exporter(ctx), agent, outcome }, [{ minutes: MINUTES, perMinute: n }]));
}

/** LLM calls of one provider and model per minute by outcome. */
function calls(ctx: RuleContext, provider: string, model: string, perOutcome: Record<string, number>): SeriesDef[] {
  return Object.entries(perOutcome).map(([outcome, n]) =>
    counter("xinliya_llm_requests_total", { ...exporter(ctx), provider, model, outcome }, [{ minutes: MINUTES, perMinute: n }]));
}

function agentScenarios(ctx: RuleContext): FailureScenario[] {
  const job = jobs(ctx.env).businessExporter;
  return [
    {
      item: 1,
      name: "cbt_coach fails fast on every run (errors, no fallback): AgentRunsFailing pages, the fallback alert stays blind",
      interval: "1m",
      series: [...runs(ctx, "cbt_coach", { error: 50, timeout: 10 }), ...runs(ctx, "router", { success: 200 })],
      expect: [
        { at: "5m", alert: "AgentRunsFailing", firing: [] },
        { at: "16m", alert: "AgentRunsFailing", firing: [{ labels: { job, agent: "cbt_coach" }, value: "100%" }] },
        { at: "16m", alert: "AgentFallbackHigh", firing: [] },
      ],
    },
    {
      item: 1,
      name: "crisis_triage times out on a quarter of its runs: SafetyAgentRunsFailing pages at P0",
      interval: "1m",
      series: [...runs(ctx, "crisis_triage", { success: 3, timeout: 1 }), ...runs(ctx, "router", { success: 200 })],
      expect: [
        { at: "1m", alert: "SafetyAgentRunsFailing", firing: [] },
        { at: "10m", alert: "SafetyAgentRunsFailing", firing: [{ labels: { job, agent: "crisis_triage" }, value: "25%" }] },
        { at: "10m", alert: "AgentRunsFailing", firing: [] },
      ],
    },
    {
      item: 1,
      name: "router with 2 % errors and crisis_triage with one timeout in an hour: nobody is paged",
      interval: "1m",
      series: [
        ...runs(ctx, "router", { success: 98, error: 2 }),
        ...runs(ctx, "crisis_triage", { success: 4 }),
        counter("xinliya_agent_processing_duration_seconds_count", { ...exporter(ctx), agent: "crisis_triage", outcome: "timeout" },
          [{ minutes: 10, perMinute: 0 }, { minutes: 1, perMinute: 1 }, { minutes: MINUTES - 11, perMinute: 0 }]),
      ],
      expect: [
        { at: "30m", alert: "AgentRunsFailing", firing: [] },
        { at: "30m", alert: "SafetyAgentRunsFailing", firing: [] },
      ],
    },
    {
      item: 7,
      name: "LLM near-outage: 99.8 % of calls fail and a few retries get through: LlmApiDown pages",
      interval: "1m",
      series: [...calls(ctx, "openai", "gpt-4o", { success: 2, error: 700, timeout: 298 })],
      expect: [
        { at: "1m", alert: "LlmApiDown", firing: [] },
        { at: "6m", alert: "LlmApiDown", firing: [{ labels: { job }, value: "0.2%" }] },
      ],
    },
    {
      item: 7,
      name: "one provider down while another answers most calls: no LLM outage page",
      interval: "1m",
      series: [...calls(ctx, "openai", "gpt-4o", { error: 400 }), ...calls(ctx, "deepseek", "deepseek-chat", { success: 600 })],
      expect: [{ at: "20m", alert: "LlmApiDown", firing: [] }],
    },
    {
      item: 10,
      name: "quiet night: one LLM call a minute, some failing: nobody is paged",
      interval: "1m",
      series: [...calls(ctx, "openai", "gpt-4o", { error: 1 })],
      expect: [{ at: "20m", alert: "LlmApiDown", firing: [] }, { at: "20m", alert: "LlmApiErrorsHigh", firing: [] }],
    },
    {
      item: 15,
      name: "LLM outage: the cause LlmApiDown fires beside its symptom LlmApiErrorsHigh, which Alertmanager holds back",
      interval: "1m",
      series: [...calls(ctx, "openai", "gpt-4o", { error: 600 }), ...calls(ctx, "deepseek", "deepseek-chat", { timeout: 400 })],
      expect: [
        { at: "1m", alert: "LlmApiDown", firing: [] },
        { at: "15m", alert: "LlmApiDown", firing: [{ labels: { job }, value: "0%" }] },
        { at: "15m", alert: "LlmApiErrorsHigh", firing: [
          { labels: { job, provider: "deepseek" }, value: "100%" },
          { labels: { job, provider: "openai" }, value: "100%" },
        ] },
      ],
    },
    {
      item: 15,
      name: "one provider failing, the other fine: LlmApiErrorsHigh notifies on its own (no cause to inhibit it)",
      interval: "1m",
      series: [...calls(ctx, "openai", "gpt-4o", { error: 400 }), ...calls(ctx, "deepseek", "deepseek-chat", { success: 600 })],
      expect: [
        { at: "15m", alert: "LlmApiDown", firing: [] },
        { at: "15m", alert: "LlmApiErrorsHigh", firing: [{ labels: { job, provider: "openai" }, value: "100%" }] },
      ],
    },
    {
      item: 15,
      name: "LLM providers healthy with their usual 0.5 % failures: neither the cause nor its symptoms",
      interval: "1m",
      series: [...calls(ctx, "openai", "gpt-4o", { success: 995, timeout: 5 }), ...calls(ctx, "deepseek", "deepseek-chat", { success: 199, error: 1 })],
      expect: [{ at: "15m", alert: "LlmApiDown", firing: [] }, { at: "15m", alert: "LlmApiErrorsHigh", firing: [] }],
    },
  ];
}

export function agentScenarioFile(ctx: RuleContext): ScenarioFile {
  return { domain: "agents", source: "alerts/scenarios/agents.ts", scenarios: agentScenarios(ctx) };
}
