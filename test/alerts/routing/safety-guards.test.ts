// Render refuses every way a safety alert (catalog/safety.ts) could be muted or held, each refusal
// naming the TypeScript definition: an inhibition whose target could match one, a time interval on
// their route, a group_wait above the catalog's limit, a route that misses an on-call engineer.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { type RoutingContext, type RoutingDefs, routingDefs, routingParts } from "../../../alerts/routing.ts";
import { routingProblems } from "../../../alerts/routing/guards.ts";
import { eq, oneOf, re } from "../../../alerts/routing/matchers.ts";
import type { RouteNode } from "../../../alerts/routing/tree.ts";
import { environment } from "../../../catalog/environments.ts";
import type { SafetyRouting } from "../../../catalog/safety.ts";
import { jobs } from "../../../catalog/selectors.ts";
import { RenderError } from "../../../scripts/lib/problems.ts";
import { render } from "../../../scripts/render/index.ts";
import { options } from "../../helpers.ts";

const state = vi.hoisted(() => ({ routing: {} as Partial<SafetyRouting> }));
vi.mock("../../../catalog/safety.ts", async (original) => {
  const real = await original<typeof import("../../../catalog/safety.ts")>();
  return { ...real, safetyRouting: () => ({ ...real.safetyRouting(), ...state.routing }) };
});
beforeEach(() => { state.routing = {}; });

function renderProblems(patch: (defs: RoutingDefs) => RoutingDefs = (d) => d): string[] {
  try {
    render({ ...options(), routing: (ctx: RoutingContext) => patch(routingDefs(ctx)) });
  } catch (e) {
    expect(e).toBeInstanceOf(RenderError);
    return (e as RenderError).problems.map((p) => `${p.where}: ${p.message}`);
  }
  return [];
}

const withInhibition = (target: ReturnType<typeof eq>[], name = "test-rule") => (defs: RoutingDefs): RoutingDefs => ({
  ...defs,
  inhibitions: [...defs.inhibitions, { name, why: "test", source: [eq("alertname", "BackendUnavailable")], target, equal: ["alertname"] }],
});

describe("safety routing guards", () => {
  it("accept the catalog's definitions", () => {
    expect(renderProblems()).toEqual([]);
  });

  it("refuse an inhibition whose target could match a safety alert by severity, naming the inhibition", () => {
    const problems = renderProblems(withInhibition([eq("severity", "critical")], "critical-quiets-critical"));
    expect(problems).toEqual([expect.stringMatching(
      /^alerts\/routing\/inhibitions\.ts inhibitions\(\) › critical-quiets-critical: its target matchers \{severity="critical"\} could match safety alert CrisisTakeoverSlow \{alertname="CrisisTakeoverSlow", priority="P0"/)]);
  });

  it("refuse one that would reach them only through a label value of their expression (job of the exporter, a detector)", () => {
    const job = jobs(environment("production")).businessExporter;
    expect(renderProblems(withInhibition([eq("job", job)], "exporter-wide")).join("\n")).toMatch(/exporter-wide: .* could match safety alert CrisisTakeoverSlow/);
    expect(renderProblems(withInhibition([re("detector", "model_.*")], "detector-wide")).join("\n")).toMatch(/detector-wide: .* could match safety alert CrisisDetectorSilent .*detector="model_classifier"/);
  });

  it("refuse one that names a safety alert, even the P1 that goes to the team", () => {
    expect(renderProblems(withInhibition([oneOf("alertname", ["UsageRemindersStopped"])], "reminders")).join("\n"))
      .toMatch(/reminders: .* could match safety alert UsageRemindersStopped/);
  });

  it("accept an inhibition that cannot match them (the backend's own job)", () => {
    const job = jobs(environment("production")).backend;
    expect(renderProblems(withInhibition([eq("job", job), eq("severity", "critical")], "backend-only"))).toEqual([]);
  });

  it("refuse a group_wait above the catalog's limit, naming catalog/safety.ts", () => {
    state.routing = { groupWait: "30s" };
    const problems = renderProblems();
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p).toMatch(/group_wait 30s of safety alert \w+ is above the limit 5s \(catalog\/safety\.ts safetyRouting\(\)\.groupWaitLimit\)$/);
  });

  it("refuse an active or a mute time interval on their route, naming catalog/safety.ts", () => {
    state.routing = { activeDuring: "working-hours" };
    expect(renderProblems().join("\n")).toMatch(/safety alert CrisisWaitingTooLong would be muted by active_time_intervals working-hours: safety alerts are never muted \(catalog\/safety\.ts safetyRouting\(\)/);
    state.routing = { muteDuring: "working-hours" };
    expect(renderProblems().join("\n")).toMatch(/safety alert CrisisWaitingTooLong would be muted by mute_time_intervals working-hours/);
  });

  it("refuse a time interval on the priority route of the team's safety alert", () => {
    const problems = renderProblems((defs) => ({
      ...defs,
      policy: { ...defs.policy, priorities: { ...defs.policy.priorities, P1: { ...defs.policy.priorities.P1, activeDuring: "working-hours" } } },
    }));
    expect(problems.join("\n")).toMatch(/route \{priority="P1"\}.*: safety alert UsageRemindersStopped would be muted by active_time_intervals working-hours/);
  });

  it("refuse a tree where the safety route is gone: the P0 route holds them 10s and the guard says so", () => {
    const parts = routingParts({ env: environment("production"), locale: "zh" });
    const routes = parts.tree.routes!.filter((r: RouteNode) => !r.matchers?.some((m) => m.value.includes("CrisisTakeoverSlow")));
    const problems = routingProblems({ ...parts, tree: { ...parts.tree, routes } }).map((p) => `${p.where}: ${p.message}`);
    expect(problems.join("\n")).toMatch(/alerts\/routing\/tree\.ts routingTree\(\) › route \{priority="P0"\}.*: group_wait 10s of safety alert CrisisTakeoverSlow is above the limit 5s/);
  });

  it("refuse a safety route that misses an on-call engineer", () => {
    const parts = routingParts({ env: environment("production"), locale: "zh" });
    const isSafety = (r: RouteNode) => r.matchers?.some((m) => m.value.includes("CrisisTakeoverSlow"));
    const tree = { ...parts.tree, routes: parts.tree.routes!.map((r) => (isSafety(r) ? { ...r, routes: [{ receiver: "sre-chat" }] } : r)) };
    expect(routingProblems({ ...parts, tree }).map((p) => p.message).join("\n"))
      .toMatch(/safety alert CrisisTakeoverSlow reaches sre-chat, not oncall-primary, oncall-secondary, sre-chat at once/);
  });
});
