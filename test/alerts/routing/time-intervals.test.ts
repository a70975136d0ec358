// P3 tickets go out only in working hours: the window's definition, evaluated for given instants
// (a P3 outside working hours is held back), and its place in the generated config.
import path from "node:path";
import fs from "node:fs";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { isInside, localTime } from "../../../alerts/routing/time-intervals.ts";
import { timeIntervals } from "../../../catalog/notifications.ts";
import { options, renderTo } from "../../helpers.ts";
import { amtool } from "./tools.ts";

function workingHours() {
  const w = timeIntervals().find((i) => i.name === "working-hours");
  if (!w) throw new Error("no working-hours window in the catalog");
  return w;
}

describe("working hours (Mon–Fri 09:00–18:00 Asia/Shanghai, UTC+8 all year)", () => {
  it("is defined as the issue demands", () => {
    expect(workingHours()).toEqual({ name: "working-hours", weekdays: ["monday", "friday"], start: "09:00", end: "18:00", location: "Asia/Shanghai" });
  });

  // 2024-06-03 is a Monday; Shanghai is UTC+8 and has no daylight saving time.
  const cases: [string, string, boolean][] = [
    ["2024-06-03T02:00:00Z", "Monday 10:00", true],
    ["2024-06-03T01:00:00Z", "Monday 09:00, start inclusive", true],
    ["2024-06-03T00:59:00Z", "Monday 08:59", false],
    ["2024-06-03T09:59:00Z", "Monday 17:59", true],
    ["2024-06-03T10:00:00Z", "Monday 18:00, end exclusive", false],
    ["2024-06-02T23:30:00Z", "Monday 07:30 (still Sunday in UTC)", false],
    ["2024-06-07T09:30:00Z", "Friday 17:30", true],
    ["2024-06-07T10:30:00Z", "Friday 18:30", false],
    ["2024-06-07T17:00:00Z", "Saturday 01:00 (still Friday in UTC)", false],
    ["2024-06-08T02:00:00Z", "Saturday 10:00", false],
    ["2024-06-09T04:00:00Z", "Sunday 12:00", false],
    ["2024-06-03T15:00:00Z", "Monday 23:00, night", false],
  ];
  it.each(cases)("%s is %s in Shanghai: inside = %s", (utc, local, inside) => {
    const at = new Date(utc);
    const { weekday, minute } = localTime(at, "Asia/Shanghai");
    const hhmm = `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
    expect(local.toLowerCase()).toContain(`${weekday} ${hhmm}`);
    expect(isInside(workingHours(), at)).toBe(inside);
  });

  it("is written into every environment's config, and only the P3 route is limited by it", () => {
    for (const env of ["local", "staging", "production"] as const) {
      const dir = renderTo(options(env));
      const config = yaml.load(fs.readFileSync(path.join(dir, "alertmanager/alertmanager.yml"), "utf8")) as {
        time_intervals: unknown[];
        route: { routes: { matchers: string[]; active_time_intervals?: string[]; mute_time_intervals?: string[] }[] };
      };
      expect(config.time_intervals, env).toEqual([{
        name: "working-hours",
        time_intervals: [{ weekdays: ["monday:friday"], times: [{ start_time: "09:00", end_time: "18:00" }], location: "Asia/Shanghai" }],
      }]);
      const limited = config.route.routes.filter((r) => r.active_time_intervals || r.mute_time_intervals);
      expect(limited.map((r) => [r.matchers, r.active_time_intervals]), env).toEqual([[['priority="P3"'], ["working-hours"]]]);
      // The real Alertmanager loads the time zone: a misspelt location fails check-config.
      expect(amtool(["check-config", "alertmanager/alertmanager.yml"], dir).code).toBe(0);
    }
  });

  it("a misspelt location is refused by the real amtool (so the check above means something)", () => {
    const dir = renderTo(options("production"));
    const file = path.join(dir, "alertmanager/alertmanager.yml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("Asia/Shanghai", "Asia/Shanghia"));
    const run = amtool(["check-config", "alertmanager/alertmanager.yml"], dir);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/Shanghia/);
  });
});
