// The tables of the capacity-planning dashboard: headroom per instance, and when each disk fills up.
import { capacityRecordNames } from "../../alerts/capacity.ts";
import { systemRecordNames } from "../../alerts/system.ts";
import { capacityForecastLookback, capacityPlanningHorizon, headroomPeakWindow } from "../../catalog/dashboards.ts";
import { seconds } from "../../catalog/duration.ts";
import { ignoredFilesystemTypes } from "../../catalog/targets.ts";
import { formatTarget, target } from "../../catalog/thresholds.ts";
import { scope, zh } from "../common.ts";
import { bands } from "../kinds.ts";
import { drillDown, tablePanel } from "../tables.ts";
import type { DashboardContext, PanelDef } from "../types.ts";

export function headroomTable(ctx: DashboardContext): PanelDef {
  const r = systemRecordNames();
  const peak = headroomPeakWindow();
  const by = (expr: string) => `max by (job, instance) (${expr})`;
  const t = zh(ctx)
    ? { title: "各实例余量", instance: "实例", cpu: "CPU 余量", mem: "内存余量", disk: "磁盘余量", cores: "CPU 核数", total: "内存总量" }
    : { title: "Headroom per instance", instance: "Instance", cpu: "CPU headroom", mem: "Memory headroom", disk: "Disk headroom", cores: "CPU cores", total: "Memory" };
  const panel = tablePanel({
    title: t.title,
    description: zh(ctx)
      ? `每个实例离告警阈值还有多远：CPU 与内存为阈值（${formatTarget("cpuUtilisation")}、${formatTarget("memoryUtilisation")}）减去最近 ${peak} 的峰值，磁盘为阈值 ${formatTarget("diskUtilisation")} 减去当前最满的文件系统。小于 0 为红色：峰值已越过阈值，需要扩容或优化。`
      : `How far each instance is from the alert thresholds: for CPU and memory the threshold (${formatTarget("cpuUtilisation")}, ${formatTarget("memoryUtilisation")}) minus the peak of the last ${peak}, for disk the ${formatTarget("diskUtilisation")} threshold minus the fullest filesystem now. Red below 0: the peak crossed the threshold; add capacity or optimise.`,
    labels: { instance: t.instance },
    links: { labels: ["instance"], title: zh(ctx) ? "单机详情" : "Host detail", url: drillDown("xinliya-host", { instance: "instance" }) },
    columns: [
      { name: t.cpu, unit: "percentunit", threshold: 0, redBelow: true, expr: `${target("cpuUtilisation")} - ${by(`max_over_time(${r.cpu}{${scope()}}[${peak}])`)}` },
      { name: t.mem, unit: "percentunit", threshold: 0, redBelow: true, expr: `${target("memoryUtilisation")} - ${by(`max_over_time(${r.memory}{${scope()}}[${peak}])`)}` },
      { name: t.disk, unit: "percentunit", threshold: 0, redBelow: true, expr: `${target("diskUtilisation")} - ${by(`${r.disk}{${scope()}}`)}` },
      { name: t.cores, unit: "short", expr: `count by (job, instance) (rate(node_cpu_seconds_total{${scope()}, mode="idle"}[$__rate_interval]))` },
      { name: t.total, unit: "bytes", expr: by(`node_memory_MemTotal_bytes{${scope()}}`) },
    ],
    sortBy: { column: t.cpu, desc: false },
  });
  return { key: "headroom", panel };
}

/**
 * When the free space of each filesystem reaches 0 on the straight line that `predict_linear`
 * fits: its fitted value now (`predict_linear(…, 0)`) divided by the fall per second (`-deriv`,
 * the slope of the same least-squares line). Only filesystems whose free space is falling.
 */
export function diskFullTable(ctx: DashboardContext): PanelDef {
  const lookback = capacityForecastLookback();
  const horizon = capacityPlanningHorizon();
  const labels = "job, instance, mountpoint";
  // The trend's slope and its value now, recorded (alerts/capacity.ts): 7 d of every filesystem
  // read once per evaluation instead of three times per refresh.
  const rec = capacityRecordNames();
  const slope = `${rec.slope}{${scope()}}`;
  const fitted = `${rec.fitted}{${scope()}}`;
  const day = seconds("1d");
  const t = zh(ctx)
    ? { title: "磁盘预计写满时间", instance: "实例", mountpoint: "挂载点", full: "预计写满", growth: "每天新增占用", used: "已用", avail: "可用" }
    : { title: "Time until each disk is full", instance: "Instance", mountpoint: "Mount point", full: "Full in", growth: "Growth per day", used: "Used", avail: "Available" };
  const panel = tablePanel({
    title: t.title,
    description: zh(ctx)
      ? `按最近 ${lookback} 的趋势（predict_linear 的线性拟合）推算每个文件系统多久后写满；可用空间没有减少的文件系统此列为空。${formatTarget("diskFillHorizon")} 内为红色（告警 HostDiskWillFillIn24h 的范围），${horizon} 内为橙色（下一季度的容量规划要考虑它，运维指南 3.1）。`
      : `When each filesystem fills up on the trend of the last ${lookback} (the straight line of predict_linear); blank where the free space does not fall. Red within ${formatTarget("diskFillHorizon")} (the range of HostDiskWillFillIn24h), orange within ${horizon} (the next quarter's capacity plan must include it, ops guide 3.1).`,
    labels: { instance: t.instance, mountpoint: t.mountpoint },
    links: { labels: ["instance"], title: zh(ctx) ? "单机详情" : "Host detail", url: drillDown("xinliya-host", { instance: "instance" }) },
    columns: [
      {
        name: t.full, unit: "dtdurations",
        bands: bands([{ from: null, color: "red" }, { from: target("diskFillHorizon"), color: "orange" }, { from: seconds(horizon), color: "green" }]),
        expr: `max by (${labels}) (${fitted} / -${slope} and ${slope} < 0)`,
      },
      { name: t.growth, unit: "bytes", expr: `max by (${labels}) (-${slope} * ${day})` },
      { name: t.used, unit: "percentunit", threshold: target("diskUtilisation"), expr: `max by (${labels}) (${systemRecordNames().disk}{${scope()}})` },
      { name: t.avail, unit: "bytes", expr: `max by (${labels}) (node_filesystem_avail_bytes{${scope()}, fstype!~"${ignoredFilesystemTypes().join("|")}"})` },
    ],
    sortBy: { column: t.full, desc: false },
  });
  return { key: "diskFull", panel };
}
