// Runbooks of the operations and meta alerts (alerts/operations.ts, alerts/meta.ts).
import type { Localized } from "../../catalog/types.ts";
import type { RunbookDef } from "./types.ts";

const s = (zh: string, en: string): Localized => ({ zh, en });

export function operationsRunbooks(): Record<string, RunbookDef> {
  return {
    TargetDown: {
      meaning: s("Prometheus 无法抓取一个目标：该实例可能已宕机，其指标与依赖它的告警都失效了。",
        "Prometheus cannot scrape a target: the instance may be down, and its metrics and the alerts that need them are blind."),
      checks: [
        s("在运维与安全仪表盘上确认是哪个任务、哪个实例。", "On the operations dashboard, find the job and the instance."),
        s("登录主机检查进程（`systemctl status`）与端口是否在监听。", "On the host, check the process (`systemctl status`) and that the port listens."),
        s("从 Prometheus 所在主机测试网络连通性。", "Test connectivity from the Prometheus host."),
      ],
      mitigations: [s("重启该进程或主机；若是网络问题，修复防火墙或路由。", "Restart the process or the host; for a network problem, fix the firewall or routing.")],
      guide: ["unresponsive"],
    },
    BusinessExporterDown: {
      meaning: s("业务指标导出器没有被抓取：智能体、LLM、业务、备份与认证的告警全部失明。",
        "The business exporter is not scraped: the agent, LLM, business, backup and auth alerts are all blind."),
      checks: [
        s("访问导出器的 `/healthz` 与 `/metrics`。", "Query the exporter's `/healthz` and `/metrics`."),
        s("检查导出器进程与日志（日志不含任何用户内容）。", "Check the exporter's process and logs (which never hold user content)."),
        s("确认 Prometheus 配置中仍有该抓取任务。", "Make sure the scrape job is still in Prometheus's configuration."),
      ],
      mitigations: [s("重启导出器（`npm run exporter`），并确认 `up` 恢复为 1。", "Restart the exporter (`npm run exporter`) and check that `up` is back to 1.")],
      guide: ["unresponsive"],
    },
    BackupMissing: {
      meaning: s("某个备份任务太久没有成功：一旦出现数据丢失或损坏（P0 场景），可恢复的数据将不完整。",
        "A backup job has not succeeded for too long: if data were lost or damaged (a P0 case), the restore would be incomplete."),
      checks: [
        s("检查备份调度是否在运行（cron / 定时任务）以及最近一次运行的日志。", "Check that the backup schedule runs (cron / timer) and read the latest run's log."),
        s("确认备份目标存储可写、空间充足。", "Make sure the backup storage is writable and has room."),
      ],
      mitigations: [
        s("手动触发一次备份并确认成功。", "Start a backup by hand and make sure it succeeds."),
        s("修复调度后，验证备份完整性并执行一次恢复测试（运维指南 6.3）。", "Once the schedule is fixed, verify integrity and test a restore (ops guide 6.3)."),
      ],
      guide: ["backup"],
    },
    BackupFailed: {
      meaning: s("某个备份任务的最近一次运行失败：若下次仍失败，备份将过期。",
        "A backup job's latest run failed: if the next one fails too, the backup goes stale."),
      checks: [
        s("阅读该次运行的日志，找出失败原因（权限、空间、网络、数据库锁）。", "Read the run's log for the cause (permissions, space, network, database locks)."),
        s("确认数据库与备份存储可用。", "Make sure the database and the backup storage are available."),
      ],
      mitigations: [s("修复原因后手动重跑备份，并验证备份完整性。", "Fix the cause, rerun the backup by hand and verify its integrity.")],
      guide: ["backup", "database"],
    },
    AuthFailuresHigh: {
      meaning: s("登录失败的速率异常升高：可能有人在暴力破解账户，也可能是认证服务本身故障。",
        "Failed logins are unusually frequent: someone may be brute-forcing accounts, or authentication itself is broken."),
      checks: [
        s("对照成功登录：成功也归零多半是认证服务故障，成功正常则更像攻击。", "Compare with successful logins: none succeeding points to a broken service, normal success to an attack."),
        s("在访问日志中查看失败请求的来源分布（只看聚合结果，不导出个人数据）。", "Look at where the failures come from in the access logs (aggregates only, no personal data)."),
      ],
      mitigations: [
        s("攻击：限流或封禁来源、启用验证码，并按运维指南 6.2 安全事件响应流程处理。", "An attack: rate-limit or block the sources, add a CAPTCHA, and follow the incident response of ops guide 6.2."),
        s("服务故障：检查认证服务的依赖与最近的变更，必要时回滚。", "A broken service: check its dependencies and recent changes, roll back if needed."),
      ],
      guide: ["security"],
    },
    PrometheusRuleEvaluationFailures: {
      meaning: s("Prometheus 评估某个规则组时失败：该组的记录规则停止更新，其中的告警可能永远不会触发。",
        "Prometheus fails to evaluate a rule group: its recording rules stop updating and its alerts may never fire."),
      checks: [
        s("在 Prometheus 的 /rules 页面查看该规则组的错误信息。", "Read the group's error on Prometheus's /rules page."),
        s("常见原因：查询超时、结果标签重复（many-to-many）、内存不足。", "Usual causes: query timeouts, duplicate label sets (many-to-many), memory pressure."),
      ],
      mitigations: [s("修复规则定义后重新生成（`npm run generate`）并通过检查（`npm run check`），再发布。", "Fix the rule definition, regenerate (`npm run generate`), pass the checks (`npm run check`), then deploy.")],
      guide: ["performance"],
    },
    AlertmanagerNotificationsFailing: {
      meaning: s("Alertmanager 通过某个渠道发送通知时失败：告警可能送不到值班人员。",
        "Alertmanager fails to send notifications through an integration: alerts may not reach the on-call engineer."),
      checks: [
        s("查看 Alertmanager 日志中该渠道的错误（认证失败、网络、限流）。", "Read Alertmanager's log for the integration's errors (auth, network, rate limits)."),
        s("确认密钥文件存在且未过期。", "Make sure the secret files exist and have not expired."),
      ],
      mitigations: [
        s("修复渠道配置或密钥后，用测试告警验证送达。", "Fix the integration or its secret, then verify delivery with a test alert."),
        s("修复前，值班人员主动查看 Alertmanager 界面中的告警。", "Until then, the on-call engineer watches the alerts in Alertmanager's UI."),
      ],
      guide: ["unresponsive"],
    },
    Watchdog: {
      meaning: s("死人开关：此告警永远在触发，并经专用路由送往死人开关服务，用来证明 Prometheus → Alertmanager → 通知链路是通的。它本身不需要处理；真正的告警是死人开关服务在收不到它时发出的。",
        "The dead man's switch: this alert always fires and goes through its own route to the dead man's switch service, proving that Prometheus → Alertmanager → notifications works. It needs no action itself; the real alarm is the one the switch raises when it stops arriving."),
      checks: [
        s("死人开关报警时：确认 Prometheus 与 Alertmanager 进程在运行、能互相访问。", "When the switch raises the alarm: check that Prometheus and Alertmanager run and reach each other."),
        s("在 Prometheus 的 /alerts 页面确认 Watchdog 处于 firing。", "On Prometheus's /alerts page, check that Watchdog is firing."),
        s("检查 Alertmanager 到死人开关服务的网络与认证。", "Check the network and authentication from Alertmanager to the switch service."),
      ],
      mitigations: [s("恢复中断的组件；恢复前其他告警都可能无法送达，值班人员需人工查看各仪表盘。", "Restore the broken component; until then no other alert may arrive, so the on-call engineer watches the dashboards by hand.")],
      guide: ["unresponsive"],
    },
  };
}
