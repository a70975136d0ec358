// The usual host set beyond CPU, memory and disk space (issue 10, item 8): read-only remounts,
// failing collectors (neither may silently resolve a disk alert), inodes, the fast-fill tier,
// OOM kills, clock offset and CPU steal. From node_exporter, like alerts/system.ts.
import { diskFastFillLookback, rateWindow } from "../catalog/targets.ts";
import { formatTarget, target } from "../catalog/thresholds.ts";
import { jobMatcher } from "../catalog/selectors.ts";
import { realFilesystems, systemRecordNames } from "./system.ts";
import type { AlertDef, RuleContext, RuleGroupDef } from "./types.ts";

/** The collectors our alerts read: when one fails, its series vanish and its alerts resolve. */
export function watchedCollectors(): string[] {
  return ["cpu", "meminfo", "filesystem", "vmstat", "timex"];
}

function alerts(ctx: RuleContext): AlertDef[] {
  const job = jobMatcher(ctx.env, "node");
  const fs = realFilesystems(ctx);
  const on = "on (job, instance, device, mountpoint)";
  const noFloor = "a host condition, not a share of events";
  return [
    {
      kind: "alert",
      name: "HostFilesystemReadOnly",
      expr: `node_filesystem_readonly{${fs}} == 1`,
      priority: "P1",
      noTrafficFloor: noFloor,
      summary: { zh: "文件系统被重新挂载为只读", en: "A filesystem is mounted read-only" },
      description: {
        zh: (t) => `实例 ${t.label("instance")} 上挂载点 ${t.label("mountpoint")}（${t.label("device")}）为只读（值 ${t.value("number")}）：通常是内核因磁盘错误而重新挂载，写入全部失败；磁盘空间告警不再评估它。`,
        en: (t) => `Filesystem ${t.label("mountpoint")} (${t.label("device")}) on ${t.label("instance")} is read-only (value ${t.value("number")}): usually the kernel remounted it after disk errors, and every write fails; the disk-space alerts no longer judge it.`,
      },
      dashboard: { uid: "xinliya-system", panel: "hostHealth" },
    },
    {
      kind: "alert",
      name: "HostCollectorFailing",
      expr: `node_scrape_collector_success{${job}, collector=~"${watchedCollectors().join("|")}"} == 0`,
      priority: "P1",
      noTrafficFloor: noFloor,
      summary: { zh: "node_exporter 采集器失败", en: "A node_exporter collector fails" },
      description: {
        zh: (t) => `实例 ${t.label("instance")} 的 node_exporter 采集器 ${t.label("collector")} 失败（值 ${t.value("number")}）：它的指标已消失，依赖它的主机告警（例如磁盘告警）会悄悄恢复而不是触发。`,
        en: (t) => `Collector ${t.label("collector")} of node_exporter on ${t.label("instance")} fails (value ${t.value("number")}): its series are gone, and the host alerts that read them (disk alerts, say) resolve silently instead of firing.`,
      },
      dashboard: { uid: "xinliya-system", panel: "hostHealth" },
    },
    {
      kind: "alert",
      name: "HostInodesHigh",
      expr: `1 - node_filesystem_files_free{${fs}} / node_filesystem_files{${fs}} > ${target("inodeUtilisation")}`,
      priority: "P1",
      noTrafficFloor: noFloor,
      summary: { zh: "文件系统 inode 即将用尽", en: "A filesystem is running out of inodes" },
      description: {
        zh: (t) => `实例 ${t.label("instance")} 上挂载点 ${t.label("mountpoint")} 的 inode 已使用 ${t.value("percent")}，高于阈值 ${formatTarget("inodeUtilisation")}：即使仍有空间也无法创建文件。`,
        en: (t) => `${t.value("percent")} of the inodes of ${t.label("mountpoint")} on ${t.label("instance")} are used, above the ${formatTarget("inodeUtilisation")} threshold: no file can be created even with space left.`,
      },
      dashboard: { uid: "xinliya-system", panel: "hostShares" },
    },
    {
      kind: "alert",
      name: "HostDiskWillFillIn4h",
      expr:
        `${systemRecordNames().disk} > ${target("diskFillFloor")} and ${on}` +
        ` predict_linear(node_filesystem_avail_bytes{${fs}}[${diskFastFillLookback()}], ${target("diskFastFillHorizon")}) < 0`,
      priority: "P1",
      noTrafficFloor: noFloor,
      summary: { zh: "磁盘预计将在 4 小时内写满", en: "A filesystem is predicted to fill up within 4 hours" },
      description: {
        zh: (t) => `实例 ${t.label("instance")} 上挂载点 ${t.label("mountpoint")} 已使用 ${t.value("percent")}，按最近 ${diskFastFillLookback()} 的趋势将在 ${formatTarget("diskFastFillHorizon")} 内写满。`,
        en: (t) => `Filesystem ${t.label("mountpoint")} on ${t.label("instance")} is ${t.value("percent")} full and, at the trend of the last ${diskFastFillLookback()}, fills up within ${formatTarget("diskFastFillHorizon")}.`,
      },
      dashboard: { uid: "xinliya-system", panel: "disk" },
    },
    {
      kind: "alert",
      name: "HostOomKills",
      expr: `increase(node_vmstat_oom_kill{${job}}[${rateWindow()}]) > 0`,
      priority: "P2",
      summary: { zh: "主机发生 OOM 杀进程", en: "The kernel killed processes out of memory" },
      description: {
        zh: (t) => `实例 ${t.label("instance")} 最近 ${rateWindow()} 内核 OOM killer 杀掉了 ${t.value("number")} 个进程。`,
        en: (t) => `The kernel's OOM killer killed ${t.value("number")} processes on ${t.label("instance")} over the last ${rateWindow()}.`,
      },
      dashboard: { uid: "xinliya-system", panel: "hostHealth" },
    },
    {
      kind: "alert",
      name: "HostClockSkew",
      expr: `abs(node_timex_offset_seconds{${job}}) > ${target("clockOffset")}`,
      priority: "P2",
      summary: { zh: "主机时钟偏差过大", en: "A host clock is off" },
      description: {
        zh: (t) => `实例 ${t.label("instance")} 的时钟偏差为 ${t.value("decimal")} 秒，超过 ${formatTarget("clockOffset")}：令牌、证书与日志时间可能出错。`,
        en: (t) => `The clock of ${t.label("instance")} is ${t.value("decimal")} s off, more than ${formatTarget("clockOffset")}: tokens, certificates and log times may be wrong.`,
      },
      dashboard: { uid: "xinliya-system", panel: "hostClock" },
    },
    {
      kind: "alert",
      name: "HostCpuStealHigh",
      expr: `avg without (cpu, mode) (rate(node_cpu_seconds_total{${job}, mode="steal"}[${rateWindow()}])) > ${target("cpuStealShare")}`,
      priority: "P2",
      summary: { zh: "虚拟机 CPU 被宿主机挪用", en: "The hypervisor steals CPU time" },
      description: {
        zh: (t) => `实例 ${t.label("instance")} 有 ${t.value("percent")} 的 CPU 时间被宿主机挪用（steal），高于阈值 ${formatTarget("cpuStealShare")}：服务变慢而本机 CPU 使用率看起来正常。`,
        en: (t) => `${t.value("percent")} of the CPU time of ${t.label("instance")} is stolen by the hypervisor, above the ${formatTarget("cpuStealShare")} threshold: services slow down while local CPU usage looks normal.`,
      },
      dashboard: { uid: "xinliya-system", panel: "hostShares" },
    },
  ];
}

export function hostRules(ctx: RuleContext): RuleGroupDef {
  return { domain: "hosts", group: "xinliya.hosts", rules: alerts(ctx), tests: [], reads: [{ domain: "system", group: "xinliya.system" }] };
}
