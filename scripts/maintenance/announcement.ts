// The 维护计划公告 from the catalog's templates (catalog/maintenance.ts), for users and the team,
// Chinese first, English second.
import { formatMatchers, type Matcher } from "../../alerts/routing/matchers.ts";
import { announcementTimeZone, maintenanceAnnouncements } from "../../catalog/maintenance.ts";
import type { AnnouncementTemplates } from "../../catalog/maintenance.ts";
import { LOCALES } from "../../catalog/types.ts";

export interface Plan {
  start: Date;
  end: Date;
  duration: string;
  reason: string;
  matchers: Matcher[];
  silenceId: string;
  author: string;
}

function local(at: Date, timeZone: string): string {
  const p = new Intl.DateTimeFormat("en-CA", {
    timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(at);
  const get = (t: string) => p.find((x) => x.type === t)!.value;
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}

export function fill(template: string, values: Record<string, string>, where: string): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!Object.hasOwn(values, name)) throw new Error(`${where}: unknown placeholder {${name}} (known: ${Object.keys(values).join(", ")})`);
    return values[name]!;
  });
}

export function announcements(plan: Plan, templates: AnnouncementTemplates = maintenanceAnnouncements()): string {
  const tz = announcementTimeZone();
  const values = {
    start: local(plan.start, tz), end: local(plan.end, tz), startUtc: local(plan.start, "UTC"), endUtc: local(plan.end, "UTC"),
    duration: plan.duration, reason: plan.reason, matchers: formatMatchers(plan.matchers), silenceId: plan.silenceId, author: plan.author,
  };
  const parts: string[] = [];
  for (const audience of ["users", "team"] as const) {
    for (const locale of LOCALES) {
      parts.push(fill(templates[audience][locale], values, `catalog/maintenance.ts maintenanceAnnouncements().${audience}.${locale}`));
    }
  }
  return parts.join("\n\n");
}
