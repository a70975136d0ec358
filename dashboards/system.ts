// 系统资源 — system resources of every node (ops guide 2.1 系统层面, 5.1).
import * as p from "./panels/system.ts";
import * as t from "./panels/system-tables.ts";
import type { DashboardContext, DashboardDef } from "./types.ts";
import { systemFailureRow } from "./panels/failure-modes.ts";

export function systemDashboard(ctx: DashboardContext): DashboardDef {
  return {
    uid: "xinliya-system",
    title: { zh: "系统资源", en: "System resources" },
    description: {
      zh: "各节点的 CPU、内存、磁盘、网络与负载，阈值线与告警规则一致。",
      en: "CPU, memory, disk, network and load of every node, with the same thresholds as the alerts.",
    },
    rows: [
      {
        title: { zh: "实例一览", en: "Instances" },
        panels: [t.instancesTable(ctx)],
      },
      {
        title: { zh: "资源使用率", en: "Utilisation" },
        panels: [
          p.cpuUtilisationTimeseries(ctx), p.memoryUtilisationTimeseries(ctx),
          p.diskUtilisationTimeseries(ctx), p.diskFillForecastTimeseries(ctx),
        ],
      },
      {
        title: { zh: "文件系统", en: "Filesystems" },
        panels: [t.filesystemsTable(ctx)],
      },
      {
        title: { zh: "网络与负载", en: "Network and load" },
        panels: [p.networkThroughputTimeseries(ctx), p.tcpConnectionsTimeseries(ctx), p.loadAverageTimeseries(ctx)],
      },
      systemFailureRow(ctx),
    ],
  };
}
