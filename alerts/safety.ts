// User safety (issue 14; CAC draft rules Art. 11, SB 243): a human takes over every crisis in time,
// the emergency contact is reached, the crisis detectors run, reminders of continuous use are
// shown. Numbers and names from catalog/safety.ts; routing never mutes these (alerts/routing/safety.ts).
import { emergencyContactResults, safetyTarget, safetyWindows } from "../catalog/safety.ts";
import { jobMatcher } from "../catalog/selectors.ts";
import { latencyQuantile } from "../catalog/targets.ts";
import { target } from "../catalog/thresholds.ts";
import { quantileName, ratio } from "./promql.ts";
import type { AlertDef, RecordDef, RuleContext, RuleGroupDef } from "./types.ts";

export function safetyRecordNames() {
  const w = safetyWindows();
  return {
    takeoverP95: `job:xinliya_crisis_takeover_duration_seconds:${quantileName(latencyQuantile())}_rate${w.crisis}`,
    takeoverOverMax: `job:xinliya_crisis_takeovers_over_max:increase${w.crisis}`,
    notifyFailed: `job:xinliya_emergency_contact_notifications_failed:ratio_rate${w.crisis}`,
    coverage: `detector:xinliya_crisis_detector_checks:ratio_rate${w.coverage}`,
    agentRuns: `job:xinliya_agent_runs:rate${w.coverage}`,
    // Breakdowns for the dashboard, whole numbers; suppressed below the small-count threshold there.
    detectedBySource: `job_source_risk:xinliya_crisis_detected:increase${w.breakdown}`,
    notificationsByResult: `job_result:xinliya_emergency_contact_notifications:increase${w.breakdown}`,
    referralsByResource: `job_resource:xinliya_crisis_referrals:increase${w.yearly}`,
    referralsYearly: `job:xinliya_crisis_referrals:increase${w.yearly}`,
  };
}

function records(ctx: RuleContext): RecordDef[] {
  const job = jobMatcher(ctx.env, "businessExporter");
  const w = safetyWindows();
  const n = safetyRecordNames();
  const bucket = (le: string) => `sum by (job) (increase(xinliya_crisis_takeover_duration_seconds_bucket{${job}, le="${le}"}[${w.crisis}]))`;
  const notes = (extra = "") => `sum by (job) (rate(xinliya_emergency_contact_notifications_total{${job}${extra}}[${w.crisis}]))`;
  return [
    {
      kind: "record", record: n.takeoverP95,
      expr: `histogram_quantile(${latencyQuantile()}, sum by (job, le) (rate(xinliya_crisis_takeover_duration_seconds_bucket{${job}}[${w.crisis}])))`,
    },
    // Takeovers slower than the maximum: the observations above its bucket bound (catalog/buckets.ts).
    { kind: "record", record: n.takeoverOverMax, expr: `${bucket("+Inf")} - ${bucket(String(safetyTarget("crisisTakeoverMax")))}` },
    { kind: "record", record: n.notifyFailed, expr: ratio(notes(`, result="${emergencyContactResults().failed}"`), notes()) },
    { kind: "record", record: n.agentRuns, expr: `sum by (job) (rate(xinliya_agent_processing_duration_seconds_count{${job}}[${w.coverage}]))` },
    {
      kind: "record", record: n.coverage,
      expr: `sum by (job, detector) (rate(xinliya_crisis_detector_checks_total{${job}}[${w.coverage}])) / on (job) group_left () ${n.agentRuns}`,
    },
    ...breakdowns(ctx),
  ];
}

function breakdowns(ctx: RuleContext): RecordDef[] {
  const job = jobMatcher(ctx.env, "businessExporter");
  const w = safetyWindows();
  const n = safetyRecordNames();
  const count = (by: string, metric: string, window: string) => `round(sum by (${by}) (increase(${metric}{${job}}[${window}])))`;
  return [
    { kind: "record", record: n.detectedBySource, expr: count("job, source, risk", "xinliya_crisis_detected_total", w.breakdown) },
    { kind: "record", record: n.notificationsByResult, expr: count("job, result", "xinliya_emergency_contact_notifications_total", w.breakdown) },
    // SB 243's yearly count: a 365-day increase (reads a year of samples of a handful of series).
    { kind: "record", record: n.referralsByResource, expr: count("job, resource", "xinliya_crisis_referrals_total", w.yearly) },
    { kind: "record", record: n.referralsYearly, expr: count("job", "xinliya_crisis_referrals_total", w.yearly) },
  ];
}

const panel = (key: string) => ({ uid: "xinliya-safety", panel: key });

function alerts(ctx: RuleContext): AlertDef[] {
  const job = jobMatcher(ctx.env, "businessExporter");
  const n = safetyRecordNames();
  const w = safetyWindows();
  const p95 = safetyTarget("crisisTakeoverP95");
  const max = safetyTarget("crisisTakeoverMax");
  const waiting = safetyTarget("crisisOldestWaiting");
  const share = safetyTarget("emergencyContactFailureShare");
  const active = `on (job) sum by (job) (xinliya_active_sessions{${job}}) > 0`;
  // Crises are rare by nature: one user in danger is a page whatever the volume, so these P0s take
  // no minimum count of events (scripts/render/guards.ts asks each to say why).
  const noFloor: Record<string, string> = {
    CrisisTakeoverSlow: "one slow takeover of a user in crisis is a page: crises are rare, a minimum count would hide them",
    CrisisTakeoverOverMax: "a single takeover beyond the maximum is the failure itself",
    CrisisWaitingTooLong: "a gauge of the oldest waiting crisis: one waiting user is the failure",
    EmergencyContactNotifyFailing: "emergency contacts are rare: one failed notification in a few is already a broken channel",
    CrisisDetectorSilent: "a heartbeat, Watchdog-style: it counts no user events; held to times when conversations are active",
    CrisisDetectorCoverageLost: "guarded by normal traffic instead: agent runs above pageMinRate",
  };
  return ([
    {
      kind: "alert", name: "CrisisTakeoverSlow", expr: `${n.takeoverP95} > ${p95}`, priority: "P0",
      summary: { zh: "危机人工接手过慢", en: "Human takeover of crises is too slow" },
      description: {
        zh: (t) => `最近 ${w.crisis} 危机从识别到咨询师接手的 p95 为 ${t.value("duration")}，超过目标 ${p95} 秒（${t.label("job")}）。`,
        en: (t) => `The p95 time from crisis detection to a counsellor accepting over the last ${w.crisis} is ${t.value("duration")}, above the ${p95} s target (${t.label("job")}).`,
      },
      dashboard: panel("takeoverLatency"),
    },
    {
      kind: "alert", name: "CrisisTakeoverOverMax", expr: `${n.takeoverOverMax} > 0`, priority: "P0",
      summary: { zh: "有危机超过最长时限才被人工接手", en: "A crisis waited beyond the maximum for a human" },
      description: {
        zh: (t) => `最近 ${w.crisis} 内至少有一次危机从识别到人工接手超过 ${max} 秒上限（${t.label("job")}）：有用户等了太久。`,
        en: (t) => `At least one crisis over the last ${w.crisis} waited longer than the ${max} s maximum for a human (${t.label("job")}): a user waited too long.`,
      },
      dashboard: panel("takeoversOverMax"),
    },
    {
      kind: "alert", name: "CrisisWaitingTooLong",
      expr: `max by (job) (xinliya_crisis_oldest_waiting_seconds{${job}}) > ${waiting}`, priority: "P0",
      summary: { zh: "有危机长时间无人接手", en: "A crisis is waiting too long for a human" },
      description: {
        zh: (t) => `等待人工接手的最早一个危机已等待 ${t.value("duration")}，超过目标 ${waiting} 秒（${t.label("job")}）。`,
        en: (t) => `The oldest crisis waiting for a human has waited ${t.value("duration")}, above the ${waiting} s target (${t.label("job")}).`,
      },
      dashboard: panel("waitingCrises"),
    },
    {
      kind: "alert", name: "EmergencyContactNotifyFailing", expr: `${n.notifyFailed} > ${share}`, priority: "P0",
      summary: { zh: "紧急联系人通知失败", en: "Emergency-contact notifications are failing" },
      description: {
        zh: (t) => `最近 ${w.crisis} 有 ${t.value("percent")} 的紧急联系人通知失败，高于阈值 ${share * 100}%（${t.label("job")}）。`,
        en: (t) => `${t.value("percent")} of the emergency-contact notifications over the last ${w.crisis} failed, above the ${share * 100}% threshold (${t.label("job")}).`,
      },
      dashboard: panel("notifications"),
    },
    {
      kind: "alert", name: "CrisisDetectorSilent",
      expr: `sum by (job, detector) (increase(xinliya_crisis_detector_heartbeats_total{${job}}[${w.heartbeat}])) == 0 and ${active}`,
      priority: "P0",
      summary: { zh: "危机识别器心跳中断", en: "A crisis detector's heartbeat stopped" },
      description: {
        zh: (t) => `危机识别器 ${t.label("detector")} 最近 ${w.heartbeat} 没有心跳，而仍有对话在进行（${t.label("job")}）。`,
        en: (t) => `Crisis detector ${t.label("detector")} sent no heartbeat over the last ${w.heartbeat} while conversations are active (${t.label("job")}).`,
      },
      dashboard: panel("detectorHeartbeats"),
    },
    {
      kind: "alert", name: "CrisisDetectorCoverageLost",
      expr: `${n.coverage} == 0 and on (job) ${n.agentRuns} > ${target("pageMinRate")}`, priority: "P0",
      summary: { zh: "危机识别器不再检查对话", en: "A crisis detector no longer screens conversations" },
      description: {
        zh: (t) => `危机识别器 ${t.label("detector")} 最近 ${w.coverage} 检查的消息占比为 ${t.value("percent")}，而对话流量正常（${t.label("job")}）。`,
        en: (t) => `Crisis detector ${t.label("detector")} screened ${t.value("percent")} of the messages over the last ${w.coverage} while traffic is normal (${t.label("job")}).`,
      },
      dashboard: panel("detectorCoverage"),
    },
    {
      kind: "alert", name: "UsageRemindersStopped",
      expr: `sum by (job) (increase(xinliya_usage_reminders_total{${job}}[${w.reminders}])) == 0 and on (job) sum by (job) (xinliya_long_sessions{${job}}) > 0`,
      priority: "P1",
      summary: { zh: "连续使用提醒停止", en: "Continuous-use reminders stopped" },
      description: {
        zh: (t) => `最近 ${w.reminders} 没有展示任何连续使用提醒，而有会话已连续使用超过时限（${t.label("job")}）。`,
        en: (t) => `No continuous-use reminder was shown over the last ${w.reminders} while sessions have been in use beyond the limit (${t.label("job")}).`,
      },
      dashboard: panel("reminders"),
    },
  ] as AlertDef[]).map((a) => (noFloor[a.name] ? { ...a, noTrafficFloor: noFloor[a.name] } : a));
}

export function safetyRules(ctx: RuleContext): RuleGroupDef {
  return { domain: "safety", group: "xinliya.safety", rules: [...records(ctx), ...alerts(ctx)], tests: [] }; // its failure scenarios: alerts/scenarios/safety.ts
}
