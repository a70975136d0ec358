// Panel factories of the system-resources dashboard, one per indicator of ops guide 2.1.
import { diskFillLookback, ignoredFilesystemTypes } from "../../catalog/targets.ts";
import { formatTarget, target } from "../../catalog/thresholds.ts";
import { systemRecordNames } from "../../alerts/system.ts";
import { query, scope, timeseriesPanel, zh } from "../common.ts";
import type { DashboardContext, PanelDef } from "../types.ts";

export function cpuUtilisationTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "CPU 使用率" : "CPU usage",
    description: zh(ctx)
      ? "每个实例的 CPU 忙碌比例（5 分钟速率）。虚线为告警阈值，超过并持续即触发 HostCpuHigh。"
      : "Share of CPU time busy per instance (5 m rate). The dashed line is the HostCpuHigh threshold.",
    unit: "percentunit", min: 0, max: 1, threshold: target("cpuUtilisation"),
  }).withTarget(query(`${systemRecordNames().cpu}{${scope()}}`, "{{instance}}"));
  return { key: "cpu", panel };
}

export function memoryUtilisationTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "内存使用率" : "Memory usage",
    description: zh(ctx)
      ? "每个实例已用内存比例（1 − MemAvailable/MemTotal）。虚线为 HostMemoryHigh 告警阈值。"
      : "Share of memory in use per instance (1 − MemAvailable/MemTotal). The dashed line is the HostMemoryHigh threshold.",
    unit: "percentunit", min: 0, max: 1, threshold: target("memoryUtilisation"),
  }).withTarget(query(`${systemRecordNames().memory}{${scope()}}`, "{{instance}}"));
  return { key: "memory", panel };
}

export function diskUtilisationTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "磁盘使用率" : "Disk usage",
    description: zh(ctx)
      ? `每个真实文件系统的已用比例（不含 tmpfs、overlay、squashfs 与只读挂载）。红色虚线为 HostDiskSpaceHigh 告警阈值 ${formatTarget("diskUtilisation")}；橙色虚线 ${formatTarget("diskFillFloor")} 以上，若按趋势 ${formatTarget("diskFillHorizon")} 内写满则触发 HostDiskWillFillIn24h。`
      : `Share of each real filesystem in use (tmpfs, overlay, squashfs and read-only mounts excluded). The red dashed line is the ${formatTarget("diskUtilisation")} HostDiskSpaceHigh threshold; above the orange one (${formatTarget("diskFillFloor")}), a trend that fills the disk within ${formatTarget("diskFillHorizon")} fires HostDiskWillFillIn24h.`,
    unit: "percentunit", min: 0, max: 1, threshold: [target("diskFillFloor"), target("diskUtilisation")],
  }).withTarget(query(`${systemRecordNames().disk}{${scope()}}`, "{{instance}} {{mountpoint}}"));
  return { key: "disk", panel };
}

export function diskFillForecastTimeseries(ctx: DashboardContext): PanelDef {
  const horizon = formatTarget("diskFillHorizon");
  const panel = timeseriesPanel({
    title: zh(ctx) ? `${horizon} 后的预计剩余空间` : `Free space forecast in ${horizon}`,
    description: zh(ctx)
      ? `按过去 ${diskFillLookback()} 的趋势（predict_linear）预测每个真实文件系统 ${horizon} 后的剩余字节数。低于 0 表示将在 ${horizon} 内写满；若此时已使用超过 ${formatTarget("diskFillFloor")}，触发 HostDiskWillFillIn24h。`
      : `Free bytes of each real filesystem in ${horizon}, extrapolated from the last ${diskFillLookback()} (predict_linear). Below 0 it fills up within ${horizon}; when it is also more than ${formatTarget("diskFillFloor")} full, HostDiskWillFillIn24h fires.`,
    unit: "bytes", threshold: 0, redBelow: true,
  }).withTarget(query(`${systemRecordNames().diskForecast}{${scope()}}`, "{{instance}} {{mountpoint}}"));
  return { key: "diskForecast", panel };
}

/**
 * node_exporter's bytes received (above the axis) and sent (below), summed by `by`, lo aside; the
 * legend is `what` followed by the direction. The host and system dashboards draw network this way.
 */
export function withNetworkTargets(panel: ReturnType<typeof timeseriesPanel>, ctx: DashboardContext, by: string, what: string): ReturnType<typeof timeseriesPanel> {
  const rate = (metric: string) => `sum by (${by}) (rate(${metric}{${scope()}, device!="lo"}[$__rate_interval]))`;
  return panel
    .withTarget(query(rate("node_network_receive_bytes_total"), zh(ctx) ? `${what} 接收` : `${what} in`, "A"))
    .withTarget(query(rate("node_network_transmit_bytes_total"), zh(ctx) ? `${what} 发送` : `${what} out`, "B"))
    .overrideByQuery("B", [{ id: "custom.transform", value: "negative-Y" }]);
}

export function networkThroughputTimeseries(ctx: DashboardContext): PanelDef {
  const panel = withNetworkTargets(timeseriesPanel({
    title: zh(ctx) ? "网络吞吐" : "Network throughput",
    description: zh(ctx)
      ? "每个实例所有网卡（不含 lo）的收发字节速率：接收在横轴上方，发送在下方。"
      : "Bytes received and sent per second per instance, all devices but lo: received above the axis, sent below.",
    unit: "Bps",
  }).span(8), ctx, "job, instance", "{{instance}}");
  return { key: "network", panel };
}

export function tcpConnectionsTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "TCP 连接数" : "TCP connections",
    description: zh(ctx) ? "每个实例当前已建立的 TCP 连接数。" : "TCP connections currently established per instance.",
    unit: "short", min: 0,
  }).span(8).withTarget(query(`node_netstat_Tcp_CurrEstab{${scope()}}`, "{{instance}}"));
  return { key: "tcp", panel };
}

export function loadAverageTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "系统负载" : "Load average",
    description: zh(ctx)
      ? "每个实例的 1/5/15 分钟平均负载，红色虚线为 CPU 核数；持续高于它说明任务在排队。"
      : "1, 5 and 15 minute load average per instance, the CPU count as a dashed red line; above it for long means work is queueing.",
    unit: "short", min: 0,
  }).span(8)
    .withTarget(query(`node_load1{${scope()}}`, "{{instance}} 1m", "A"))
    .withTarget(query(`node_load5{${scope()}}`, "{{instance}} 5m", "B"))
    .withTarget(query(`node_load15{${scope()}}`, "{{instance}} 15m", "C"))
    .withTarget(query(`count by (job, instance) (rate(node_cpu_seconds_total{${scope()}, mode="idle"}[$__rate_interval]))`,
      zh(ctx) ? "{{instance}} CPU 核数" : "{{instance}} CPUs", "D"))
    .overrideByQuery("D", [
      { id: "custom.lineStyle", value: { fill: "dash", dash: [10, 10] } },
      { id: "custom.fillOpacity", value: 0 },
      { id: "color", value: { mode: "fixed", fixedColor: "red" } },
    ]);
  return { key: "load", panel };
}
