// 智能体与 LLM — agents and LLM providers (ops guide 2.1 智能体处理时间, 4.3 智能体异常).
import * as p from "./panels/agent.ts";
import type { DashboardContext, DashboardDef } from "./types.ts";

export function agentDashboard(ctx: DashboardContext): DashboardDef {
  return {
    uid: "xinliya-agent",
    title: { zh: "智能体与 LLM", en: "Agents and LLM" },
    description: {
      zh: "智能体处理时间、备用策略占比与 LLM 供应商的调用情况，阈值线与告警规则一致。",
      en: "Agent processing time, fallback share and LLM provider calls, with the same thresholds as the alerts.",
    },
    rows: [
      {
        title: { zh: "智能体", en: "Agents" },
        panels: [p.agentLatencyTimeseries(ctx), p.fallbackShareTimeseries(ctx)],
      },
      {
        title: { zh: "LLM 供应商", en: "LLM providers" },
        panels: [p.llmErrorShareTimeseries(ctx), p.llmCallsTimeseries(ctx)],
      },
    ],
  };
}
