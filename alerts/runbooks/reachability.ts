// Runbooks of the probe, certificate and data-exporter alerts (alerts/reachability.ts).
import type { Localized } from "../../catalog/types.ts";
import type { RunbookDef } from "./types.ts";

const s = (zh: string, en: string): Localized => ({ zh, en });

export function reachabilityRunbooks(): Record<string, RunbookDef> {
  const cert = s("`openssl s_client -connect <host>:443 -servername <host> </dev/null | openssl x509 -noout -dates -issuer -subject`", "`openssl s_client -connect <host>:443 -servername <host> </dev/null | openssl x509 -noout -dates -issuer -subject`");
  return {
    ApiProbeFailed: {
      meaning: s("从后端之外探测 API 的公开健康检查失败：这是“系统完全不可访问”最强的信号，即使后端自己什么都报不出来也成立。", "Probing the API's public health endpoint from outside the backend fails: the strongest signal of \"the system is completely unreachable\", and it holds even when the backend can report nothing."),
      checks: [s("从另一台机器 `curl -sv https://<api>/healthz`，区分 DNS、TCP、TLS 与 HTTP 哪一步失败。", "From another machine, `curl -sv https://<api>/healthz` and see which step fails: DNS, TCP, TLS or HTTP."),
        s("检查负载均衡、反向代理与后端进程（进程在但端口不通也算不可访问）。", "Check the load balancer, the reverse proxy and the backend (a process that runs but does not answer counts as unreachable).")],
      mitigations: [s("恢复入口（代理、证书、DNS）或切换到备用入口；在状态页告知用户。", "Restore the entry point (proxy, certificate, DNS) or switch to the standby one; tell users on the status page.")],
      guide: ["unresponsive"],
    },
    CertificateInvalid: {
      meaning: s("API 能访问，但证书校验失败：用户的 App 与浏览器会拒绝连接，效果等同于不可用。", "The API answers, but its certificate fails verification: users' apps and browsers refuse to connect, which is as bad as down."),
      checks: [cert], mitigations: [s("部署正确的证书链（中间证书、域名、有效期），然后重新探测。", "Deploy the right chain (intermediates, name, validity), then probe again.")], guide: ["security", "unresponsive"],
    },
    CertificateExpiresIn7Days: {
      meaning: s("API 证书 7 天内到期（运维指南 6.1 传输加密）：到期后所有客户端都会拒绝连接。", "The API certificate expires within 7 days (ops guide 6.1): after that every client refuses to connect."),
      checks: [cert, s("检查自动续期（certbot / ACME）的日志与定时任务。", "Check the automatic renewal's (certbot / ACME) log and timer.")],
      mitigations: [s("立即续期并部署新证书，确认探测看到的到期时间已更新。", "Renew and deploy now, and check that the probe sees the new expiry.")], guide: ["security"],
    },
    CertificateExpiringSoon: {
      meaning: s("API 证书 30 天内到期：还有时间，但自动续期可能已经失效。", "The API certificate expires within 30 days: there is time, but automatic renewal may have stopped working."),
      checks: [cert], mitigations: [s("排期续期，并修复自动续期。", "Schedule the renewal and fix automatic renewal.")], guide: ["security"],
    },
    ApiProbeBudgetBurnFast: {
      meaning: s("外部探测（严格校验证书）的失败比例正在快速消耗 99.9% 可用性的错误预算：用户间歇性或持续地无法访问 API，即使后端自己统计的请求成功率看起来正常（故障在后端之前：代理、DNS、证书、网络）。", "The failed share of the strict external probes burns the 99.9 % availability budget fast: users intermittently or constantly cannot reach the API, even when the backend's own request success rate looks fine (the fault is in front of it: proxy, DNS, certificate, network)."),
      checks: [s("在 xinliya-data 的“外部探测结果”面板看失败是持续的还是间歇的；对照 xinliya-slo 的请求燃烧率：两者都高是后端的问题，只有探测高是入口的问题。", "On xinliya-data's \"External probes\" panel, see whether failures are constant or intermittent; compare with the request burn rate on xinliya-slo: both high is the backend, only the probes is the entry point."),
        s("从另一台机器反复 `curl -sv https://<api>/healthz`，留意失败出在 DNS、TCP、TLS 还是 HTTP；检查负载均衡后面是否有一个坏节点。", "From another machine, `curl -sv https://<api>/healthz` repeatedly and note whether failures are in DNS, TCP, TLS or HTTP; check for one bad node behind the load balancer.")],
      mitigations: [s("摘除坏的入口节点或回滚入口配置（代理、证书、DNS）；在状态页告知用户。", "Take the bad entry node out or roll the entry configuration back (proxy, certificate, DNS); tell users on the status page.")],
      guide: ["unresponsive"],
    },
    ApiProbeBudgetBurnSlow: {
      meaning: s("外部探测的失败比例在持续消耗错误预算：照此速度本月的 99.9% 目标会落空，但没有紧急到需要半夜叫醒人。", "The failed share of the external probes spends the error budget steadily: at this pace the month's 99.9 % objective will be missed, but it is not urgent enough to wake anyone."),
      checks: [s("看“外部探测的错误预算”面板中剩余预算的趋势，找出失败集中的时段（发布、证书轮换、网络维护）。", "Follow the budget left on the \"Error budget of the external probes\" panel and find when failures cluster (releases, certificate rotation, network maintenance).")],
      mitigations: [s("修复间歇性失败的入口；在预算恢复前放缓有风险的发布。", "Fix the entry point that fails intermittently; slow risky releases until the budget recovers.")],
      guide: ["unresponsive"],
    },
    DataExporterDown: {
      meaning: s("数据层的导出器或探测无法抓取：数据库、缓存或可达性告警在恢复前都是盲的。", "A data-tier exporter or probe cannot be scraped: the database, cache or reachability alerts are blind until it is back."),
      checks: [s("访问该目标的 `/metrics`（或 blackbox 的 `/probe`），查看进程与日志。", "Query the target's `/metrics` (or blackbox's `/probe`) and check its process and logs.")],
      mitigations: [s("重启导出器并确认 `up` 恢复为 1。", "Restart the exporter and check that `up` is back to 1.")], guide: ["unresponsive"],
    },
  };
}
