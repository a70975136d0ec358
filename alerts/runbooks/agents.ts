// Runbooks of the agent, LLM and business alerts (alerts/agents.ts, alerts/business.ts).
import type { Localized } from "../../catalog/types.ts";
import type { RunbookDef } from "./types.ts";

const s = (zh: string, en: string): Localized => ({ zh, en });

export function agentRunbooks(): Record<string, RunbookDef> {
  return {
    AgentProcessingSlow: {
      meaning: s("某个智能体生成回答的 p95 时间超过 5 秒的目标（运维指南 2.1）：用户等待回答的时间过长。",
        "An agent's p95 time to answer is above the 5 s target (ops guide 2.1): users wait too long for an answer."),
      checks: [
        s("在智能体与 LLM 仪表盘上看是单个智能体还是全部变慢。", "On the agents dashboard, see whether one agent or all of them are slow."),
        s("对照 LLM 调用速率与失败率：供应商变慢、超时或限流？", "Compare with the LLM calls and failure share: is a provider slow, timing out or rate-limiting?"),
        s("检查该智能体最近的提示词或流程变更。", "Check the agent's recent prompt or workflow changes."),
      ],
      mitigations: [
        s("供应商变慢：切换到备用供应商或更快的模型。", "A slow provider: switch to the backup provider or a faster model."),
        s("最近的变更导致：回滚该智能体的配置。", "A recent change: roll back the agent's configuration."),
      ],
      guide: ["agent", "performance"],
    },
    AgentFallbackHigh: {
      meaning: s("某个智能体有大量运行以备用处理策略结束：用户收到的是降级后的回答。",
        "Many runs of an agent end in the fallback strategy: users get degraded answers."),
      checks: [
        s("查看该智能体的错误日志，找出触发备用策略的原因（超时、LLM 报错、解析失败）。", "Read the agent's error logs for why it falls back (timeouts, LLM errors, parse failures)."),
        s("对照 LLM 失败率与智能体处理时间。", "Compare with the LLM failure share and the agent processing time."),
      ],
      mitigations: [
        s("LLM 问题：切换供应商或模型。", "An LLM problem: switch provider or model."),
        s("智能体缺陷：回滚最近的变更。", "An agent defect: roll back its latest change."),
      ],
      guide: ["agent"],
    },
    LlmApiErrorsHigh: {
      meaning: s("某个 LLM 供应商的调用有超过 5% 失败（错误、超时或被限流）：依赖它的智能体变慢或走备用策略。",
        "More than 5% of the calls to an LLM provider fail (error, timeout or rate-limited): the agents that use it slow down or fall back."),
      checks: [
        s("查看该供应商的状态页与公告。", "Check the provider's status page and announcements."),
        s("在仪表盘上按结果区分：rate_limited 多为配额问题，timeout 多为供应商变慢，error 需看日志。", "On the dashboard, split by outcome: rate_limited points to quota, timeout to a slow provider, error to the logs."),
        s("确认 API 密钥与配额未过期或用尽。", "Make sure the API key and quota have not expired or run out."),
      ],
      mitigations: [
        s("把流量切到备用供应商。", "Move traffic to the backup provider."),
        s("被限流：降低并发或申请提高配额。", "Rate-limited: lower the concurrency or ask for a higher quota."),
      ],
      guide: ["agent"],
    },
    LlmApiDown: {
      meaning: s("所有 LLM 调用都在失败：智能体无法生成任何回答，对用户而言等同于服务不可用（P0）。",
        "Every LLM call fails: the agents cannot produce any answer, which to users is an outage (P0)."),
      checks: [
        s("查看所有供应商的状态页。", "Check every provider's status page."),
        s("从应用主机直接测试供应商 API 的连通性（DNS、出口网络、代理）。", "Test the provider APIs from the application hosts (DNS, egress, proxy)."),
        s("确认密钥与账户状态（到期、欠费、被封禁）。", "Check the keys and the accounts (expired, unpaid, suspended)."),
      ],
      mitigations: [
        s("网络或密钥问题：修复后验证一次调用成功。", "A network or key problem: fix it and verify that one call succeeds."),
        s("供应商全部故障：启用备用处理策略并通知用户（运维指南 9.2）。", "Every provider down: switch to the fallback strategy and tell the users (ops guide 9.2)."),
      ],
      guide: ["agent", "unresponsive"],
    },
    ConversationQualityLow: {
      meaning: s("某个智能体的平均对话质量评分低于目标：回答质量在下降，与“智能体响应质量持续提升”的目标相反（运维指南 1.1）。",
        "An agent's mean conversation quality score is below target: its answers get worse, against the goal of ever better answers (ops guide 1.1)."),
      checks: [
        s("核对评分下降的开始时间与最近的模型、提示词或知识库变更。", "Match when the score dropped with recent model, prompt or knowledge-base changes."),
        s("检查该智能体是否更多地走了备用策略。", "Check whether the agent falls back more often."),
      ],
      mitigations: [
        s("回滚造成下降的变更，或切回之前的模型。", "Roll back the change behind the drop, or go back to the previous model."),
      ],
      guide: ["agent"],
    },
    UserSatisfactionLow: {
      meaning: s("最近一天的用户评分中差评占比偏高：用户对回答不满意。属于改进类问题（P3），在工作时间处理。",
        "Too many of the last day's user ratings are low: users are unhappy with the answers. An improvement (P3), handled in working hours."),
      checks: [
        s("对照对话质量评分、备用策略占比与 API 错误，找出同期的异常。", "Compare with the quality score, the fallback share and API errors over the same period."),
        s("与产品团队一起查看近期反馈的主要原因（不导出任何用户内容）。", "Review the main reasons of recent feedback with the product team (never export user content)."),
      ],
      mitigations: [
        s("针对主要原因排期改进，并在下一个周期复查差评占比。", "Schedule improvements for the main reasons and review the share again next cycle."),
      ],
      guide: ["agent"],
    },
  };
}
