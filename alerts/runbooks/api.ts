// Runbooks of the API and SLO alerts (alerts/api.ts, alerts/slo.ts).
import type { Localized } from "../../catalog/types.ts";
import type { RunbookDef } from "./types.ts";

const s = (zh: string, en: string): Localized => ({ zh, en });

export function apiRunbooks(): Record<string, RunbookDef> {
  return {
    BackendUnavailable: {
      meaning: s("后端服务整体不可用：所有实例都无法抓取，或一半以上的请求返回 5xx。用户此时无法使用心理鸭，属于 P0 紧急故障（系统完全不可访问）。",
        "The backend as a whole is unavailable: no instance can be scraped, or more than half of the requests return 5xx. Users cannot use Xinliya at all: a P0 emergency (system completely unreachable)."),
      checks: [
        s("在 API 性能仪表盘上看是实例全部宕机（在线比例为 0）还是请求大量失败。", "On the API dashboard, see whether every instance is down (share up is 0) or requests fail en masse."),
        s("检查各实例的进程状态、最近的部署与重启记录。", "Check each instance's process, the latest deployments and restarts."),
        s("检查数据库与 LLM 供应商等依赖是否可用。", "Check the dependencies: database, LLM providers."),
      ],
      mitigations: [
        s("最近有发布：立即回滚。", "A recent release: roll it back now."),
        s("进程崩溃：重启服务或重新部署，并通知用户（运维指南 9.2 用户故障通知）。", "Crashed processes: restart or redeploy, and tell the users (ops guide 9.2)."),
      ],
      guide: ["unresponsive", "database"],
    },
    ApiSuccessRateLow: {
      meaning: s("非 5xx 响应的占比低于 99.5% 的目标：部分用户的请求正在失败（核心功能异常）。",
        "The share of non-5xx responses is below the 99.5% target: some users' requests fail (a core function is broken)."),
      checks: [
        s("在 API 性能仪表盘上按状态码查看哪些 5xx 在增长。", "On the API dashboard, see which 5xx codes grow."),
        s("在后端日志中按路由查找报错，确认是否集中在某个接口。", "Search the backend logs by route: is one endpoint to blame?"),
        s("检查数据库与 LLM 供应商是否报错或超时。", "Check whether the database or the LLM providers fail or time out."),
      ],
      mitigations: [
        s("某个发布引入的错误：回滚。", "An error introduced by a release: roll back."),
        s("依赖故障：启用降级或备用处理策略。", "A failing dependency: degrade gracefully or switch to the fallback strategy."),
      ],
      guide: ["unresponsive", "database"],
    },
    ApiLatencyHigh: {
      meaning: s("API 响应时间的 p95 超过 2 秒的目标（运维指南 1.1）：用户明显感到卡顿。",
        "The p95 API response time is above the 2 s target (ops guide 1.1): users feel the app is slow."),
      checks: [
        s("在 API 性能仪表盘上看是所有实例还是单个实例变慢。", "On the API dashboard, see whether every instance or a single one is slow."),
        s("对照系统资源仪表盘的 CPU 与内存，以及智能体处理时间。", "Compare with CPU and memory on the system dashboard and with the agent processing time."),
        s("检查数据库慢查询日志。", "Check the database's slow-query log."),
      ],
      mitigations: [
        s("资源不足：扩容。", "Short of resources: scale out."),
        s("慢查询或缓存失效：优化查询、预热缓存。", "Slow queries or a cold cache: fix the queries, warm the cache."),
      ],
      guide: ["performance", "database"],
    },
    ApiErrorBudgetBurnFast: {
      meaning: s("API 正在以远超 99.9% 可用性 SLO 允许的速度消耗错误预算：照此下去，几小时到一两天内就会用完整个月的预算。",
        "The API spends its error budget far faster than the 99.9% availability SLO allows: at this pace the whole month's budget is gone within hours to a day or two."),
      checks: [
        s("在 SLO 仪表盘上看是哪一对窗口超限、何时开始。", "On the SLO dashboard, see which window pair is over its factor and since when."),
        s("在 API 性能仪表盘上找出增长的 5xx 与对应路由。", "On the API dashboard, find the growing 5xx and their routes."),
        s("核对开始时间附近的发布与变更。", "Match the start time with releases and changes."),
      ],
      mitigations: [
        s("回滚可疑的发布，或关闭出错的功能。", "Roll back the suspect release, or switch off the failing feature."),
        s("依赖故障：启用降级或备用处理策略。", "A failing dependency: degrade gracefully or switch to the fallback strategy."),
      ],
      guide: ["unresponsive", "performance"],
    },
    ApiErrorBudgetBurnSlow: {
      meaning: s("API 以高于 SLO 允许的速度持续消耗错误预算：不紧急，但若不处理，本月 99.9% 的可用性目标将无法达成。",
        "The API keeps spending its error budget faster than the SLO allows: not urgent, but left alone it will miss this month's 99.9% availability target."),
      checks: [
        s("在 SLO 仪表盘上查看剩余错误预算与消耗速率的趋势。", "On the SLO dashboard, look at the budget left and the burn-rate trend."),
        s("找出持续出现的 5xx（某个路由、某类请求、某个依赖）。", "Find the steady source of 5xx: a route, a kind of request, a dependency."),
      ],
      mitigations: [
        s("为持续的错误制定修复计划；预算紧张时暂缓高风险发布。", "Plan the fix for the steady errors; hold back risky releases while the budget is short."),
      ],
      guide: ["performance"],
    },
  };
}
