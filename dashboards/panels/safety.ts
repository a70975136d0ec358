// Panel factories of the user safety dashboard (xinliya-safety, issue 14). Breakdowns never show a
// count below the small-count threshold: the query replaces it with a sentinel inside Prometheus,
// and a value mapping shows "< 5" (catalog/safety.ts smallCountSuppression()).
import * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import * as common from "@grafana/grafana-foundation-sdk/common";
import { safetyRecordNames } from "../../alerts/safety.ts";
import { safetyTarget, safetyWindows, smallCountSuppression } from "../../catalog/safety.ts";
import { jobScope, query, scope, timeseriesPanel, zh } from "../common.ts";
import { statPanel } from "../kinds.ts";
import type { DashboardContext, PanelDef } from "../types.ts";

const n = () => safetyRecordNames();
const t = (ctx: DashboardContext, zhText: string, en: string) => (zh(ctx) ? zhText : en);

/** `expr`, with every value below the threshold replaced by the sentinel. */
export function suppressed(expr: string): string {
  const s = smallCountSuppression();
  return `(${expr} >= ${s.threshold}) or ((${expr} < ${s.threshold}) * 0 + ${s.sentinel})`;
}

function suppressedStat(o: { title: string; description: string }, expr: string, legend: string): PanelDef["panel"] {
  const s = smallCountSuppression();
  const mapping: dashboard.ValueMapping = {
    type: dashboard.MappingType.ValueToText,
    options: { [String(s.sentinel)]: { text: s.text, index: 0 } },
  };
  return statPanel({ ...o, unit: "short", decimals: 0 }, 8, 6)
    .graphMode(common.BigValueGraphMode.None)
    .mappings([mapping])
    .withTarget(query(suppressed(expr), legend));
}

const note = (ctx: DashboardContext) => {
  const s = smallCountSuppression();
  return t(ctx, `少于 ${s.threshold} 的计数显示为“${s.text}”，以免识别出具体用户。`, `Counts below ${s.threshold} show as "${s.text}", so that no user can be re-identified.`);
};

export function takeoverLatencyTimeseries(ctx: DashboardContext): PanelDef {
  const [p95, max] = [safetyTarget("crisisTakeoverP95"), safetyTarget("crisisTakeoverMax")];
  const panel = timeseriesPanel({
    title: t(ctx, "人工接手时间 p95", "Time to human takeover, p95"),
    description: t(ctx,
      `最近 ${safetyWindows().crisis} 危机从识别到咨询师接手的 p95。橙线为目标 ${p95} 秒（CrisisTakeoverSlow），红线为上限 ${max} 秒（CrisisTakeoverOverMax 见右侧面板）。`,
      `p95 of the time from crisis detection to a counsellor accepting, over the last ${safetyWindows().crisis}. Orange: the ${p95} s target (CrisisTakeoverSlow); red: the ${max} s maximum (CrisisTakeoverOverMax: see the panel beside).`),
    unit: "s", min: 0, threshold: [p95, max],
  }).withTarget(query(`${n().takeoverP95}{${jobScope()}}`, "p95"));
  return { key: "takeoverLatency", panel };
}

export function takeoversOverMaxTimeseries(ctx: DashboardContext): PanelDef {
  const max = safetyTarget("crisisTakeoverMax");
  const panel = timeseriesPanel({
    title: t(ctx, "超过上限的接手", "Takeovers beyond the maximum"),
    description: t(ctx, `最近 ${safetyWindows().crisis} 从识别到人工接手超过上限 ${max} 秒的次数（外推值）；大于 0 即触发 CrisisTakeoverOverMax。`,
      `Takeovers over the last ${safetyWindows().crisis} that took longer than the ${max} s maximum (extrapolated); above 0, CrisisTakeoverOverMax fires.`),
    unit: "short", min: 0,
  }).withTarget(query(`${n().takeoverOverMax}{${jobScope()}}`, t(ctx, "超过上限", "beyond maximum")));
  return { key: "takeoversOverMax", panel };
}

export function takeoversTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: t(ctx, "危机识别与人工接手", "Crises detected and taken over"),
    description: t(ctx, "每秒识别的危机与人工接手的危机（合计，不分来源）。两者长期不相等说明有危机没有被接手。",
      "Crises detected and taken over by a human per second (totals). When they part for long, some crises are not taken over."),
    unit: "reqps", min: 0,
  }).withTarget(query(`sum(rate(xinliya_crisis_detected_total{${scope()}}[$__rate_interval]))`, t(ctx, "识别", "detected")))
    .withTarget(query(`sum(rate(xinliya_crisis_takeovers_total{${scope()}}[$__rate_interval]))`, t(ctx, "人工接手", "taken over"), "B"))
    .withTarget(query(`sum(rate(xinliya_crisis_takeover_duration_seconds_count{${scope()}}[$__rate_interval]))`, t(ctx, "计时的接手", "timed takeovers"), "C"));
  return { key: "takeovers", panel };
}

export function waitingCrisesTimeseries(ctx: DashboardContext): PanelDef {
  const wait = safetyTarget("crisisOldestWaiting");
  const panel = timeseriesPanel({
    title: t(ctx, "等待人工接手的危机", "Crises waiting for a human"),
    description: t(ctx, `最早等待的危机已等待的时长（后端上报），红线为目标 ${wait} 秒，超过即触发 CrisisWaitingTooLong；以及正在等待的危机数。`,
      `How long the oldest waiting crisis has waited (reported by the backend); the red line is the ${wait} s target, above it CrisisWaitingTooLong fires; and how many crises wait.`),
    unit: "s", min: 0, threshold: wait,
  }).withTarget(query(`max(xinliya_crisis_oldest_waiting_seconds{${scope()}})`, t(ctx, "最早等待", "oldest wait")))
    .withTarget(query(`sum(xinliya_crisis_waiting{${scope()}})`, t(ctx, "等待数", "waiting"), "B"));
  return { key: "waitingCrises", panel };
}

export function notificationFailureTimeseries(ctx: DashboardContext): PanelDef {
  const share = safetyTarget("emergencyContactFailureShare");
  const panel = timeseriesPanel({
    title: t(ctx, "紧急联系人通知失败占比", "Emergency-contact notification failures"),
    description: t(ctx, `最近 ${safetyWindows().crisis} 紧急联系人通知失败的占比，红线为阈值 ${share * 100}%（EmergencyContactNotifyFailing）。`,
      `Share of emergency-contact notifications that failed over the last ${safetyWindows().crisis}; the red line is the ${share * 100}% threshold (EmergencyContactNotifyFailing).`),
    unit: "percentunit", min: 0, max: 1, threshold: share,
  }).withTarget(query(`${n().notifyFailed}{${jobScope()}}`, "{{job}}"))
    .withTarget(query(`sum(rate(xinliya_emergency_contact_notifications_total{${scope()}}[$__rate_interval]))`, t(ctx, "通知/秒", "notifications/s"), "B"));
  return { key: "notifications", panel };
}

export function notificationsByResultStat(ctx: DashboardContext): PanelDef {
  const panel = suppressedStat({
    title: t(ctx, "最近一天的通知结果", "Notifications in the last day, by result"),
    description: t(ctx, `最近 ${safetyWindows().breakdown} 各结果的紧急联系人通知数。${note(ctx)}`, `Emergency-contact notifications of the last ${safetyWindows().breakdown} by result. ${note(ctx)}`),
  }, `sum by (result) (${n().notificationsByResult}{${jobScope()}})`, "{{result}}");
  return { key: "notificationsByResult", panel };
}

export function crisesBySourceStat(ctx: DashboardContext): PanelDef {
  const panel = suppressedStat({
    title: t(ctx, "最近一天识别的危机", "Crises detected in the last day"),
    description: t(ctx, `最近 ${safetyWindows().breakdown} 按来源（模型或用户）与风险等级识别的危机数。${note(ctx)}`,
      `Crises detected in the last ${safetyWindows().breakdown} by source (model or user) and risk level. ${note(ctx)}`),
  }, `sum by (source, risk) (${n().detectedBySource}{${jobScope()}})`, "{{source}} · {{risk}}");
  return { key: "crisesBySource", panel };
}

export function referralsYearStat(ctx: DashboardContext): PanelDef {
  const panel = statPanel({
    title: t(ctx, "一年内的危机资源转介（SB 243）", "Crisis referrals in a year (SB 243)"),
    description: t(ctx, `最近 ${safetyWindows().yearly} 的危机资源转介总数，即加州 SB 243 要求的年度数字；下方为每秒转介。`,
      `Crisis-resource referrals over the last ${safetyWindows().yearly}, the yearly figure California SB 243 asks for; below, referrals per second.`),
    unit: "short", decimals: 0,
  }, 8, 6).withTarget(query(`sum(${n().referralsYearly}{${jobScope()}})`, t(ctx, "一年", "a year")))
    .withTarget(query(`sum(rate(xinliya_crisis_referrals_total{${scope()}}[$__rate_interval]))`, t(ctx, "每秒", "per second"), "B"));
  return { key: "referrals", panel };
}

export function referralsByResourceStat(ctx: DashboardContext): PanelDef {
  const panel = suppressedStat({
    title: t(ctx, "一年内按资源的转介", "Referrals in a year, by resource"),
    description: t(ctx, `最近 ${safetyWindows().yearly} 各危机资源的转介数。${note(ctx)}`, `Referrals of the last ${safetyWindows().yearly} by crisis resource. ${note(ctx)}`),
  }, `sum by (resource) (${n().referralsByResource}{${jobScope()}})`, "{{resource}}");
  return { key: "referralsByResource", panel };
}

export function detectorHeartbeatsTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: t(ctx, "危机识别器心跳", "Crisis detector heartbeats"),
    description: t(ctx, `每个识别器每秒的心跳。降到 0 且仍有对话（下方为进行中的对话数）超过 ${safetyWindows().heartbeat} 即触发 CrisisDetectorSilent。`,
      `Heartbeats per second of each detector. At 0 for ${safetyWindows().heartbeat} while conversations are active (below) fires CrisisDetectorSilent.`),
    unit: "reqps", min: 0,
  }).withTarget(query(`sum by (detector) (rate(xinliya_crisis_detector_heartbeats_total{${scope()}}[$__rate_interval]))`, "{{detector}}"))
    .withTarget(query(`sum(xinliya_active_sessions{${scope()}})`, t(ctx, "进行中的对话", "active conversations"), "B"));
  return { key: "detectorHeartbeats", panel };
}

export function detectorCoverageTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: t(ctx, "识别器检查的消息占比", "Messages screened by each detector"),
    description: t(ctx, "每个识别器检查的消息数与智能体回答数之比。流量正常时降到 0 即触发 CrisisDetectorCoverageLost。",
      "Messages each detector screened per agent answer. At 0 while traffic is normal, CrisisDetectorCoverageLost fires."),
    unit: "percentunit", min: 0,
  }).withTarget(query(`${n().coverage}{${jobScope()}}`, "{{detector}}"))
    .withTarget(query(`sum by (detector) (rate(xinliya_crisis_detector_checks_total{${scope()}}[$__rate_interval]))`, t(ctx, "{{detector}} 检查/秒", "{{detector}} checks/s"), "B"))
    .withTarget(query(`${n().agentRuns}{${jobScope()}}`, t(ctx, "智能体回答/秒", "agent answers/s"), "C"));
  return { key: "detectorCoverage", panel };
}

export function remindersTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: t(ctx, "连续使用提醒", "Continuous-use reminders"),
    description: t(ctx, `每秒展示的连续使用提醒，以及连续使用超过时限的会话数。有长会话而 ${safetyWindows().reminders} 内没有提醒即触发 UsageRemindersStopped。`,
      `Continuous-use reminders shown per second, and sessions in use beyond the limit. Long sessions without a reminder for ${safetyWindows().reminders} fire UsageRemindersStopped.`),
    unit: "short", min: 0,
  }).withTarget(query(`sum(rate(xinliya_usage_reminders_total{${scope()}}[$__rate_interval]))`, t(ctx, "提醒/秒", "reminders/s")))
    .withTarget(query(`sum(xinliya_long_sessions{${scope()}})`, t(ctx, "长会话", "long sessions"), "B"));
  return { key: "reminders", panel };
}
