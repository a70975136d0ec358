// Panel factories of the capacity-planning dashboard (ops guide 3.1 资源使用趋势, 5.1, 5.2): the
// resource trends over a week and a month, and the growth of traffic, LLM calls and users.
import { agentRecordNames } from "../../alerts/agents.ts";
import { apiRecordNames } from "../../alerts/api.ts";
import { systemRecordNames } from "../../alerts/system.ts";
import { type TrendWindow, growthComparison } from "../../catalog/dashboards.ts";
import type { TargetName } from "../../catalog/targets.ts";
import { formatTarget, target } from "../../catalog/thresholds.ts";
import { jobScope, query, scope, timeseriesPanel, zh } from "../common.ts";
import { statPanel } from "../kinds.ts";
import type { DashboardContext, PanelDef } from "../types.ts";

type Resource = "cpu" | "memory" | "disk";

function resourceFacts(ctx: DashboardContext, resource: Resource): { name: string; target: TargetName; legend: string } {
  const z = zh(ctx);
  switch (resource) {
    case "cpu": return { name: z ? "CPU 使用率" : "CPU usage", target: "cpuUtilisation", legend: "{{instance}}" };
    case "memory": return { name: z ? "内存使用率" : "Memory usage", target: "memoryUtilisation", legend: "{{instance}}" };
    case "disk": return { name: z ? "磁盘使用率" : "Disk usage", target: "diskUtilisation", legend: "{{instance}} {{mountpoint}}" };
  }
}

/** A resource over a long window: the mean and the peak of every step, against the alert threshold. */
export function resourceTrendTimeseries(ctx: DashboardContext, resource: Resource, w: TrendWindow): PanelDef {
  const f = resourceFacts(ctx, resource);
  const series = `${systemRecordNames()[resource]}{${scope()}}`;
  const panel = timeseriesPanel({
    title: zh(ctx) ? `${f.name}趋势（${w.range}）` : `${f.name} trend (${w.range})`,
    description: zh(ctx)
      ? `最近 ${w.range} 的${f.name}：每个点是至少 ${w.step} 内的平均值与峰值。虚线为告警阈值 ${formatTarget(f.target)}；峰值逐周逼近它时需要扩容（运维指南 5.2）。`
      : `${f.name} over the last ${w.range}: each point is the mean and the peak of at least ${w.step}. The dashed line is the ${formatTarget(f.target)} alert threshold; peaks creeping towards it week after week call for more capacity (ops guide 5.2).`,
    unit: "percentunit", min: 0, max: 1, threshold: target(f.target),
  })
    .span(8)
    .timeFrom(w.range)
    .interval(w.step)
    .withTarget(query(`avg_over_time(${series}[$__interval])`, `${f.legend} ${zh(ctx) ? "平均" : "mean"}`, "A"))
    .withTarget(query(`max_over_time(${series}[$__interval])`, `${f.legend} ${zh(ctx) ? "峰值" : "peak"}`, "B"));
  return { key: `${resource}Trend${w.range}`, panel };
}

interface Growth {
  key: string;
  title: string;
  description: string;
  /** The value over `window` (ending `offset` ago), by job. */
  over: (window: string, offset?: string) => string;
  unit: "reqps" | "short";
}

function shifted(series: string, window: string, offset?: string): string {
  return `${series}[${window}]${offset ? ` offset ${offset}` : ""}`;
}

function growths(ctx: DashboardContext): Growth[] {
  const z = zh(ctx);
  return [
    {
      key: "requestGrowth", unit: "reqps",
      title: z ? "API 请求量增长" : "API request growth",
      description: z ? "每天的平均每秒请求数" : "Mean requests per second of each day",
      over: (w, o) => `sum by (job) (avg_over_time(${shifted(`${apiRecordNames().requests}{${jobScope()}}`, w, o)}))`,
    },
    {
      key: "llmGrowth", unit: "reqps",
      title: z ? "LLM 调用量增长" : "LLM call growth",
      description: z ? "每天的平均每秒 LLM 调用数（成本随之增长）" : "Mean LLM calls per second of each day (cost grows with it)",
      over: (w, o) => `sum by (job) (avg_over_time(${shifted(`${agentRecordNames().llmCalls}{${jobScope()}}`, w, o)}))`,
    },
    {
      key: "userGrowth", unit: "short",
      title: z ? "并发用户峰值增长" : "Peak concurrent users growth",
      description: z ? "每天的并发用户峰值" : "Peak concurrent users of each day",
      over: (w, o) => `sum by (job) (max_over_time(${shifted(`xinliya_concurrent_users{${scope()}}`, w, o)}))`,
    },
  ];
}

/** Each growth panel: the daily value over the longest trend window, beside the same day a week before. */
export function growthTimeseries(ctx: DashboardContext, w: TrendWindow): PanelDef[] {
  const { mean, offset } = growthComparison();
  return growths(ctx).map((g) => {
    const panel = timeseriesPanel({
      title: `${g.title}（${w.range}）`,
      description: zh(ctx)
        ? `${g.description}，最近 ${w.range}；虚线为 ${offset} 前的同一天，两线之差即周环比增长（运维指南 5.2 用户增长预测）。`
        : `${g.description}, over the last ${w.range}; the dashed line is the same day ${offset} earlier, and the gap between them is the week-over-week growth (ops guide 5.2).`,
      unit: g.unit, min: 0,
    })
      .span(8)
      .timeFrom(w.range)
      .interval(w.step)
      .withTarget(query(g.over(mean), "{{job}}", "A"))
      .withTarget(query(g.over(mean, offset), zh(ctx) ? `{{job}} ${offset} 前` : `{{job}} ${offset} earlier`, "B"))
      .overrideByQuery("B", [{ id: "custom.lineStyle", value: { fill: "dash", dash: [10, 10] } }]);
    return { key: g.key, panel };
  });
}

/** This week against the week before, as one number per growth panel. */
export function growthStats(ctx: DashboardContext): PanelDef[] {
  const { offset } = growthComparison();
  return growths(ctx).map((g) => {
    const panel = statPanel({
      title: zh(ctx) ? `${g.title}（周环比）` : `${g.title} (week over week)`,
      description: zh(ctx)
        ? `最近 ${offset} 与再往前 ${offset} 相比的增长比例（${g.description}）。`
        : `Growth of the last ${offset} over the ${offset} before it (${g.description}).`,
      unit: "percentunit", decimals: 1,
    }, 8, 4).withTarget(query(`sum(${g.over(offset)}) / sum(${g.over(offset, offset)}) - 1`, zh(ctx) ? "周环比" : "week over week"));
    return { key: `${g.key}WeekOverWeek`, panel };
  });
}
