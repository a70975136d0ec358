// Panels of reachability, certificates, the data exporters and the restore drills.
import { dataExporterJobs } from "../../alerts/reachability.ts";
import { backupSizeWindow } from "../../catalog/data-targets.ts";
import { formatTarget, pageMinEvents, target } from "../../catalog/thresholds.ts";
import { anyOf } from "../../alerts/promql.ts";
import { scope } from "../common.ts";
import { flooredWindows, probeAvailabilityRecord, probeBudgetRemainingRecord, probeBurnPairs, probeBurnRecord, probeFailedRecord } from "../../alerts/probe-slo.ts";
import { burnWindows, sliWindows } from "../../alerts/slo.ts";
import { sloPeriod } from "../../catalog/slo.ts";
import type { DashboardContext, PanelDef } from "../types.ts";
import { dataTimeseries } from "./data-common.ts";

export function reachabilityPanels(ctx: DashboardContext): PanelDef[] {
  const s = scope();
  return [
    dataTimeseries(ctx, {
      key: "probeSuccess", title: ["外部探测结果", "External probes"], unit: "none", min: 0, max: 1, span: 8,
      description: ["从后端之外探测 API 的 HTTPS 健康检查：严格模块（校验证书）与跳过校验的模块。两者都为 0 触发 ApiProbeFailed（P0），只有严格模块为 0 触发 CertificateInvalid。", "The API's HTTPS health check probed from outside the backend: the strict module (verifies the certificate) and the one that skips verification. Both at 0 fire ApiProbeFailed (P0); the strict one alone fires CertificateInvalid."],
      targets: [[`probe_success{${s}}`, "{{job}} {{instance}}"]],
    }),
    dataTimeseries(ctx, {
      key: "probeLatency", title: ["探测耗时与状态码", "Probe duration and status"], unit: "s", min: 0, span: 8,
      description: ["每次探测的总耗时（秒），以及返回的 HTTP 状态码（图例标明）。", "Total time of each probe in seconds, and the HTTP status it got (named in the legend)."],
      targets: [[`probe_duration_seconds{${s}}`, "{{job}} {{instance}}"], [`probe_http_status_code{${s}}`, "{{job}} {{instance}} status code"]],
    }),
    dataTimeseries(ctx, {
      key: "certExpiry", title: ["证书剩余有效期", "Certificate time left"], unit: "s", min: 0,
      threshold: [target("certExpiryWarn"), target("certExpiryPage")], redBelow: false, span: 8,
      description: [`证书链中最早到期的证书还剩的时间。低于 ${formatTarget("certExpiryWarn")} 触发 CertificateExpiringSoon（P2），低于 ${formatTarget("certExpiryPage")} 触发 CertificateExpiresIn7Days（P1）。`, `Time left on the chain's earliest-expiring certificate. Below ${formatTarget("certExpiryWarn")} fires CertificateExpiringSoon (P2), below ${formatTarget("certExpiryPage")} CertificateExpiresIn7Days (P1).`],
      targets: [[`min by (instance) (probe_ssl_earliest_cert_expiry{${s}}) - time()`, "{{instance}}"]],
    }),
    dataTimeseries(ctx, {
      key: "probeBudget", title: ["外部探测的错误预算", "Error budget of the external probes"], unit: "none", min: 0,
      threshold: probeBurnPairs("ApiProbeBudgetBurnFast").map((p) => p.factor), span: 12,
      description: [`第二个可用性指标：严格探测成功的比例换算成 ${formatTarget("availabilitySlo")} SLO 的错误预算消耗倍数（长窗口），以及 ${sloPeriod()} 剩余的错误预算（比例）。快速消耗触发 ApiProbeBudgetBurnFast（P0），持续消耗触发 ApiProbeBudgetBurnSlow（P2）。`, `The second uptime SLI: the share of strict probes that succeed, as burn rates of the ${formatTarget("availabilitySlo")} SLO's error budget (long windows), and the share of the ${sloPeriod()} budget left. A fast burn fires ApiProbeBudgetBurnFast (P0), a steady one ApiProbeBudgetBurnSlow (P2).`],
      targets: [
        ...burnWindows().map((w): [string, string] => [`${probeBurnRecord(w)}{${s}}`, `{{instance}} burn ${w}`]),
        [`${probeBudgetRemainingRecord()}{${s}}`, "{{instance}} budget left"],
      ],
    }),
    dataTimeseries(ctx, {
      key: "probeAvailability", title: ["外部探测可用性（各窗口）", "External probe availability (every window)"], unit: "percentunit", min: 0, max: 1,
      threshold: target("availabilitySlo"),
      description: [`严格探测在每个 SLI 窗口内成功的比例（虚线为 ${formatTarget("availabilitySlo")} 目标），以及快速消耗告警的长窗口内失败的探测次数（至少 ${pageMinEvents()} 次才呼叫，图例标明）。`, `Share of strict probes that succeeded in every SLI window (the dashed line is the ${formatTarget("availabilitySlo")} objective), and the failed probes in the fast burn's long windows (at least ${pageMinEvents()} to page; named in the legend).`],
      targets: [
        ...sliWindows().map((w): [string, string] => [`${probeAvailabilityRecord(w)}{${s}}`, `{{instance}} ${w}`]),
        ...flooredWindows().map((w): [string, string] => [`${probeFailedRecord(w)}{${s}}`, `{{instance}} failed probes ${w} (count)`]),
      ],
    }),
    dataTimeseries(ctx, {
      key: "dataTargets", title: ["数据层抓取目标", "Data-tier scrape targets"], unit: "none", min: 0, max: 1,
      description: ["postgres_exporter、redis_exporter 与两个探测任务的 up 值：0 触发 DataExporterDown。", "up of postgres_exporter, redis_exporter and the two probe jobs: 0 fires DataExporterDown."],
      targets: [[`up{job=~"${anyOf(dataExporterJobs())}", job=~"$job", instance=~"$instance"}`, "{{job}} {{instance}}"]],
    }),
  ];
}

export function drillPanels(ctx: DashboardContext): PanelDef[] {
  const s = scope();
  return [
    dataTimeseries(ctx, {
      key: "restoreDrill", title: ["恢复演练", "Restore drills"], unit: "s", min: 0, threshold: target("restoreDrillRto"),
      description: [`最近一次恢复演练的恢复时间（pg_restore 加行数核对）。虚线为 RTO ${formatTarget("restoreDrillRto")}，超过触发 RestoreDrillSlow；另有距最近一次成功演练的时间（超过 ${formatTarget("restoreDrillMaxAge")} 触发 RestoreDrillMissing）。`, `Restore time of the latest drill (pg_restore plus the row-count check). The dashed line is the ${formatTarget("restoreDrillRto")} RTO; above it fires RestoreDrillSlow. Time since the last successful drill too (above ${formatTarget("restoreDrillMaxAge")} fires RestoreDrillMissing).`],
      targets: [[`xinliya_restore_drill_duration_seconds{${s}}`, "{{backup}} restore time"], [`time() - xinliya_restore_drill_last_success_timestamp_seconds{${s}}`, "{{backup}} since last success"]],
    }),
    dataTimeseries(ctx, {
      key: "restoreDrillResult", title: ["演练结果与数据核对", "Drill result and data check"], unit: "none", min: 0, max: 1,
      description: ["最近一次演练是否成功（0 触发 RestoreDrillFailed），以及恢复出的行数是否与源库一致。", "Whether the latest drill succeeded (0 fires RestoreDrillFailed), and whether the restored row counts equal the source's."],
      targets: [[`xinliya_restore_drill_last_run_success{${s}}`, "{{backup}} succeeded"], [`xinliya_restore_drill_data_match{${s}}`, "{{backup}} rows match"]],
    }),
    dataTimeseries(ctx, {
      key: "backupSize", title: ["备份体积", "Backup size"], unit: "bytes", min: 0,
      description: [`最新转储的大小与过去 ${backupSizeWindow()} 的最大值；低于最大值的 ${formatTarget("backupSizeDropShare")} 触发 BackupSizeDropped。`, `Size of the latest dump and the largest over the last ${backupSizeWindow()}; below ${formatTarget("backupSizeDropShare")} of that fires BackupSizeDropped.`],
      targets: [[`xinliya_pg_backup_size_bytes{${s}}`, "{{backup}}"], [`max_over_time(xinliya_pg_backup_size_bytes{${s}}[${backupSizeWindow()}])`, "{{backup}} largest"]],
    }),
    dataTimeseries(ctx, {
      key: "backupDuration", title: ["备份耗时", "Backup duration"], unit: "s", min: 0,
      description: ["最近一次 pg_dump 的耗时。", "Duration of the latest pg_dump."],
      targets: [[`xinliya_pg_backup_duration_seconds{${s}}`, "{{backup}}"]],
    }),
  ];
}
