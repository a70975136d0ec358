// Panel factories of the business dashboard: how the product is used (ops guide 2.1 功能使用频率,
// 错误类型分布, 活跃会话数和并发用户). Labels are bounded names (feature, error_type), never a user.
import * as common from "@grafana/grafana-foundation-sdk/common";
import { query, scope, timeseriesPanel, zh } from "../common.ts";
import { barGaugePanel } from "../kinds.ts";
import type { DashboardContext, PanelDef } from "../types.ts";

/** How many over the selected range, by label: one instant query (increase(…[$__range])). */
function increaseBy(label: string, metric: string): string {
  return `sum by (${label}) (increase(${metric}{${scope()}}[$__range]))`;
}

function rateBy(label: string, metric: string): string {
  return `sum by (${label}) (rate(${metric}{${scope()}}[$__rate_interval]))`;
}

export function featureUsageBarGauge(ctx: DashboardContext): PanelDef {
  const panel = barGaugePanel({
    title: zh(ctx) ? "功能使用频率" : "Feature usage",
    description: zh(ctx)
      ? "所选时间范围内每个产品功能被使用的次数（increase，整个范围一次计算），用来比较功能的热度。"
      : "Uses of every product feature over the selected range (increase, computed once for the range), to compare how much each is used.",
    unit: "short", min: 0, decimals: 0,
  }, "lastNotNull", 8).withTarget(query(increaseBy("feature", "xinliya_feature_usage_total"), "{{feature}}"));
  return { key: "featureUsage", panel };
}

export function errorTypesTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "错误类型" : "Errors by type",
    description: zh(ctx)
      ? "每秒发生的业务错误，按错误类型堆叠：哪一类错误在增加。"
      : "Business errors per second, stacked by error type: which kind of error is growing.",
    unit: "ops", min: 0,
  })
    .span(8)
    .stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal))
    .withTarget(query(rateBy("error_type", "xinliya_errors_total"), "{{error_type}}"));
  return { key: "errorTypes", panel };
}

export function errorTypeShareBarGauge(ctx: DashboardContext): PanelDef {
  const rate = `increase(xinliya_errors_total{${scope()}}[$__range])`;
  const panel = barGaugePanel({
    title: zh(ctx) ? "错误类型分布" : "Error type distribution",
    description: zh(ctx)
      ? "所选时间范围内各错误类型占全部业务错误的比例：整个范围的 increase 之比，不是每一步比例的平均（运维指南 2.1 错误类型分布分析）。"
      : "Share of each error type among all business errors over the selected range: the ratio of the increases over the whole range, not a mean of per-step shares (ops guide 2.1, error type analysis).",
    unit: "percentunit", min: 0, max: 1,
  }, "lastNotNull", 8).withTarget(query(`sum by (error_type) (${rate}) / ignoring (error_type) group_left sum(${rate})`, "{{error_type}}"));
  return { key: "errorTypeShare", panel };
}

export function activeSessionsTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "活跃会话数" : "Active sessions",
    description: zh(ctx) ? "当前正在进行的对话数（所有导出器实例之和）。" : "Conversations in progress (summed over the exporter instances).",
    unit: "short", min: 0,
  }).withTarget(query(`sum by (job) (xinliya_active_sessions{${scope()}})`, "{{job}}"));
  return { key: "activeSessions", panel };
}

export function concurrentUsersTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "并发用户数" : "Concurrent users",
    description: zh(ctx) ? "当前在线的用户数（所有导出器实例之和）。" : "Users connected right now (summed over the exporter instances).",
    unit: "short", min: 0,
  }).withTarget(query(`sum by (job) (xinliya_concurrent_users{${scope()}})`, "{{job}}"));
  return { key: "concurrentUsers", panel };
}

