// 用户安全: crisis takeovers against the team's targets (catalog/safety.ts): the takeover p95 and
// the takeovers beyond the maximum, the oldest waiting crisis, the emergency-contact failure share.
// Counts below the small-count threshold show as "< 5", as on the safety dashboard.
import { latencyQuantile } from "../../../catalog/targets.ts";
import { emergencyContactResults, safetyTarget, smallCountSuppression } from "../../../catalog/safety.ts";
import { safetyRecordNames } from "../../../alerts/safety.ts";
import { type ReportContext, type Section, type Verdict, num, pct, worst } from "../model.ts";
import { panelChart } from "../panels.ts";

/** A count as the report may print it: below the threshold, the suppression text, never the number. */
export function suppressedCount(v: number | undefined): string {
  const s = smallCountSuppression();
  if (v === undefined || !Number.isFinite(v)) return "—";
  const n = Math.round(v);
  return n > 0 && n < s.threshold ? s.text : String(n);
}

export async function safetySection(ctx: ReportContext): Promise<Section> {
  const P = ctx.period.range;
  const r = safetyRecordNames();
  const [p95Target, maxTarget, waitTarget, shareTarget] = [safetyTarget("crisisTakeoverP95"), safetyTarget("crisisTakeoverMax"),
    safetyTarget("crisisOldestWaiting"), safetyTarget("emergencyContactFailureShare")];
  const verdicts: Verdict[] = [];
  const findings: string[] = [];
  const rows: string[][] = [];
  const row = (what: string, value: string, goal: string, v: Verdict) => { verdicts.push(v); rows.push([what, value, goal, ctx.verdict(v)]); };
  const increase = (metric: string, extra = "") => `sum(increase(${metric}${extra ? `{${extra}}` : ""}[${P}]))`;

  const detected = await ctx.scalar(ctx.t("识别的危机", "crises detected"), increase("xinliya_crisis_detected_total"));
  const takenOver = await ctx.scalar(ctx.t("人工接手的危机", "crises taken over"), `${increase("xinliya_crisis_takeovers_total")} or ${increase("xinliya_crisis_takeover_duration_seconds_count")}`);
  if (detected !== undefined) {
    const none = detected >= 1 && !((takenOver ?? 0) >= 1);
    row(ctx.t("识别 / 人工接手的危机", "crises detected / taken over"), `${suppressedCount(detected)} / ${suppressedCount(takenOver ?? 0)}`, "—", none ? "bad" : "ok");
    if (none) findings.push(ctx.t("本期识别到危机，但没有一次由人工接手", "crises were detected in the period, and none was taken over by a human"));
  }

  const p95 = await ctx.scalar(ctx.t("周期人工接手 p95", "takeover p95 over the period"),
    `histogram_quantile(${latencyQuantile()}, sum by (le) (increase(xinliya_crisis_takeover_duration_seconds_bucket[${P}])))`);
  const p95Peak = await ctx.scalar(ctx.t("人工接手 p95 峰值", "peak takeover p95"), `max(max_over_time(${r.takeoverP95}[${P}]))`);
  if (p95 !== undefined) {
    const v: Verdict = p95 > p95Target ? "bad" : (p95Peak ?? 0) > p95Target ? "watch" : "ok";
    row(ctx.t("人工接手 p95（周期）", "takeover p95 (period)"), `${num(p95, 1)} s`, `≤ ${p95Target} s`, v);
    row(ctx.t("人工接手 p95 峰值（滚动窗口）", "peak takeover p95 (rolling window)"), `${num(p95Peak, 1)} s`, `≤ ${p95Target} s`, (p95Peak ?? 0) > p95Target ? "watch" : "ok");
    if (v === "bad") findings.push(ctx.t(`人工接手 p95 为 ${num(p95, 0)} 秒，超过目标 ${p95Target} 秒`, `takeover p95 is ${num(p95, 0)} s, above the ${p95Target} s target`));
    else if (v === "watch") findings.push(ctx.t(`人工接手 p95 曾达 ${num(p95Peak, 0)} 秒（目标 ${p95Target} 秒）`, `takeover p95 peaked at ${num(p95Peak, 0)} s (target ${p95Target} s)`));
  }
  const bucket = (le: string) => increase("xinliya_crisis_takeover_duration_seconds_bucket", `le="${le}"`);
  const overMax = await ctx.scalar(ctx.t("超过上限的接手", "takeovers beyond the maximum"), `${bucket("+Inf")} - ${bucket(String(maxTarget))}`);
  if (overMax !== undefined) {
    const v: Verdict = Math.round(overMax) >= 1 ? "bad" : "ok";
    row(ctx.t(`超过 ${maxTarget} 秒上限的接手`, `takeovers beyond the ${maxTarget} s maximum`), suppressedCount(overMax), "0", v);
    if (v === "bad") findings.push(ctx.t(`有接手超过 ${maxTarget} 秒上限（${suppressedCount(overMax)} 次）`, `takeovers beyond the ${maxTarget} s maximum (${suppressedCount(overMax)})`));
  }

  const waiting = await ctx.scalar(ctx.t("最早等待危机的最长等待", "longest wait of the oldest waiting crisis"), `max(max_over_time(xinliya_crisis_oldest_waiting_seconds[${P}]))`);
  if (waiting !== undefined) {
    const v: Verdict = waiting > waitTarget ? "bad" : "ok";
    row(ctx.t("最早等待危机的最长等待", "longest wait of the oldest waiting crisis"), `${num(waiting, 0)} s`, `≤ ${waitTarget} s`, v);
    if (v === "bad") findings.push(ctx.t(`有危机等待人工接手达 ${num(waiting, 0)} 秒，超过目标 ${waitTarget} 秒`, `a crisis waited ${num(waiting, 0)} s for a human, above the ${waitTarget} s target`));
  }

  const notes = (extra = "") => increase("xinliya_emergency_contact_notifications_total", extra);
  const failed = `result="${emergencyContactResults().failed}"`;
  const share = await ctx.scalar(ctx.t("紧急联系人通知失败占比", "emergency-contact failure share"), `(${notes(failed)} or ${notes()} * 0) / ${notes()}`);
  const sharePeak = await ctx.scalar(ctx.t("紧急联系人通知失败占比峰值", "peak emergency-contact failure share"), `max(max_over_time(${r.notifyFailed}[${P}]))`);
  if (share !== undefined) {
    const v: Verdict = share > shareTarget ? "bad" : (sharePeak ?? 0) > shareTarget ? "watch" : "ok";
    row(ctx.t("紧急联系人通知失败占比（周期）", "emergency-contact failure share (period)"), pct(share, 1), `≤ ${pct(shareTarget, 0)}`, v);
    row(ctx.t("紧急联系人通知失败占比峰值", "peak emergency-contact failure share"), pct(sharePeak, 1), `≤ ${pct(shareTarget, 0)}`, (sharePeak ?? 0) > shareTarget ? "watch" : "ok");
    if (v === "bad") findings.push(ctx.t(`紧急联系人通知失败占比 ${pct(share, 1)}，高于 ${pct(shareTarget, 0)}`, `${pct(share, 1)} of emergency-contact notifications failed, above ${pct(shareTarget, 0)}`));
    else if (v === "watch") findings.push(ctx.t(`紧急联系人通知失败占比曾达 ${pct(sharePeak, 1)}`, `the emergency-contact failure share peaked at ${pct(sharePeak, 1)}`));
  }

  const charts = [];
  for (const key of ["takeoverLatency", "waitingCrises", "notifications"]) {
    const c = await panelChart(ctx, "xinliya-safety", key);
    if (c) charts.push(c);
  }
  const s = smallCountSuppression();
  return {
    id: "safety", title: ctx.t("用户安全", "User safety"), verdict: worst(verdicts), findings,
    tables: [{ head: [ctx.t("指标", "Indicator"), ctx.t("本期", "This period"), ctx.t("目标", "Target"), ctx.t("结论", "Verdict")], rows }],
    charts, gaps: ctx.takeGaps(),
    notes: [ctx.t(`少于 ${s.threshold} 的计数显示为“${s.text}”，以免识别出具体用户。`, `Counts below ${s.threshold} show as "${s.text}", so that no user can be re-identified.`)],
  };
}
