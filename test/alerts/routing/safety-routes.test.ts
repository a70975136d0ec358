// The safety alerts in the rendered Alertmanager config, checked with the real amtool 0.25:
// every label set they can carry reaches both on-call engineers and the team at once (production,
// local) or the team chat (staging, which pages nobody); their route has no time interval, a
// group_wait within the catalog's limit and a repeat interval, so they repeat until resolved.
import path from "node:path";
import fs from "node:fs";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { safetyLabelSets } from "../../../alerts/routing/safety.ts";
import { seconds } from "../../../catalog/duration.ts";
import { environment } from "../../../catalog/environments.ts";
import { safetyAlerts, safetyRouting } from "../../../catalog/safety.ts";
import type { EnvironmentName } from "../../../catalog/types.ts";
import { options, renderTo } from "../../helpers.ts";
import { amtool } from "./tools.ts";

/** The contract, written out: P0 safety pages both engineers and the team; the P1 goes to the team. */
const EXPECTED: Record<EnvironmentName, { page: string[]; team: string[] }> = {
  production: { page: ["oncall-primary", "oncall-secondary", "sre-chat"], team: ["oncall-primary", "sre-chat"] },
  local: { page: ["oncall-primary", "oncall-secondary", "sre-chat"], team: ["oncall-primary", "sre-chat"] },
  staging: { page: ["sre-chat"], team: ["sre-chat"] },
};

interface Route { matchers?: string[]; routes?: Route[]; group_wait?: string; repeat_interval?: string; group_interval?: string; active_time_intervals?: string[]; mute_time_intervals?: string[] }

describe.each(Object.keys(EXPECTED) as EnvironmentName[])("safety routing in %s", (env) => {
  const dir = renderTo(options(env));
  const config = path.join(dir, "alertmanager/alertmanager.yml");
  const routeOf = safetyAlerts().reduce<Record<string, "page" | "team">>((acc, a) => ({ ...acc, [a.name]: a.route }), {});

  it.each(safetyLabelSets(environment(env)).map((s) => [s.alert, s.labels] as const))("%s %j reaches its receivers, verified by amtool", (alert, labels) => {
    const want = EXPECTED[env][routeOf[alert]!];
    const args = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
    const run = amtool(["config", "routes", "test", `--config.file=${config}`, `--verify.receivers=${want.join(",")}`, ...args]);
    expect({ code: run.code, out: run.out.split("\n").filter((l) => !l.startsWith("WARNING")).join(" ") }).toEqual({ code: 0, out: want.join(",") });
  });

  it("gives the paging safety route no time interval, a group_wait within the limit and a repeat interval", () => {
    const doc = yaml.load(fs.readFileSync(config, "utf8")) as { route: Route };
    const safety = doc.route.routes!.find((r) => (r.matchers ?? []).some((m) => m.includes("CrisisTakeoverSlow")))!;
    expect(safety).toBeDefined();
    expect(doc.route.routes!.indexOf(safety)).toBe(1); // right after Watchdog, before any priority
    expect(seconds(safety.group_wait!)).toBeLessThanOrEqual(seconds(safetyRouting().groupWaitLimit));
    expect(seconds(safety.repeat_interval!)).toBeGreaterThan(0);
    const all = [safety, ...(safety.routes ?? [])];
    expect(all.flatMap((r) => [...(r.active_time_intervals ?? []), ...(r.mute_time_intervals ?? [])])).toEqual([]);
    expect(doc.route).not.toHaveProperty("active_time_intervals");
    expect(doc.route).not.toHaveProperty("mute_time_intervals");
  });

  it("fails --verify.receivers when a safety alert is expected at one on-call engineer only (the check can fail)", () => {
    if (env === "staging") return expect(EXPECTED.staging.page).toEqual(["sre-chat"]);
    const run = amtool(["config", "routes", "test", `--config.file=${config}`, "--verify.receivers=oncall-primary,sre-chat",
      "alertname=CrisisWaitingTooLong", "priority=P0", "severity=critical"]);
    expect(run.code).toBe(1);
  });
});
