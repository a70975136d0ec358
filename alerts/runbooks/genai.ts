// Runbooks of the GenAI alerts (alerts/genai.ts): LLM spending, provider refusals, time to first token.
import type { Localized } from "../../catalog/types.ts";
import type { RunbookDef } from "./types.ts";

const s = (zh: string, en: string): Localized => ({ zh, en });

export function genAiRunbooks(): Record<string, RunbookDef> {
  const spend = [
    s("在智能体与 LLM 仪表盘上按供应商与模型查看每小时费用与 token 用量：哪个模型、输入还是输出？", "On the agents dashboard, see the hourly cost and tokens by provider and model: which model, input or output?"),
    s("检查最近的提示词、上下文长度或重试策略变更。", "Check recent prompt, context-length or retry changes."),
  ];
  return {
    LlmBudgetBurnHigh: {
      meaning: s("最近 1 小时的 LLM 费用超过日预算匀速消耗的两倍：照此下去预算会提前用完。", "The last hour's LLM spending is over twice the even pace of the daily budget: the budget will run out early."),
      checks: spend,
      mitigations: [s("回滚造成用量上涨的变更，或把低风险的智能体切到更便宜的模型。", "Roll back the change behind the rise, or move low-risk agents to a cheaper model.")],
      guide: ["agent", "capacity"],
    },
    LlmBudgetExhaustedBeforeDayEnd: {
      meaning: s("按当前速度，今天的 LLM 日预算会在今天结束前用完：之后的调用可能被供应商拒绝（额度用尽）。", "At the current pace, today's LLM budget runs out before the day ends: later calls may be refused (quota used up)."),
      checks: spend,
      mitigations: [s("与财务确认是否临时追加预算；同时降低用量（更便宜的模型、更短的上下文）。危机相关的智能体（crisis_triage、safety_reviewer）不得降级。", "Agree a temporary budget increase with finance; meanwhile cut usage (cheaper models, shorter context). Never degrade the crisis agents (crisis_triage, safety_reviewer).")],
      guide: ["agent", "capacity"],
    },
    LlmProviderRateLimited: {
      meaning: s("某个 LLM 供应商拒绝了较多调用（HTTP 429 或 insufficient_quota）：被限流或账户额度用尽。", "An LLM provider refuses many calls (HTTP 429 or insufficient_quota): we are rate-limited or the account's credit is used up."),
      checks: [s("在供应商控制台查看限流配额与账户余额。", "Check the rate limits and the account balance in the provider's console.")],
      mitigations: [s("额度用尽：充值；限流：申请提高配额，或把流量切到备用供应商。", "Credit used up: top up; rate-limited: ask for a higher limit or move traffic to the backup provider.")],
      guide: ["agent"],
    },
    LlmTimeToFirstTokenSlow: {
      meaning: s("某个供应商首个 token 的 p95 超过目标：用户等待回答开始出现的时间过长，比总耗时更能被用户感到。", "A provider's p95 time to first token is above target: users wait too long for the answer to start, which they feel more than the total duration."),
      checks: [s("查看供应商状态页；对比同一模型在其他供应商的首 token 时间。", "Check the provider's status page; compare the same model at other providers.")],
      mitigations: [s("切换到更快的供应商或更小的模型。", "Switch to a faster provider or a smaller model.")],
      guide: ["agent", "performance"],
    },
  };
}
