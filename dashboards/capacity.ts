// 容量规划 — capacity planning (ops guide 3.1 资源使用趋势/容量规划评估, 5.1 资源监控, 5.2 容量规划).
import { capacityTrends } from "../catalog/dashboards.ts";
import * as p from "./panels/capacity.ts";
import { databaseCapacityPanels } from "./panels/capacity-data.ts";
import * as t from "./panels/capacity-tables.ts";
import type { DashboardContext, DashboardDef, RowDef } from "./types.ts";

function trendRows(ctx: DashboardContext): RowDef[] {
  return capacityTrends().map((w) => ({
    title: { zh: `${w.range} 资源趋势`, en: `Resource trends over ${w.range}` },
    panels: (["cpu", "memory", "disk"] as const).map((r) => p.resourceTrendTimeseries(ctx, r, w)),
  }));
}

export function capacityDashboard(ctx: DashboardContext): DashboardDef {
  const longest = capacityTrends().at(-1)!;
  return {
    uid: "xinliya-capacity",
    refresh: "15m",
    title: { zh: "容量规划", en: "Capacity planning" },
    description: {
      zh: "各实例离告警阈值的余量、一周与一个月的资源趋势、磁盘预计写满时间，以及请求、LLM 调用与用户的增长。",
      en: "Headroom of every instance to the alert thresholds, resource trends over a week and a month, when each disk fills up, and the growth of requests, LLM calls and users.",
    },
    rows: [
      { title: { zh: "余量", en: "Headroom" }, panels: [t.headroomTable(ctx)] },
      ...trendRows(ctx),
      { title: { zh: "磁盘写满预测", en: "Disk forecast" }, panels: [t.diskFullTable(ctx)] },
      { title: { zh: "数据库容量", en: "Database capacity" }, panels: databaseCapacityPanels(ctx) },
      { title: { zh: "增长", en: "Growth" }, panels: [...p.growthTimeseries(ctx, longest), ...p.growthStats(ctx)] },
    ],
  };
}
