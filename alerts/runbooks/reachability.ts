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
    DataExporterDown: {
      meaning: s("数据层的导出器或探测无法抓取：数据库、缓存或可达性告警在恢复前都是盲的。", "A data-tier exporter or probe cannot be scraped: the database, cache or reachability alerts are blind until it is back."),
      checks: [s("访问该目标的 `/metrics`（或 blackbox 的 `/probe`），查看进程与日志。", "Query the target's `/metrics` (or blackbox's `/probe`) and check its process and logs.")],
      mitigations: [s("重启导出器并确认 `up` 恢复为 1。", "Restart the exporter and check that `up` is back to 1.")], guide: ["unresponsive"],
    },
  };
}
