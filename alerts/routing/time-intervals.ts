// Weekly windows (catalog/notifications.ts timeIntervals()) as Alertmanager `time_intervals`, and
// the question "is this instant inside?" answered with Alertmanager's semantics: weekdays inclusive,
// start_time inclusive, end_time exclusive, all read in the window's IANA location.
import type { Weekday, WeeklyWindow } from "../../catalog/notifications.ts";

const WEEKDAYS: readonly Weekday[] = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

export function timeIntervalConfig(w: WeeklyWindow): Record<string, unknown> {
  return {
    name: w.name,
    time_intervals: [{
      weekdays: [`${w.weekdays[0]}:${w.weekdays[1]}`],
      times: [{ start_time: w.start, end_time: w.end }],
      location: w.location,
    }],
  };
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h! * 60 + m!;
}

/** What is wrong with a window's definition, if anything. */
export function windowProblems(w: WeeklyWindow): string[] {
  const out: string[] = [];
  for (const t of [w.start, w.end]) if (!HHMM.test(t)) out.push(`time "${t}" is not HH:MM`);
  if (HHMM.test(w.start) && HHMM.test(w.end) && minutes(w.start) >= minutes(w.end)) {
    out.push(`start ${w.start} is not before end ${w.end}`);
  }
  for (const d of w.weekdays) if (!WEEKDAYS.includes(d)) out.push(`unknown weekday "${d}"`);
  // Alertmanager refuses a weekday range that wraps around the week (friday:monday).
  if (WEEKDAYS.indexOf(w.weekdays[0]) > WEEKDAYS.indexOf(w.weekdays[1])) out.push("the weekday range must not wrap around the week");
  if (!knownTimeZone(w.location)) out.push(`unknown time zone "${w.location}"`);
  return out;
}

/** Time zones already found valid: building an Intl formatter is the slow part of this check. */
const validZones = new Set<string>();

function knownTimeZone(zone: string): boolean {
  if (validZones.has(zone)) return true;
  // The canonical zones are a cheap list; a formatter (which loads the zone data, ~0.3 s of
  // `npm run generate`) only for the others (aliases, UTC).
  if (!Intl.supportedValuesOf("timeZone").includes(zone)) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone });
    } catch {
      return false;
    }
  }
  validZones.add(zone);
  return true;
}

/** Weekday and minute of the day of an instant in a time zone. */
export function localTime(at: Date, timeZone: string): { weekday: Weekday; minute: number } {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone, weekday: "long", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { weekday: get("weekday").toLowerCase() as Weekday, minute: Number(get("hour")) * 60 + Number(get("minute")) };
}

export function isInside(w: WeeklyWindow, at: Date): boolean {
  const { weekday, minute } = localTime(at, w.location);
  const day = WEEKDAYS.indexOf(weekday);
  const [from, to] = [WEEKDAYS.indexOf(w.weekdays[0]), WEEKDAYS.indexOf(w.weekdays[1])];
  return day >= from && day <= to && minute >= minutes(w.start) && minute < minutes(w.end);
}
