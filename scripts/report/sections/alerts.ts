// 告警: every alert that fired in the period (ALERTS history), how long each firing lasted until
// it resolved (from its ALERTS_FOR_STATE start), the noisiest, those that paged nobody, and, in
// the weekly report, week over week (运维指南 9.3 故障率趋势分析).
import { notificationPolicy } from "../../../catalog/notifications.ts";
import { priorityNames } from "../../../catalog/priorities.ts";
import { type ReportContext, type Section, type Verdict } from "../model.ts";
import { formatDuration } from "../period.ts";
import type { Series } from "../sources.ts";
import { panelChart } from "../panels.ts";

interface Firing { alertname: string; priority: string; culprit: string; episodes: number[]; open: boolean }

const CULPRIT = ["instance", "agent", "provider", "backup", "job"];

/** Episodes of one ALERTS series: runs of consecutive samples; each lasts from its start to its last sample. */
function episodes(s: Series, step: number, forState: Map<string, Series>, end: number): { durations: number[]; open: boolean } {
  const durations: number[] = [];
  let first = s.points[0]![0], last = first;
  const key = JSON.stringify({ ...s.metric, __name__: undefined, alertstate: undefined });
  const activeAt = (t: number) => forState.get(key)?.points.find(([ft]) => Math.abs(ft - t) <= step)?.[1] ?? t;
  for (const [t] of s.points.slice(1)) {
    if (t - last > step * 1.5) {
      durations.push(last - activeAt(first));
      first = t;
    }
    last = t;
  }
  durations.push(last - activeAt(first));
  return { durations, open: end - last <= step * 1.5 };
}

async function history(ctx: ReportContext, start: number, end: number, record: boolean): Promise<Firing[]> {
  const step = end === ctx.period.end ? await ctx.stepFor(1000) : ctx.period.fineStep;
  if (end === ctx.period.end) start = await ctx.dataStart();
  const query = 'ALERTS{alertstate="firing", alertname!="Watchdog"}';
  const series = record ? await ctx.range(ctx.t("告警历史", "alert history"), query, step, start, end) : await ctx.prom.range(query, start, end, step);
  const forState = new Map<string, Series>();
  for (const f of await ctx.prom.range('ALERTS_FOR_STATE{alertname!="Watchdog"}', start, end, step)) {
    forState.set(JSON.stringify({ ...f.metric, __name__: undefined }), f);
  }
  return series.map((s) => {
    const e = episodes(s, step, forState, end);
    return {
      alertname: s.metric.alertname ?? "?", priority: s.metric.priority ?? "—",
      culprit: CULPRIT.filter((l) => s.metric[l]).map((l) => `${l}=${s.metric[l]}`).join(" "),
      episodes: e.durations, open: e.open,
    };
  });
}

export async function alertsSection(ctx: ReportContext): Promise<Section> {
  const p = ctx.period;
  // Watchdog always fires: without it, the rules did not run and "no alert" would mean nothing.
  await ctx.range(ctx.t("Watchdog 心跳（规则在评估）", "Watchdog heartbeat (rules are evaluated)"), 'ALERTS{alertname="Watchdog"}');
  const fired = await history(ctx, p.start, p.end, false);
  const order = priorityNames();
  fired.sort((a, b) => order.indexOf(a.priority as never) - order.indexOf(b.priority as never) || a.alertname.localeCompare(b.alertname));
  const paging = Object.entries(notificationPolicy().priorities).filter(([, r]) => r.notify.includes("oncall-primary")).map(([n]) => n);
  const suppressed = new Map<string, string>();
  for (const a of await ctx.am.alerts()) {
    if (a.status.state === "suppressed") suppressed.set(a.labels.alertname ?? "", a.status.inhibitedBy.length ? ctx.t("被抑制", "inhibited") : ctx.t("被静默", "silenced"));
  }
  const silences = await ctx.am.activeSilences();
  const rows = fired.map((f) => {
    const total = f.episodes.reduce((a, b) => a + b, 0);
    return [f.priority, f.alertname, f.culprit || "—", String(f.episodes.length), formatDuration(total),
      formatDuration(Math.max(...f.episodes)), f.open ? ctx.t("仍在触发", "still firing") : ctx.t("已恢复", "resolved")];
  });
  const noisy = [...fired].sort((a, b) => b.episodes.length - a.episodes.length).slice(0, 3);
  const nobody = fired.filter((f) => !paging.includes(f.priority) || suppressed.has(f.alertname));
  const verdict: Verdict = fired.some((f) => paging.includes(f.priority)) ? "bad" : fired.length > 0 ? "watch" : "ok";
  const findings = order.map((pr) => [pr, fired.filter((f) => f.priority === pr)] as const).filter(([, l]) => l.length > 0)
    .map(([pr, l]) => ctx.t(`${pr} 告警 ${l.length} 条：${[...new Set(l.map((f) => f.alertname))].join("、")}`, `${l.length} ${pr} alert(s): ${[...new Set(l.map((f) => f.alertname))].join(", ")}`));
  const head = [ctx.t("优先级", "Priority"), ctx.t("告警", "Alert"), ctx.t("对象", "Culprit"), ctx.t("触发次数", "Firings"),
    ctx.t("累计触发时长", "Total firing"), ctx.t("最长解决时间", "Longest time to resolve"), ctx.t("状态", "State")];
  const tables = [
    { head, rows: rows.length ? rows : [[ctx.t("本期无告警触发", "no alert fired in the period"), "", "", "", "", "", ""]] },
    { head: [ctx.t("最嘈杂的告警", "Noisiest alerts"), ctx.t("触发次数", "Firings")], rows: noisy.map((f) => [`${f.alertname} ${f.culprit}`, String(f.episodes.length)]) },
    {
      head: [ctx.t("触发但未呼叫任何人", "Fired but paged nobody"), ctx.t("原因", "Why")],
      rows: nobody.map((f) => [`${f.priority} ${f.alertname} ${f.culprit}`, suppressed.get(f.alertname)
        ?? ctx.t(`${f.priority} 只通知 ${notificationPolicy().priorities[f.priority as "P2"]?.notify.join("、") ?? "sre-chat"}，不呼叫值班`, `${f.priority} notifies ${notificationPolicy().priorities[f.priority as "P2"]?.notify.join(", ") ?? "sre-chat"} only, no page`)]),
    },
    { head: [ctx.t("当前生效的静默", "Active silences")], rows: [[String(silences)]] },
  ];
  if (p.kind === "weekly") {
    const before = await history(ctx, p.start - p.seconds, p.start, false);
    const count = (l: Firing[], pr: string) => l.filter((f) => f.priority === pr).reduce((n, f) => n + f.episodes.length, 0);
    tables.push({
      head: [ctx.t("优先级", "Priority"), ctx.t("上周", "Previous week"), ctx.t("本周", "This week"), ctx.t("变化", "Change")],
      rows: order.map((pr) => [pr, String(count(before, pr)), String(count(fired, pr)), `${count(fired, pr) - count(before, pr) >= 0 ? "+" : ""}${count(fired, pr) - count(before, pr)}`]),
    });
    if (before.length === 0) ctx.gaps.push({ what: ctx.t("上周告警历史（环比）", "previous week's alert history (week over week)"), query: `ALERTS{alertstate="firing"} [${p.start - p.seconds}, ${p.start}]` });
  }
  const chart = await panelChart(ctx, "xinliya-operations", "alerts");
  return { id: "alerts", title: ctx.t("告警", "Alerts"), verdict, findings, tables, charts: chart ? [chart] : [], gaps: ctx.takeGaps() };
}
