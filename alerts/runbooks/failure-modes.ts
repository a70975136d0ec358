// Runbooks of the issue-10 alerts of the business side: agents, the exporter, absence, backups,
// logins (alerts/agents.ts, exporter.ts, absence.ts, operations.ts).
import type { Localized } from "../../catalog/types.ts";
import type { GuideCase, RunbookDef } from "./types.ts";

const s = (zh: string, en: string): Localized => ({ zh, en });
const rb = (meaning: Localized, checks: Localized[], mitigations: Localized[], guide: GuideCase[]): RunbookDef => ({ meaning, checks, mitigations, guide });

export function failureModeRunbooks(): Record<string, RunbookDef> {
  return {
    AgentRunsFailing: rb(
      s("某个智能体的运行大量以错误或超时结束：它快速失败时不会走备用策略，用户得不到回答。", "An agent's runs often end in an error or a timeout: failing fast, it never reaches the fallback, and users get no answer."),
      [s("在智能体仪表盘上看该智能体的运行结果分布（error/timeout）。", "On the agent dashboard, look at the agent's outcomes (error/timeout)."),
        s("查看该智能体最近的发布与依赖（工具调用、LLM 供应商）。", "Check the agent's latest release and its dependencies (tool calls, LLM provider).")],
      [s("回滚最近的智能体变更，或切换到备用模型/供应商。", "Roll back the agent's latest change, or switch to a backup model or provider.")],
      ["agent"]),
    SafetyAgentRunsFailing: rb(
      s("危机分诊或安全审查智能体在失败：处于危机中的用户可能得不到分诊、转介或安全审查。这是本系统最严重的静默故障。", "The crisis-triage or safety-review agent is failing: users in crisis may get no triage, referral or safety review. This is the worst silent failure of the system."),
      [s("立即确认危机热线卡片与人工转介路径仍可用。", "Make sure at once that the crisis hotline card and the human referral path still work."),
        s("查看该智能体的错误与超时、其 LLM 供应商状态。", "Look at the agent's errors and timeouts and at its LLM provider's status.")],
      [s("启用安全兜底：对所有疑似危机的对话直接展示热线与人工转介。", "Turn on the safety fallback: show the hotline and human referral to every conversation that may be a crisis."),
        s("回滚或切换供应商后，确认失败占比回落。", "After a rollback or a provider switch, check that the failure share falls.")],
      ["agent", "security"]),
    ExporterRejectingEvents: rb(
      s("业务指标导出器在线但拒收全部事件：业务、LLM、备份与认证告警（含 P0 的 LlmApiDown）全部失明。", "The business exporter is up but rejects every event: the business, LLM, backup and auth alerts (the P0 LlmApiDown included) are all blind."),
      [s("在运维仪表盘上看拒收原因（reason）：unauthorized 多半是令牌轮换后后端仍用旧令牌。", "On the operations dashboard, look at the rejection reason: unauthorized usually means the backend still sends the old token after a rotation."),
        s("对比导出器与后端配置的令牌文件的修改时间。", "Compare when the exporter's and the backend's token files changed.")],
      [s("把新令牌下发给后端（或回滚导出器的令牌），确认拒收归零。", "Roll the new token out to the backend (or roll the exporter's token back) and check that rejections stop.")],
      ["unresponsive"]),
    ExporterReceivesNoEvents: rb(
      s("后端仍有流量，但导出器收不到任何事件：事件上报链路中断，业务告警全部失明。", "The backend has traffic but the exporter receives no event: event reporting is broken, and the business alerts are blind."),
      [s("检查后端的事件上报配置（导出器地址、网络策略）与后端日志中的上报错误。", "Check the backend's event reporting (the exporter's address, network policy) and reporting errors in its logs."),
        s("确认导出器 `/healthz` 正常、日志中没有入站请求。", "Make sure the exporter's `/healthz` answers and its log shows no incoming request.")],
      [s("修复上报地址或网络后，确认智能体运行事件恢复。", "Fix the address or the network and check that agent-run events arrive again.")],
      ["unresponsive"]),
    ScrapeJobMissing: rb(
      s("一个抓取任务没有任何目标：它已从配置或服务发现中消失，依赖它的告警全部失明（up == 0 不会触发，因为 up 根本不存在；数据层任务的 DataExporterDown 同理）。", "A scrape job has no target: it is gone from the configuration or discovery, and every alert that needs it is blind (up == 0 cannot fire: there is no up at all; nor can DataExporterDown for a data-tier job)."),
      [s("在 Prometheus 的 /targets 页面确认该任务是否存在。", "On Prometheus's /targets page, check whether the job exists."),
        s("查看最近的配置变更与服务发现（标签、注解、命名空间）。", "Look at recent configuration changes and at discovery (labels, annotations, namespaces)."),
        s("数据层任务（postgres、redis、两个 blackbox 探测任务）：确认 prometheus.yml 仍有它们的抓取配置，Kubernetes 中确认 Probe 资源仍在、其标签仍被 Prometheus 选中。", "A data-tier job (postgres, redis, the two blackbox probe jobs): make sure prometheus.yml still has its scrape config; in Kubernetes, that the Probe resources exist and Prometheus still selects their labels.")],
      [s("恢复该抓取任务的配置并重载 Prometheus。", "Restore the job's configuration and reload Prometheus.")],
      ["unresponsive"]),
    KeySeriesMissing: rb(
      s("目标在线，但一个关键指标不存在：常见原因是 SDK 升级改了指标名。依赖它的告警（含 SLO）已失明。", "The target is up but a key series is absent: an SDK upgrade that renamed it, typically. The alerts that read it (the SLO included) are blind."),
      [s("在该目标的 /metrics 中查找新的指标名。", "Look for the new name in the target's /metrics."),
        s("对照最近的依赖升级（OpenTelemetry、prom-client）。", "Compare with recent dependency upgrades (OpenTelemetry, prom-client)."),
        s("数据层任务：对照 postgres_exporter、redis_exporter、blackbox_exporter 与 PostgreSQL 的升级；postgres_exporter 的日志与 pg_exporter_last_scrape_error 会指出失败的查询（我们的查询文件 generated/postgres_exporter/queries.yaml）。", "A data-tier job: compare with upgrades of postgres_exporter, redis_exporter, blackbox_exporter and PostgreSQL; postgres_exporter's log and pg_exporter_last_scrape_error name the query that fails (our query file, generated/postgres_exporter/queries.yaml).")],
      [s("固定旧版本，或在 catalog/metrics.ts（数据层：catalog/data-metrics.ts、catalog/postgres-queries.ts）中改用新名字并重新生成。", "Pin the old version, or switch catalog/metrics.ts (data tier: catalog/data-metrics.ts, catalog/postgres-queries.ts) to the new name and regenerate.")],
      ["unresponsive"]),
    HistogramBucketMissing: rb(
      s("直方图没有目标值所在的桶：按目标计算的慢请求占比读不出来，延迟告警不会触发。这是配置问题，不是故障。", "A histogram has no bucket at its target: the share slower than the target cannot be read, and the latency alert cannot fire. A configuration problem, not an outage."),
      [s("查看该任务 /metrics 中直方图的 le 取值。", "Look at the histogram's le values in the job's /metrics.")],
      [s("按 catalog/buckets.ts 的 sliBucketBounds() 配置后端的桶边界。", "Configure the backend's bucket bounds as catalog/buckets.ts sliBucketBounds() declares.")],
      ["performance"]),
    BackupNotReported: rb(
      s("一个预期的备份任务在回看窗口内没有任何副本上报：它可能从未配置，或已停止（导出器重启后忘记了它也算）。", "An expected backup job has not been reported by any replica over the lookback: never set up, or stopped (an exporter that restarted and forgot it counts too)."),
      [s("确认该任务的调度存在并在运行，查看它最近的日志。", "Make sure the job's schedule exists and runs; read its latest log."),
        s("确认备份任务向导出器上报了事件。", "Make sure the job reports its events to the exporter.")],
      [s("手动运行一次该备份并确认上报成功，然后验证备份完整性（运维指南 6.3）。", "Run the backup by hand, check that it reports, then verify its integrity (ops guide 6.3).")],
      ["backup"]),
    AuthLoginsFailing: rb(
      s("几乎所有登录都失败：这是认证服务中断（而不是攻击），用户无法进入产品。", "Almost every login fails: authentication is down (not an attack), and users cannot get in."),
      [s("查看认证服务与其依赖（数据库、缓存、短信/邮件验证码）的状态。", "Check the authentication service and its dependencies (database, cache, SMS/email codes)."),
        s("对照最近的发布与密钥/证书轮换。", "Compare with recent releases and key or certificate rotations.")],
      [s("回滚最近的认证变更，恢复依赖后确认失败占比回落。", "Roll back the latest authentication change, restore its dependencies and check that the failed share falls.")],
      ["unresponsive", "security"]),
  };
}
