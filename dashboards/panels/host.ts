// Panel factories of the single-host view (node-mixin's "Node Exporter / Nodes", Node Exporter
// Full): one instance, chosen in a single-select `instance` variable, its CPU, memory, disk,
// network and load with the core count, against the same thresholds as the alerts.
import * as common from "@grafana/grafana-foundation-sdk/common";
import { systemRecordNames } from "../../alerts/system.ts";
import { ignoredFilesystemTypes } from "../../catalog/targets.ts";
import { target } from "../../catalog/thresholds.ts";
import { fixedColour } from "../colours.ts";
import { query, scope, timeseriesPanel, zh } from "../common.ts";
import { gaugePanel, statPanel } from "../kinds.ts";
import type { DashboardContext, PanelDef } from "../types.ts";
import { withNetworkTargets } from "./system.ts";

const cores = () => `count by (job, instance) (rate(node_cpu_seconds_total{${scope()}, mode="idle"}[$__rate_interval]))`;
const fs = () => `${scope()}, fstype!~"${ignoredFilesystemTypes().join("|")}"`;

function usageGauge(ctx: DashboardContext, key: string, title: [string, string], expr: string, threshold: number, alert: string): PanelDef {
  const panel = gaugePanel({
    title: zh(ctx) ? title[0] : title[1],
    description: zh(ctx)
      ? `该实例当前的${title[0]}；红色自告警阈值起（${alert}）。`
      : `${title[1]} of this instance now; red from the alert threshold (${alert}).`,
    unit: "percentunit", min: 0, max: 1, threshold,
  }, 6, 5).withTarget(query(expr, "{{instance}}"));
  return { key, panel };
}

export function hostGauges(ctx: DashboardContext): PanelDef[] {
  const r = systemRecordNames();
  return [
    usageGauge(ctx, "hostCpu", ["CPU 使用率", "CPU usage"], `${r.cpu}{${scope()}}`, target("cpuUtilisation"), "HostCpuHigh"),
    usageGauge(ctx, "hostMemory", ["内存使用率", "Memory usage"], `${r.memory}{${scope()}}`, target("memoryUtilisation"), "HostMemoryHigh"),
    usageGauge(ctx, "hostDisk", ["最满磁盘的使用率", "Fullest disk"], `max by (job, instance) (${r.disk}{${scope()}})`, target("diskUtilisation"), "HostDiskSpaceHigh"),
  ];
}

export function hostFactsStat(ctx: DashboardContext): PanelDef {
  const panel = statPanel({
    title: zh(ctx) ? "CPU 核数与内存" : "CPU cores and memory",
    description: zh(ctx) ? "该实例的 CPU 核数与内存总量。" : "CPU cores and total memory of this instance.",
    unit: "short", decimals: 0,
  }, 6, 5)
    .withTarget(query(cores(), zh(ctx) ? "CPU 核数" : "CPU cores", "A"))
    .withTarget(query(`node_memory_MemTotal_bytes{${scope()}}`, zh(ctx) ? "内存" : "Memory", "B"))
    .overrideByQuery("B", [{ id: "unit", value: "bytes" }, { id: "decimals", value: 1 }]);
  return { key: "hostFacts", panel };
}

export function hostCpuModesTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "CPU（按模式）" : "CPU by mode",
    description: zh(ctx)
      ? "该实例 CPU 时间在各模式（user、system、iowait、steal……，不含 idle）上的占比，按核数平均后堆叠。虚线为 HostCpuHigh 的阈值（iowait 与 steal 不计入告警）。"
      : "Share of this instance's CPU time in each mode (user, system, iowait, steal ..., idle aside), averaged over the cores and stacked. The dashed line is the HostCpuHigh threshold (iowait and steal do not count towards the alert).",
    unit: "percentunit", min: 0, max: 1, threshold: target("cpuUtilisation"),
  }).stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal))
    .withTarget(query(
      `sum by (job, instance, mode) (rate(node_cpu_seconds_total{${scope()}, mode!="idle"}[$__rate_interval])) / on (job, instance) group_left () ${cores()}`,
      "{{mode}}"));
  return { key: "hostCpuModes", panel };
}

export function hostLoadTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "系统负载与 CPU 核数" : "Load and CPU cores",
    description: zh(ctx)
      ? "该实例的 1/5/15 分钟平均负载，红色虚线为 CPU 核数；持续高于它说明任务在排队。"
      : "1, 5 and 15 minute load average of this instance, the CPU count as a dashed red line; above it for long means work is queueing.",
    unit: "short", min: 0,
  })
    .withTarget(query(`node_load1{${scope()}}`, "1m", "A"))
    .withTarget(query(`node_load5{${scope()}}`, "5m", "B"))
    .withTarget(query(`node_load15{${scope()}}`, "15m", "C"))
    .withTarget(query(cores(), zh(ctx) ? "CPU 核数" : "CPU cores", "D"))
    .overrideByQuery("D", [
      { id: "custom.lineStyle", value: { fill: "dash", dash: [10, 10] } },
      { id: "custom.fillOpacity", value: 0 },
      fixedColour("red"),
    ]);
  return { key: "hostLoad", panel };
}

export function hostMemoryTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "内存" : "Memory",
    description: zh(ctx)
      ? "该实例已用内存（MemTotal − MemAvailable）与内存总量（字节）。已用比例见上方仪表，HostMemoryHigh 的阈值按比例判断。"
      : "Memory in use (MemTotal − MemAvailable) and total memory of this instance, in bytes. The share used is on the gauge above; HostMemoryHigh compares the share.",
    unit: "bytes", min: 0,
  })
    .withTarget(query(`node_memory_MemTotal_bytes{${scope()}} - node_memory_MemAvailable_bytes{${scope()}}`, zh(ctx) ? "已用" : "used", "A"))
    .withTarget(query(`node_memory_MemTotal_bytes{${scope()}}`, zh(ctx) ? "总量" : "total", "B"))
    .overrideByQuery("B", [{ id: "custom.fillOpacity", value: 0 }, { id: "custom.lineStyle", value: { fill: "dash", dash: [10, 10] } }]);
  return { key: "hostMemoryBytes", panel };
}

export function hostDiskTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "各文件系统使用率" : "Filesystems used",
    description: zh(ctx)
      ? "该实例每个真实文件系统的已用比例与 inode 已用比例。红色虚线为 HostDiskSpaceHigh 的阈值，橙色为写满预测的下限。"
      : "Share used of each real filesystem of this instance, and of its inodes. The red dashed line is the HostDiskSpaceHigh threshold, the orange one the floor of the fill forecast.",
    unit: "percentunit", min: 0, max: 1, threshold: [target("diskFillFloor"), target("diskUtilisation")],
  })
    .withTarget(query(`${systemRecordNames().disk}{${scope()}}`, "{{mountpoint}}", "A"))
    .withTarget(query(`1 - node_filesystem_files_free{${fs()}} / node_filesystem_files{${fs()}}`, zh(ctx) ? "{{mountpoint}} inode" : "{{mountpoint}} inodes", "B"));
  return { key: "hostFilesystems", panel };
}

export function hostNetworkTimeseries(ctx: DashboardContext): PanelDef {
  const panel = withNetworkTargets(timeseriesPanel({
    title: zh(ctx) ? "网络（按网卡）" : "Network by device",
    description: zh(ctx)
      ? "该实例每块网卡（不含 lo）的收发字节速率：接收在横轴上方，发送在下方。"
      : "Bytes received and sent per second by each device of this instance (lo aside): received above the axis, sent below.",
    unit: "Bps",
  }).span(24), ctx, "job, instance, device", "{{device}}");
  return { key: "hostNetwork", panel };
}
