// User safety (issue 14): the crisis pipeline of CAC draft rules Art. 11 (a human takes over when a
// user raises suicide or self-harm, the guardian or emergency contact is reached, a reminder after
// two hours of continuous use) and the yearly crisis-referral count of California SB 243.
// Pure data, written once: label values, the team's own targets with their reasons, the windows,
// the safety alerts and how they are routed. No public figure exists for any of these targets.
import type { Duration, Localized, PriorityName, ReceiverName } from "./types.ts";

/** Who raised the crisis: the model's classifier or the user (a crisis button, an explicit request). */
export function crisisSources(): string[] {
  return ["model", "user"];
}

/** Risk levels the detector assigns. Not `severity`: that label name belongs to the alerts. */
export function crisisRiskLevels(): string[] {
  return ["elevated", "high", "imminent"];
}

/** The crisis detectors, each with its own heartbeat. */
export function crisisDetectors(): string[] {
  return ["model_classifier", "keyword_rules"];
}

/** Results of an emergency-contact notification. `failed` counts toward the failure share. */
export function emergencyContactResults() {
  return { all: ["delivered", "failed"], failed: "failed" } as const;
}

/** Crisis resources a user can be referred to (SB 243 counts every referral). */
export function crisisResources(): string[] {
  return ["hotline", "counsellor_booking", "emergency_services", "safety_plan"];
}

export interface SafetyTarget {
  value: number;
  unit: "seconds" | "ratio";
  /** Why this number, for the team to review (issue 14's closing note lists them). */
  reason: Localized;
}

export type SafetyTargetName =
  | "crisisTakeoverP95" | "crisisTakeoverMax" | "crisisOldestWaiting" | "emergencyContactFailureShare";

export function safetyTargets(): Record<SafetyTargetName, SafetyTarget> {
  return {
    crisisTakeoverP95: {
      value: 120, unit: "seconds",
      reason: {
        zh: "团队自定：95% 的危机在 2 分钟内由人工咨询师接手。危机热线以分钟计的应答为常态，用户说出想伤害自己之后每多等一分钟都可能离开对话；2 分钟是值班咨询师轮值能稳定做到的。",
        en: "Team's own: 95 % of crises are taken over by a human counsellor within 2 minutes. Crisis lines answer within minutes; every extra minute after a user says they want to hurt themselves risks them leaving; 2 minutes is what the counsellor rota can hold.",
      },
    },
    crisisTakeoverMax: {
      value: 300, unit: "seconds",
      reason: {
        zh: "团队自定：任何一次接手都不得超过 5 分钟。p95 之外的长尾就是没人接的那一位用户，必须单独告警。",
        en: "Team's own: no takeover may take longer than 5 minutes. The tail beyond p95 is the one user nobody answered, and it pages on its own.",
      },
    },
    crisisOldestWaiting: {
      value: 180, unit: "seconds",
      reason: {
        zh: "团队自定：等待中的最早危机超过 3 分钟即告警，早于 5 分钟上限，留出 2 分钟让值班人员找到咨询师。",
        en: "Team's own: page when the oldest waiting crisis passes 3 minutes, before the 5-minute maximum, leaving 2 minutes to find a counsellor.",
      },
    },
    emergencyContactFailureShare: {
      value: 0.1, unit: "ratio",
      reason: {
        zh: "团队自定：紧急联系人通知失败占比超过 10%。个别失败（号码有误）由咨询师跟进；十分之一失败说明短信或电话通道本身坏了。",
        en: "Team's own: more than 10 % of emergency-contact notifications fail. A single failure (a wrong number) is the counsellor's to follow up; one in ten means the SMS or call channel itself is broken.",
      },
    },
  };
}

export function safetyTarget(name: SafetyTargetName): number {
  return safetyTargets()[name].value;
}

/** Windows of the safety rules: crises are few, so shares and quantiles look further back. */
export function safetyWindows() {
  return {
    /** Takeover latency and notification shares. */
    crisis: "30m",
    /** A detector sends a heartbeat every few seconds; none in this window means it is silent. */
    heartbeat: "2m",
    /** The detector's share of conversations. */
    coverage: "5m",
    /** Continuous-use reminders: the backend repeats the reminder every 30 min after the first at 2 h. */
    reminders: "1h",
    /** Breakdowns on the dashboard (by source and risk, by result). */
    breakdown: "1d",
    /** SB 243: the yearly count of crisis referrals. */
    yearly: "365d",
  } as const satisfies Record<string, Duration>;
}

/**
 * Small counts on a breakdown can re-identify a user in distress: below `threshold` a panel shows
 * `text`, never the count. The queries replace such counts with `sentinel` before they leave Prometheus.
 */
export function smallCountSuppression() {
  return { threshold: 5, sentinel: -1, text: "< 5" } as const;
}

/** CAC draft Art. 11: remind the user after this much continuous use; the backend repeats it every 30 min. */
export function continuousUseLimit(): Duration {
  return "2h";
}

export interface SafetyAlert {
  name: string;
  priority: PriorityName;
  /** Labels the alert keeps from its expression (besides alertname, priority, severity, environment). */
  by: readonly ("job" | "detector")[];
  /** `page`: the safety route (both on-call engineers and the team, at once); `team`: the priority's route. */
  route: "page" | "team";
}

/** Every alert of the safety domain (alerts/safety.ts); the routing and maintenance guards read it. */
export function safetyAlerts(): SafetyAlert[] {
  return [
    { name: "CrisisTakeoverSlow", priority: "P0", by: ["job"], route: "page" },
    { name: "CrisisTakeoverOverMax", priority: "P0", by: ["job"], route: "page" },
    { name: "CrisisWaitingTooLong", priority: "P0", by: ["job"], route: "page" },
    { name: "EmergencyContactNotifyFailing", priority: "P0", by: ["job"], route: "page" },
    { name: "CrisisDetectorSilent", priority: "P0", by: ["job", "detector"], route: "page" },
    { name: "CrisisDetectorCoverageLost", priority: "P0", by: ["job", "detector"], route: "page" },
    { name: "UsageRemindersStopped", priority: "P1", by: ["job"], route: "team" },
  ];
}

/** The `for` of every safety alert: short, the windows already smooth. */
export function safetyForDurations(): Record<string, Duration> {
  return {
    CrisisTakeoverSlow: "2m",
    // One takeover beyond the maximum is already the failure; `for` only rides out one evaluation.
    CrisisTakeoverOverMax: "1m",
    CrisisWaitingTooLong: "1m",
    EmergencyContactNotifyFailing: "2m",
    CrisisDetectorSilent: "1m",
    CrisisDetectorCoverageLost: "5m",
    UsageRemindersStopped: "30m",
  };
}

/**
 * How the paging safety alerts are routed: never muted, never held. Render refuses a route with a
 * time interval, an inhibition whose target could match them, or a group_wait above the limit.
 */
export interface SafetyRouting {
  notify: ReceiverName[];
  groupWait: Duration;
  /** The longest group_wait render accepts on the route of a paging safety alert. */
  groupWaitLimit: Duration;
  groupInterval: Duration;
  repeatInterval: Duration;
  /** Same shape as the priorities' `activeDuring`; render refuses any value here (never muted). */
  activeDuring?: string;
  muteDuring?: string;
}

export function safetyRouting(): SafetyRouting {
  return {
    notify: ["oncall-primary", "oncall-secondary", "sre-chat"],
    groupWait: "0s",
    groupWaitLimit: "5s",
    // A second crisis in the same group is news: tell at once, not after the usual 5 minutes.
    groupInterval: "10s",
    // Repeated until resolved: Alertmanager stops repeating once the alert resolves.
    repeatInterval: "5m",
  };
}
