// 单机详情 — one host at a time (node-mixin's "Node Exporter / Nodes", Node Exporter Full): the
// `instance` variable is a single select, so every panel reads one machine. The instances table
// of 系统资源 links each row here.
import * as p from "./panels/host.ts";
import type { DashboardContext, DashboardDef } from "./types.ts";

export const HOST_DASHBOARD_UID = "xinliya-host";

export function hostDashboard(ctx: DashboardContext): DashboardDef {
  return {
    uid: HOST_DASHBOARD_UID,
    singleInstance: true,
    title: { zh: "单机详情", en: "Host detail" },
    description: {
      zh: "一次看一台主机：CPU（按模式）、内存、磁盘、网络与负载（含 CPU 核数），阈值线与告警规则一致。",
      en: "One host at a time: CPU by mode, memory, disks, network and load with the core count, with the same thresholds as the alerts.",
    },
    rows: [
      { title: { zh: "概况", en: "Summary" }, panels: [...p.hostGauges(ctx), p.hostFactsStat(ctx)] },
      { title: { zh: "CPU 与负载", en: "CPU and load" }, panels: [p.hostCpuModesTimeseries(ctx), p.hostLoadTimeseries(ctx)] },
      { title: { zh: "内存与磁盘", en: "Memory and disks" }, panels: [p.hostMemoryTimeseries(ctx), p.hostDiskTimeseries(ctx)] },
      { title: { zh: "网络", en: "Network" }, panels: [p.hostNetworkTimeseries(ctx)] },
    ],
  };
}
