// Generation refuses broken routing definitions, naming the route or the inhibition, and writes
// nothing: a route to an unknown receiver, a priority without a route, an inhibition that would
// suppress Watchdog, an `equal` label that may be missing on both sides, a muted Watchdog.
import { describe, expect, it } from "vitest";
import { type RoutingContext, type RoutingDefs, routingDefs, routingParts, routingValidation } from "../../../alerts/routing.ts";
import { routingProblems } from "../../../alerts/routing/guards.ts";
import { eq, re } from "../../../alerts/routing/matchers.ts";
import type { NotificationPolicy } from "../../../catalog/notifications.ts";
import { environment } from "../../../catalog/environments.ts";
import type { ReceiverName } from "../../../catalog/types.ts";
import { RenderError } from "../../../scripts/lib/problems.ts";
import { render } from "../../../scripts/render/index.ts";
import { options } from "../../helpers.ts";

function renderProblems(patch: (defs: RoutingDefs) => RoutingDefs, env: "production" | "staging" | "local" = "production"): string[] {
  try {
    render({ ...options(env), routing: (ctx: RoutingContext) => patch(routingDefs(ctx)) });
  } catch (e) {
    expect(e).toBeInstanceOf(RenderError);
    return (e as RenderError).problems.map((p) => `${p.where}: ${p.message}`);
  }
  throw new Error("render did not fail");
}

const withPolicy = (change: (p: NotificationPolicy) => NotificationPolicy) => (defs: RoutingDefs): RoutingDefs =>
  ({ ...defs, policy: change(defs.policy) });

describe("routing guards", () => {
  it("accept the definitions of every environment", () => {
    for (const name of ["local", "staging", "production"] as const) {
      const ctx = { env: environment(name), locale: "zh" as const };
      expect(routingValidation(ctx), name).toEqual([]);
    }
  });

  it("refuse a route to an unknown receiver, naming route and receiver", () => {
    const problems = renderProblems(withPolicy((p) => ({
      ...p, priorities: { ...p.priorities, P1: { ...p.priorities.P1, notify: ["oncall-primary", "oncall-tertiary" as ReceiverName] } },
    })));
    expect(problems).toEqual([
      'catalog/notifications.ts › P1: names receiver "oncall-tertiary", which is not a receiver (known: oncall-primary, oncall-secondary, sre-chat, sre-ticket, deadmans-switch)',
      'alertmanager/alertmanager.yml › route {priority="P1"} › child route 2: names receiver "oncall-tertiary", which is not defined (defined: oncall-primary, oncall-secondary, sre-chat, sre-ticket, deadmans-switch)',
    ]);
  });

  it("refuse an unknown receiver in staging too, where every route is mapped to sre-chat", () => {
    const problems = renderProblems(withPolicy((p) => ({ ...p, unclassified: { ...p.unclassified, notify: "nobody" as ReceiverName } })), "staging");
    expect(problems).toEqual([expect.stringMatching(/^catalog\/notifications\.ts › unclassified: names receiver "nobody", which is not a receiver/)]);
  });

  it("refuse a route whose receiver the environment does not define", () => {
    const parts = routingParts({ env: environment("staging"), locale: "zh" });
    const problems = routingProblems({ ...parts, tree: { ...parts.tree, routes: [{ receiver: "oncall-primary" }] } });
    expect(problems.map((p) => `${p.where}: ${p.message}`)).toEqual(expect.arrayContaining([
      'alertmanager/alertmanager.yml › the root route › child route 1: names receiver "oncall-primary", which is not defined (defined: sre-chat)',
    ]));
  });

  it("refuse a priority without a route", () => {
    const problems = renderProblems(withPolicy((p) => {
      const { P2: _dropped, ...rest } = p.priorities;
      return { ...p, priorities: rest as NotificationPolicy["priorities"] };
    }));
    expect(problems).toEqual([expect.stringMatching(/route: priority P2 has no route: its alerts would only reach the default route$/)]);
  });

  it("refuse an inhibition that would suppress Watchdog", () => {
    const problems = renderProblems((defs) => ({
      ...defs,
      inhibitions: [...defs.inhibitions, {
        name: "critical-silences-the-rest", why: "test", source: [eq("severity", "critical")],
        target: [re("severity", "warning|info|none")], equal: ["alertname"],
      }],
    }));
    expect(problems).toEqual([expect.stringMatching(
      /inhibit_rules › critical-silences-the-rest: would suppress Watchdog: its target matchers \{severity=~"warning\|info\|none"\} match \{alertname="Watchdog", severity="none", environment="production"\}/)]);
  });

  it("refuse an inhibition whose target would match Watchdog through the environment label", () => {
    const problems = renderProblems((defs) => ({
      ...defs,
      inhibitions: [{ name: "prod-wide", why: "test", source: [eq("alertname", "X")], target: [eq("environment", "production")], equal: ["alertname"] }],
    }));
    expect(problems.join("\n")).toMatch(/prod-wide: would suppress Watchdog/);
  });

  it("refuse an `equal` label that is not required on both sides (the missing-on-both-sides trap)", () => {
    const problems = renderProblems((defs) => ({
      ...defs,
      inhibitions: [{
        name: "naive-priority-rule", why: "test", source: [re("priority", "P0|P1")], target: [re("priority", "P2|P3")], equal: ["instance"],
      }],
    }));
    expect(problems).toEqual([expect.stringMatching(
      /inhibit_rules › naive-priority-rule: equal label "instance" is not required on the source and target side: when both alerts lack it, Alertmanager counts "" == "" as equal and the rule inhibits every target alert; add present\("instance"\) to both sides$/)]);
  });

  it("refuse an inhibition without any `equal` label", () => {
    const problems = renderProblems((defs) => ({
      ...defs,
      inhibitions: [{ name: "no-equal", why: "test", source: [eq("alertname", "A")], target: [eq("alertname", "B")], equal: [] }],
    }));
    expect(problems).toEqual([expect.stringMatching(/no-equal: has no `equal` label/)]);
  });

  it("refuse a route limited to an unknown time interval", () => {
    const problems = renderProblems(withPolicy((p) => ({
      ...p, priorities: { ...p.priorities, P3: { ...p.priorities.P3, activeDuring: "office-hours" } },
    })));
    expect(problems).toEqual([expect.stringMatching(/route \{priority="P3"\}: time interval "office-hours" is not defined/)]);
  });

  it("refuse a Watchdog route that a time interval could mute", () => {
    const parts = routingParts({ env: environment("production"), locale: "zh" });
    const routes = parts.tree.routes!.map((r) => (r.matchers?.[0]?.value === "Watchdog" ? { ...r, activeTimeIntervals: ["working-hours"] } : r));
    const problems = routingProblems({ ...parts, tree: { ...parts.tree, routes } }).map((p) => `${p.where}: ${p.message}`);
    expect(problems).toEqual([expect.stringMatching(/route \{alertname="Watchdog"\}: Watchdog would be muted outside\/inside working-hours$/)]);
  });

  it("refuse a broken working-hours window, naming it", () => {
    const problems = renderProblems((defs) => ({
      ...defs,
      windows: [{ name: "working-hours", weekdays: ["friday", "monday"], start: "18:00", end: "09:00", location: "Asia/Shanghia" }],
    }));
    const text = problems.join("\n");
    expect(text).toMatch(/time_intervals › working-hours: start 18:00 is not before end 09:00/);
    expect(text).toMatch(/time_intervals › working-hours: the weekday range must not wrap around the week/);
    expect(text).toMatch(/time_intervals › working-hours: unknown time zone "Asia\/Shanghia"/);
  });
});
