// The tables of the system-resources dashboard: one row per instance, one row per filesystem.
// Every column aggregates to exactly the labels of its row, so that the columns merge.
import { systemRecordNames } from "../../alerts/system.ts";
import { ignoredFilesystemTypes } from "../../catalog/targets.ts";
import { target } from "../../catalog/thresholds.ts";
import { scope, zh } from "../common.ts";
import { drillDown, tablePanel } from "../tables.ts";
import type { DashboardContext, PanelDef } from "../types.ts";

export function instancesTable(ctx: DashboardContext): PanelDef {
  const by = (agg: string, expr: string) => `${agg} by (job, instance) (${expr})`;
  const rate = (metric: string, extra = "") => `rate(${metric}{${scope()}${extra}}[$__rate_interval])`;
  const r = systemRecordNames();
  const t = zh(ctx)
    ? { title: "实例一览", instance: "实例", cpu: "CPU", mem: "内存", disk: "最满的磁盘", load: "1 分钟负载", cores: "CPU 核数", avail: "可用内存", tcp: "TCP 连接", rx: "接收", tx: "发送" }
    : { title: "Instances", instance: "Instance", cpu: "CPU", mem: "Memory", disk: "Fullest disk", load: "Load 1m", cores: "CPU cores", avail: "Memory available", tcp: "TCP connections", rx: "Received", tx: "Sent" };
  const panel = tablePanel({
    title: t.title,
    description: zh(ctx)
      ? "每个实例的当前状态，一行一个实例。CPU、内存与最满磁盘的单元格按告警阈值着色；负载持续高于 CPU 核数说明任务在排队。"
      : "The current state of every instance, one row each. CPU, memory and the fullest disk are coloured by the alert thresholds; a load above the CPU count for long means work is queueing.",
    labels: { instance: t.instance },
    links: { labels: ["instance"], title: zh(ctx) ? "单机详情" : "Host detail", url: drillDown("xinliya-host", { instance: "instance" }) },
    columns: [
      { name: t.cpu, unit: "percentunit", threshold: target("cpuUtilisation"), expr: by("max", `${r.cpu}{${scope()}}`) },
      { name: t.mem, unit: "percentunit", threshold: target("memoryUtilisation"), expr: by("max", `${r.memory}{${scope()}}`) },
      { name: t.disk, unit: "percentunit", threshold: target("diskUtilisation"), expr: by("max", `${r.disk}{${scope()}}`) },
      { name: t.load, unit: "short", decimals: 2, expr: by("max", `node_load1{${scope()}}`) },
      { name: t.cores, unit: "short", expr: by("count", rate("node_cpu_seconds_total", ', mode="idle"')) },
      { name: t.avail, unit: "bytes", expr: by("max", `node_memory_MemAvailable_bytes{${scope()}}`) },
      { name: t.tcp, unit: "short", expr: by("max", `node_netstat_Tcp_CurrEstab{${scope()}}`) },
      { name: t.rx, unit: "Bps", expr: by("sum", rate("node_network_receive_bytes_total", ', device!="lo"')) },
      { name: t.tx, unit: "Bps", expr: by("sum", rate("node_network_transmit_bytes_total", ', device!="lo"')) },
    ],
    sortBy: { column: t.cpu, desc: true },
  });
  return { key: "instances", panel };
}

export function filesystemsTable(ctx: DashboardContext): PanelDef {
  const labels = "job, instance, mountpoint, fstype";
  const fs = `${scope()}, fstype!~"${ignoredFilesystemTypes().join("|")}"`;
  const t = zh(ctx)
    ? { title: "文件系统", instance: "实例", mountpoint: "挂载点", fstype: "类型", used: "已用", size: "容量", avail: "可用", ro: "挂载方式", rw: "读写", roText: "只读" }
    : { title: "Filesystems", instance: "Instance", mountpoint: "Mount point", fstype: "Type", used: "Used", size: "Size", avail: "Available", ro: "Mount", rw: "read-write", roText: "read-only" };
  const panel = tablePanel({
    title: t.title,
    description: zh(ctx)
      ? "每个真实文件系统（不含 tmpfs、overlay、squashfs）的容量、可用空间与已用比例，已用比例按 HostDiskSpaceHigh 的阈值着色。只读挂载不会被写满，没有已用比例。"
      : "Size, free space and share used of every real filesystem (no tmpfs, overlay or squashfs); the share used is coloured by the HostDiskSpaceHigh threshold. Read-only mounts cannot fill up and have no share used.",
    labels: { instance: t.instance, mountpoint: t.mountpoint, fstype: t.fstype },
    links: { labels: ["instance"], title: zh(ctx) ? "单机详情" : "Host detail", url: drillDown("xinliya-host", { instance: "instance" }) },
    columns: [
      { name: t.used, unit: "percentunit", threshold: target("diskUtilisation"), expr: `max by (${labels}) (${systemRecordNames().disk}{${scope()}})` },
      { name: t.size, unit: "bytes", expr: `max by (${labels}) (node_filesystem_size_bytes{${fs}})` },
      { name: t.avail, unit: "bytes", expr: `max by (${labels}) (node_filesystem_avail_bytes{${fs}})` },
      {
        name: t.ro, unit: "none", expr: `max by (${labels}) (node_filesystem_readonly{${fs}})`,
        mappings: { 0: { text: t.rw, color: "green" }, 1: { text: t.roText, color: "blue" } },
      },
    ],
    sortBy: { column: t.used, desc: true },
  });
  return { key: "filesystems", panel };
}
