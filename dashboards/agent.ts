// 智能体与 LLM — agents and LLM providers (ops guide 2.1 智能体处理时间, 4.3 智能体异常).
import * as p from "./panels/agent.ts";
import * as m from "./panels/agent-llm.ts";
import * as g from "./panels/agent-genai.ts";
import type { DashboardContext, DashboardDef } from "./types.ts";
import { agentFailureRow } from "./panels/failure-modes.ts";

export function agentDashboard(ctx: DashboardContext): DashboardDef {
  return {
    uid: "xinliya-agent",
    title: { zh: "智能体与 LLM", en: "Agents and LLM" },
    description: {
      zh: "智能体处理时间与运行结果、备用策略占比，以及 LLM 各供应商与模型的调用、耗时、错误与限流，阈值线与告警规则一致。",
      en: "Agent processing time and outcomes, fallback share, and the calls, duration, errors and rate limiting of every LLM provider and model, with the same thresholds as the alerts.",
    },
    rows: [
      {
        title: { zh: "智能体", en: "Agents" },
        panels: [p.agentLatencyTimeseries(ctx), p.fallbackShareTimeseries(ctx), p.agentOutcomesTimeseries(ctx)],
      },
      {
        title: { zh: "LLM 供应商", en: "LLM providers" },
        panels: [p.llmCallsTimeseries(ctx), p.llmSuccessTimeseries(ctx), p.llmErrorShareTimeseries(ctx)],
      },
      {
        title: { zh: "LLM 模型", en: "LLM models" },
        panels: [
          m.llmCallsByModelTimeseries(ctx), m.llmLatencyByModelTimeseries(ctx),
          m.llmErrorsByModelTimeseries(ctx), m.llmRateLimitedTimeseries(ctx),
        ],
      },
      agentFailureRow(ctx),
      {
        // Issue 14: OpenTelemetry GenAI conventions, from the backend.
        title: { zh: "LLM token、费用与首 token 时间", en: "LLM tokens, cost and time to first token" },
        panels: [
          g.llmTokensTimeseries(ctx), g.llmCostTimeseries(ctx), g.llmSpendProjectionTimeseries(ctx),
          g.timeToFirstTokenTimeseries(ctx), g.genAiRateLimitedTimeseries(ctx), g.genAiExportFormTimeseries(ctx),
        ],
      },
    ],
  };
}
