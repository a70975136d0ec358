// The database's part of capacity planning (issue 13): size growth per day, and the days until
// the database volume is full at that pace (the same 7-day least-squares slope as the disk forecast).
import { capacityForecastLookback } from "../../catalog/dashboards.ts";
import { dataTargetsOf } from "../../catalog/data-targets.ts";
import { scope } from "../common.ts";
import type { DashboardContext, PanelDef } from "../types.ts";
import { dataTimeseries } from "./data-common.ts";

export function databaseCapacityPanels(ctx: DashboardContext): PanelDef[] {
  const s = scope();
  const w = capacityForecastLookback();
  const growth = `sum by (instance) (deriv(pg_database_size_bytes{${s}}[${w}]))`;
  const mount = dataTargetsOf(ctx.env).databaseMountpoint;
  return [
    dataTimeseries(ctx, {
      key: "databaseGrowth", title: ["数据库大小增长（每天）", "Database growth per day"], unit: "bytes",
      description: [`所有数据库合计的大小每天增长多少：最近 ${w} 的最小二乘斜率乘以一天。`, `How much all databases together grow per day: the least-squares slope of the last ${w}, times one day.`],
      targets: [[`${growth} * 86400`, "{{instance}}"], [`sum by (instance) (pg_database_size_bytes{${s}})`, "{{instance}} size now"]],
    }),
    dataTimeseries(ctx, {
      key: "databaseVolumeFull", title: ["数据库卷预计写满时间", "Time until the database volume is full"], unit: "s", min: 0,
      description: [`数据库卷（${mount}）的可用空间除以数据库每秒的增长（最近 ${w} 的斜率）：按当前速度还有多久写满。数据库不增长时无数据。`, `Free space of the database volume (${mount}) divided by the database's growth per second (the slope of the last ${w}): how long until it is full at this pace. No data while the database does not grow.`],
      targets: [[`min(node_filesystem_avail_bytes{${s}, mountpoint="${mount}"}) / (sum(deriv(pg_database_size_bytes{${s}}[${w}])) > 0)`, "database volume"]],
    }),
  ];
}
