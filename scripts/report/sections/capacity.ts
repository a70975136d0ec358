// 容量: CPU, memory and disk peaks against 80/85/90 %, days until each filesystem is full, growth
// of traffic, users and LLM calls, and (weekly) a recommendation per resource with its rule.
import { capacityPlanningHorizon } from "../../../catalog/dashboards.ts";
import { growthWatchShare, watchMargin } from "../../../catalog/reports.ts";
import { formatTarget, target } from "../../../catalog/thresholds.ts";
import { ignoredFilesystemTypes } from "../../../catalog/targets.ts";
import { seconds } from "../../../catalog/duration.ts";
import { type ReportContext, type Section, type Verdict, num, pct, worst } from "../model.ts";
import { panelChart } from "../panels.ts";

const RESOURCES = [
  { name: ["CPU", "CPU"], target: "cpuUtilisation", series: "instance:node_cpu_utilisation:rate5m", by: "instance" },
  { name: ["内存", "Memory"], target: "memoryUtilisation", series: "instance:node_memory_utilisation:ratio", by: "instance" },
  { name: ["磁盘", "Disk"], target: "diskUtilisation", series: "instance_mountpoint:node_filesystem_utilisation:ratio", by: "instance, mountpoint" },
] as const;

export async function capacitySection(ctx: ReportContext): Promise<Section> {
  const P = ctx.period.range;
  const margin = watchMargin();
  const horizonDays = seconds(capacityPlanningHorizon()) / 86400;
  const verdicts: Verdict[] = [];
  const findings: string[] = [];
  const peaks: string[][] = [];
  const advice: string[][] = [];
  const fsSel = `fstype!~"${ignoredFilesystemTypes().join("|")}"`;
  const full = await ctx.prom.instant(
    `(node_filesystem_avail_bytes{${fsSel}} / -deriv(node_filesystem_avail_bytes{${fsSel}}[${P}])) / 86400 > 0`, ctx.period.end);
  for (const r of RESOURCES) {
    const limit = target(r.target);
    for (const s of await ctx.vector(`${r.name[1]} peak`, `max by (${r.by}) (max_over_time(${r.series}[${P}]))`)) {
      const where = [s.metric.instance, s.metric.mountpoint].filter(Boolean).join(" ");
      const v: Verdict = s.value >= limit ? "bad" : s.value >= limit - margin ? "watch" : "ok";
      verdicts.push(v);
      peaks.push([ctx.t(r.name[0], r.name[1]), where, pct(s.value, 1), formatTarget(r.target), ctx.verdict(v)]);
      if (v !== "ok") findings.push(ctx.t(`${r.name[0]} ${where} 峰值 ${pct(s.value, 1)}（阈值 ${formatTarget(r.target)}）`, `${r.name[1]} ${where} peaked at ${pct(s.value, 1)} (threshold ${formatTarget(r.target)})`));
      const days = r.target === "diskUtilisation"
        ? full.find((f) => f.metric.instance === s.metric.instance && f.metric.mountpoint === s.metric.mountpoint)?.value : undefined;
      const [word, rule] = s.value >= limit || (days !== undefined && days <= horizonDays)
        ? [ctx.t("扩容", "expand"), s.value >= limit ? ctx.t(`峰值 ≥ 阈值 ${formatTarget(r.target)}`, `peak ≥ threshold ${formatTarget(r.target)}`) : ctx.t(`${num(days, 1)} 天内写满 ≤ 规划周期 ${horizonDays} 天`, `full in ${num(days, 1)} d ≤ planning horizon ${horizonDays} d`)]
        : s.value >= limit - margin
          ? [ctx.t("观察", "watch"), ctx.t(`峰值距阈值不足 ${pct(margin, 0)}`, `peak within ${pct(margin, 0)} of the threshold`)]
          : [ctx.t("正常", "fine"), ctx.t(`峰值低于阈值 ${pct(margin, 0)} 以上，且 ${horizonDays} 天内不会写满`, `peak more than ${pct(margin, 0)} below the threshold, not full within ${horizonDays} d`)];
      advice.push([ctx.t(r.name[0], r.name[1]), where, word, rule]);
    }
  }
  const fullRows = full.map((f) => [`${f.metric.instance} ${f.metric.mountpoint}`, num(f.value, 1)]);
  if (full.length === 0) fullRows.push([ctx.t("没有可用空间在下降的文件系统", "no filesystem whose free space falls"), "—"]);
  for (const f of full) if (f.value <= horizonDays) findings.push(ctx.t(`${f.metric.instance} ${f.metric.mountpoint} 约 ${num(f.value, 1)} 天后写满`, `${f.metric.instance} ${f.metric.mountpoint} full in about ${num(f.value, 1)} days`));
  if (full.some((f) => f.value <= horizonDays)) verdicts.push("watch");

  const growth: string[][] = [];
  const growthOf = [
    [ctx.t("API 请求数", "API requests"), `sum(increase(http_server_request_duration_seconds_count[${P}]))`],
    [ctx.t("LLM 调用数", "LLM calls"), `sum(increase(xinliya_llm_requests_total[${P}]))`],
    [ctx.t("并发用户峰值", "peak concurrent users"), `max(max_over_time(xinliya_concurrent_users[${P}]))`],
  ] as const;
  for (const [what, q] of growthOf) {
    const now = await ctx.scalar(what, q);
    const before = await ctx.scalar(ctx.t(`${what}（上一周期）`, `${what} (previous period)`), q.replace(`[${P}]`, `[${P}] offset ${P}`));
    const share = now !== undefined && before ? now / before - 1 : undefined;
    growth.push([what, num(before, 0), num(now, 0), share === undefined ? "—" : `${share >= 0 ? "+" : ""}${pct(share, 1)}`]);
    if (share !== undefined && share > growthWatchShare()) { verdicts.push("watch"); findings.push(ctx.t(`${what} 增长 ${pct(share, 0)}`, `${what} grew by ${pct(share, 0)}`)); }
  }
  const tables = [
    { head: [ctx.t("资源", "Resource"), ctx.t("位置", "Where"), ctx.t("峰值", "Peak"), ctx.t("阈值", "Threshold"), ctx.t("结论", "Verdict")], rows: peaks },
    { head: [ctx.t("文件系统", "Filesystem"), ctx.t("预计写满（天）", "Days until full")], rows: fullRows },
    { head: [ctx.t("增长", "Growth"), ctx.t("上一周期", "Previous period"), ctx.t("本期", "This period"), ctx.t("变化", "Change")], rows: growth },
  ];
  if (ctx.period.kind === "weekly") tables.push({ head: [ctx.t("资源", "Resource"), ctx.t("位置", "Where"), ctx.t("建议", "Recommendation"), ctx.t("规则", "Rule")], rows: advice });
  const charts = [];
  for (const key of ["cpu", "memory", "disk"]) {
    const c = await panelChart(ctx, "xinliya-system", key);
    if (c) charts.push(c);
  }
  return { id: "capacity", title: ctx.t("容量", "Capacity"), verdict: worst(verdicts), findings, tables, charts, gaps: ctx.takeGaps() };
}
