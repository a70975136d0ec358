// Panel factories of the on-call overview: what fires, by priority and one by one, and the way to
// every other dashboard. The service-level numbers are in overview-slo.ts.
import * as common from "@grafana/grafana-foundation-sdk/common";
import * as table from "@grafana/grafana-foundation-sdk/table";
import { priorities } from "../../catalog/priorities.ts";
import { runbookUrl } from "../../scripts/render/annotations.ts";
import { watchdog } from "../../catalog/watchdog.ts";
import { priorityColours, priorityMapping } from "../colours.ts";
import { query, zh } from "../common.ts";
import { bands, statPanel, styled, tableQuery, textPanel } from "../kinds.ts";
import { valueField } from "../tables.ts";
import type { DashboardContext, DashboardDef, PanelDef } from "../types.ts";

/** Firing alerts per priority; 0 when none fires (a missing series would read "no data"). */
export function alertsByPriorityStat(ctx: DashboardContext): PanelDef {
  const panel = statPanel({
    title: zh(ctx) ? "触发中的告警（按优先级）" : "Firing alerts by priority",
    description: zh(ctx)
      ? "每个优先级当前触发中的告警数（来自 ALERTS，不含 Watchdog 心跳），按优先级着色。P0 须 15 分钟内响应，P1 1 小时，P2 4 小时，P3 24 小时（运维指南 4.1）。"
      : "Alerts firing now per priority (from ALERTS, the Watchdog heartbeat aside), coloured by priority. P0 must be answered within 15 minutes, P1 1 hour, P2 4 hours, P3 24 hours (ops guide 4.1).",
    unit: "short", decimals: 0,
    bands: bands([{ from: null, color: "green" }, { from: 1, color: "red" }]),
  }, 8, 6);
  priorities().forEach((p, i) => {
    const legend = `${p.name} ${p.meaning[ctx.locale]}`;
    panel.withTarget(query(`count(ALERTS{alertstate="firing", priority="${p.name}"}) or vector(0)`, legend, "ABCD"[i]));
    const colors = bands([{ from: null, color: "green" }, { from: 1, color: priorityColours()[p.name] }]).build();
    panel.overrideByName(legend, [{ id: "thresholds", value: colors }]);
  });
  return { key: "alertsByPriority", panel };
}

/**
 * One row per firing alert, with the labels that say where, since when it is active
 * (ALERTS_FOR_STATE: the time it went pending) and a link to its runbook; the most urgent first.
 */
export function firingAlertsTable(ctx: DashboardContext): PanelDef {
  const hidden = ["Time", "__name__", "alertstate", "severity"];
  const t = zh(ctx)
    ? { title: "触发中的告警", alertname: "告警", priority: "优先级", since: "开始于", runbook: "运行手册" }
    : { title: "Firing alerts", alertname: "Alert", priority: "Priority", since: "Active since", runbook: "Runbook" };
  const notWatchdog = `alertname!="${watchdog().alert}"`;
  // One query, so one `Value` field: the active-since time of each firing alert (ms for Grafana).
  const expr = `(ALERTS_FOR_STATE{${notWatchdog}} * 1000) and ignoring (alertstate) ALERTS{alertstate="firing", ${notWatchdog}}`;
  const panel = styled(new table.PanelBuilder(), {
    title: t.title,
    description: zh(ctx)
      ? "当前触发中的每条告警及其标签（实例、智能体、供应商、备份任务……）与开始时间（进入 pending 的时刻，ALERTS_FOR_STATE），按优先级排序；点击告警名打开它的运行手册。没有告警时此表为空。"
      : "Every alert firing now with its labels (instance, agent, provider, backup ...) and since when it is active (when it went pending, ALERTS_FOR_STATE), by priority; click an alert's name for its runbook. The table is empty when nothing fires.",
    unit: "none",
  }, 16, 6)
    .withTarget(tableQuery(expr, "A"))
    .transformations([{
      id: "organize",
      options: { excludeByName: Object.fromEntries(hidden.map((h) => [h, true])), indexByName: { alertname: 0, priority: 1, Value: 2 } },
    }])
    .overrideByName("alertname", [
      { id: "displayName", value: t.alertname },
      { id: "links", value: [{ title: t.runbook, url: runbookUrl(ctx.env, "${__data.fields.alertname}"), targetBlank: true }] },
    ])
    .overrideByName("priority", [
      { id: "displayName", value: t.priority },
      { id: "mappings", value: [priorityMapping()] },
      { id: "custom.cellOptions", value: { type: common.TableCellDisplayMode.ColorBackground } },
    ])
    .overrideByName(valueField("A", 1), [{ id: "displayName", value: t.since }, { id: "unit", value: "dateTimeAsIso" }])
    .sortBy([new common.TableSortByFieldStateBuilder().displayName(t.priority).desc(false)]);
  return { key: "firingAlerts", panel };
}

/** Every other dashboard and what it is for; the header links to them too, keeping time and variables. */
export function dashboardsText(ctx: DashboardContext, others: DashboardDef[]): PanelDef {
  const head = zh(ctx) ? "| 看板 | 用途 |\n| --- | --- |" : "| Dashboard | What it shows |\n| --- | --- |";
  const rows = others.map((d) => `| [${d.title[ctx.locale]}](/d/${d.uid}) | ${d.description[ctx.locale]} |`);
  const panel = textPanel({
    title: zh(ctx) ? "其他看板" : "Other dashboards",
    description: zh(ctx)
      ? "值班时从这里进入各专题看板；每个看板顶部也有到其他看板的链接（保留时间范围与变量）。"
      : "Where to go from here when on call; every dashboard's header links to the others too (keeping time range and variables).",
    content: [head, ...rows].join("\n"),
  }, 24, 2 + others.length);
  return { key: "dashboards", panel };
}
