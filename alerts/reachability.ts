// Reachability and TLS (ops guide 1.1 99.9 % 可用, 4.3 系统完全不可访问, 6.1 传输加密): the API's
// public HTTPS health endpoint probed by blackbox_exporter from outside the backend, with two
// modules (catalog/data-targets.ts probeModules): strict, which trusts our CA, and one that skips
// verification. Both failing: unreachable. Only the strict one failing: the certificate is bad.
import { anyOf } from "./promql.ts";
import { dataJobs } from "../catalog/data-targets.ts";
import { formatTarget, target } from "../catalog/thresholds.ts";
import { reachabilityTests } from "./cases/reachability.ts";
import { dataAlert, dataJob } from "./data-common.ts";
import type { AlertDef, RuleContext, RuleGroupDef } from "./types.ts";

/** The scrape jobs of the data tier whose `up` DataExporterDown watches. */
export function dataExporterJobs(): string[] {
  return Object.values(dataJobs());
}

function alerts(): AlertDef[] {
  const probes = `job=~"${anyOf([dataJobs().probe, dataJobs().probeNoVerify])}"`;
  const expiry = `min by (instance) (probe_ssl_earliest_cert_expiry{${probes}}) - time()`;
  return [
    dataAlert("ApiProbeFailed", "P0", `max by (instance) (probe_success{${probes}}) == 0`, ["外部探测无法访问 API", "The API is unreachable from outside"],
      (t) => `从后端之外探测 ${t.label("instance")} 失败（连证书校验都跳过也拿不到 200）：用户很可能完全无法访问系统。`,
      (t) => `Probing ${t.label("instance")} from outside the backend fails (no 200 even without certificate verification): users most likely cannot reach the system at all.`, "probeSuccess",
      undefined, "a synthetic probe on every scrape, not user traffic: its own `for` rides out one failed probe"),
    dataAlert("CertificateInvalid", "P1", `probe_success{${dataJob("probe")}} == 0 and on (instance) probe_success{${dataJob("probeNoVerify")}} == 1`,
      ["API 证书校验失败", "The API certificate fails verification"],
      (t) => `${t.label("instance")} 可以访问，但证书校验失败（过期、域名不符或签发者不受信任）：用户的客户端会拒绝连接。`,
      (t) => `${t.label("instance")} answers, but its certificate fails verification (expired, wrong name or untrusted issuer): users' clients will refuse to connect.`, "probeSuccess"),
    dataAlert("CertificateExpiresIn7Days", "P1", `${expiry} < ${target("certExpiryPage")}`, ["API 证书 7 天内到期", "The API certificate expires within 7 days"],
      (t) => `${t.label("instance")} 的证书将在 ${t.value("duration")} 后到期（不足 ${formatTarget("certExpiryPage")}）：立即续期。`,
      (t) => `The certificate of ${t.label("instance")} expires in ${t.value("duration")} (less than ${formatTarget("certExpiryPage")}): renew it now.`, "certExpiry"),
    dataAlert("CertificateExpiringSoon", "P2", `${expiry} < ${target("certExpiryWarn")} and ${expiry} >= ${target("certExpiryPage")}`,
      ["API 证书 30 天内到期", "The API certificate expires within 30 days"],
      (t) => `${t.label("instance")} 的证书将在 ${t.value("duration")} 后到期（不足 ${formatTarget("certExpiryWarn")}）：安排续期。`,
      (t) => `The certificate of ${t.label("instance")} expires in ${t.value("duration")} (less than ${formatTarget("certExpiryWarn")}): plan its renewal.`, "certExpiry"),
    dataAlert("DataExporterDown", "P2", `up{job=~"${anyOf(dataExporterJobs())}"} == 0`, ["数据层导出器未被抓取", "A data-tier exporter is not scraped"],
      (t) => `任务 ${t.label("job")} 的目标 ${t.label("instance")} 无法抓取：对应的数据库、缓存或探测告警在恢复前无法触发。`,
      (t) => `Target ${t.label("instance")} of job ${t.label("job")} cannot be scraped: its database, cache or probe alerts cannot fire until it is back.`, "dataTargets"),
  ];
}

export function reachabilityRules(ctx: RuleContext): RuleGroupDef {
  return { domain: "reachability", group: "xinliya.reachability", rules: alerts(), tests: reachabilityTests(ctx) };
}
