// The notification policy: who is told about an alert of each priority, and how fast. The repeat
// interval of a priority is its response time (catalog/priorities.ts, ops guide 4.1); the on-call
// pair is the primary and backup of ops guide 9.1. alerts/routing turns this into Alertmanager's tree.
import type { Duration, PriorityName, ReceiverName } from "./types.ts";

export interface PriorityNotification {
  /** Receivers, in the order they are notified. */
  notify: ReceiverName[];
  /** How long the first notification of a new group waits for more alerts of the same incident. */
  groupWait: Duration;
  /** Notify only while this time interval (a `timeIntervals()` name) is active; held back otherwise. */
  activeDuring?: string;
}

/** A weekly window in the style of Alertmanager's `time_intervals`: [start, end) on the weekdays. */
export interface WeeklyWindow {
  name: string;
  /** Inclusive range of weekdays, e.g. monday to friday. */
  weekdays: readonly [Weekday, Weekday];
  /** "HH:MM", start inclusive, end exclusive, in `location`. */
  start: string;
  end: string;
  /** IANA time zone. */
  location: string;
}

export type Weekday = "sunday" | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday";

export interface NotificationPolicy {
  /** One notification per incident: these labels tell incidents apart (README, "Routing"). */
  groupBy: string[];
  groupInterval: Duration;
  priorities: Record<PriorityName, PriorityNotification>;
  /** Alerts with no priority or an unknown one: never dropped, sent to chat with a marker. */
  unclassified: { notify: ReceiverName; timingOf: PriorityName };
  /** The always-firing alert that proves the pipeline works. It carries no priority. */
  watchdog: {
    alertname: string;
    severity: string;
    notify: ReceiverName;
    groupWait: Duration;
    groupInterval: Duration;
    repeatInterval: Duration;
  };
}

export function notificationPolicy(): NotificationPolicy {
  return {
    groupBy: ["alertname", "job", "instance", "agent", "provider", "backup"],
    groupInterval: "5m",
    priorities: {
      P0: { notify: ["oncall-primary", "oncall-secondary", "sre-chat"], groupWait: "10s" },
      P1: { notify: ["oncall-primary", "sre-chat"], groupWait: "30s" },
      P2: { notify: ["sre-chat"], groupWait: "1m" },
      P3: { notify: ["sre-ticket"], groupWait: "5m", activeDuring: "working-hours" },
    },
    // We cannot know how urgent an unlabelled alert is: chat, repeated at P1 pace until it is fixed.
    unclassified: { notify: "sre-chat", timingOf: "P1" },
    // A dead man's switch expects a ping every few minutes and raises the alarm when they stop.
    watchdog: {
      alertname: "Watchdog",
      severity: "none",
      notify: "deadmans-switch",
      groupWait: "0s",
      groupInterval: "1m",
      repeatInterval: "5m",
    },
  };
}

/** The time windows that routes may be limited to. */
export function timeIntervals(): WeeklyWindow[] {
  return [
    { name: "working-hours", weekdays: ["monday", "friday"], start: "09:00", end: "18:00", location: "Asia/Shanghai" },
  ];
}
