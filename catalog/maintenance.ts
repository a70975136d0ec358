// The maintenance announcement (运维指南 9.2 维护计划公告), for users and for the team, in Chinese and
// English. Placeholders in braces are filled by scripts/maintenance/announcement.ts; an unknown
// placeholder is an error. Users read no matcher, no host, no alert: only when and why.
import type { Localized } from "./types.ts";

export interface AnnouncementTemplates {
  users: Localized;
  team: Localized;
}

/** The time zone the announcement states times in (the team's, as the working hours). */
export function announcementTimeZone(): string {
  return "Asia/Shanghai";
}

export function maintenanceAnnouncements(): AnnouncementTemplates {
  return {
    users: {
      zh: "【维护计划公告】\n尊敬的用户：心理鸭将于 {start} 至 {end}（北京时间，约 {duration}）进行系统维护，原因：{reason}。\n" +
        "维护期间部分功能可能短暂不可用。如果您正处于危机之中，请立即拨打心理援助热线或 110/120，我们的危机人工支持不受本次维护影响。",
      en: "[Scheduled maintenance]\nDear user: Xinliya will be under maintenance from {start} to {end} (Beijing time, about {duration}), because: {reason}.\n" +
        "Some features may be briefly unavailable. If you are in crisis, call a crisis hotline or 110/120 now; human crisis support is not affected by this maintenance.",
    },
    team: {
      zh: "【维护计划公告 · 团队】\n时间：{start} 至 {end}（北京时间，{duration}；UTC {startUtc} 至 {endUtc}）\n原因：{reason}\n" +
        "静默：{silenceId}，匹配 {matchers}，由 {author} 创建。\n安全告警与 Watchdog 不会被静默；维护结束后运行 npm run maintenance -- --expire {silenceId} 提前结束。",
      en: "[Maintenance plan · team]\nWhen: {start} to {end} (Beijing time, {duration}; UTC {startUtc} to {endUtc})\nWhy: {reason}\n" +
        "Silence: {silenceId}, matching {matchers}, created by {author}.\nSafety alerts and Watchdog are never silenced; end it early with npm run maintenance -- --expire {silenceId}.",
    },
  };
}
