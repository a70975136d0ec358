// Alertmanager configuration: the routing tree, receivers, inhibitions and time windows of one
// environment, from the catalog's notification policy. The pieces live in alerts/routing/; this
// file assembles them, validates them (guards.ts) and writes them in Alertmanager's YAML shape.
import { notificationPolicy, timeIntervals } from "../catalog/notifications.ts";
import type { NotificationPolicy, WeeklyWindow } from "../catalog/notifications.ts";
import type { Environment, Locale } from "../catalog/types.ts";
import { type RoutingParts, type RoutingProblem, routingProblems } from "./routing/guards.ts";
import { type InhibitionDef, inhibitions } from "./routing/inhibitions.ts";
import { formatMatcher } from "./routing/matchers.ts";
import { receivers } from "./routing/receivers.ts";
import { TEMPLATE_FILE, notificationTemplates } from "./routing/templates.ts";
import { timeIntervalConfig } from "./routing/time-intervals.ts";
import { type RouteNode, routingTree } from "./routing/tree.ts";

export interface RoutingContext {
  env: Environment;
  locale: Locale;
}

/** The definitions routing is built from; tests replace them to prove the guards. */
export interface RoutingDefs {
  policy: NotificationPolicy;
  inhibitions: InhibitionDef[];
  windows: WeeklyWindow[];
}

export function routingDefs(ctx: RoutingContext): RoutingDefs {
  return { policy: notificationPolicy(), inhibitions: inhibitions(ctx.env), windows: timeIntervals() };
}

export function routingParts(ctx: RoutingContext, defs: RoutingDefs = routingDefs(ctx)): RoutingParts {
  return {
    env: ctx.env,
    policy: defs.policy,
    tree: routingTree(ctx.env, defs.policy),
    receivers: receivers(ctx.env),
    inhibitions: defs.inhibitions,
    windows: defs.windows,
  };
}

/** Every reason the definitions cannot become a config, each naming its route or rule. */
export function routingValidation(ctx: RoutingContext, defs?: RoutingDefs): RoutingProblem[] {
  return routingProblems(routingParts(ctx, defs));
}

function routeConfig(node: RouteNode): Record<string, unknown> {
  const out: Record<string, unknown> = { receiver: node.receiver };
  if (node.matchers?.length) out.matchers = node.matchers.map(formatMatcher);
  if (node.continue) out.continue = true;
  if (node.groupBy) out.group_by = node.groupBy;
  if (node.groupWait) out.group_wait = node.groupWait;
  if (node.groupInterval) out.group_interval = node.groupInterval;
  if (node.repeatInterval) out.repeat_interval = node.repeatInterval;
  if (node.activeTimeIntervals?.length) out.active_time_intervals = node.activeTimeIntervals;
  if (node.muteTimeIntervals?.length) out.mute_time_intervals = node.muteTimeIntervals;
  if (node.routes?.length) out.routes = node.routes.map(routeConfig);
  return out;
}

/** The config as Alertmanager reads it. Call routingValidation first: this does not validate. */
export function alertmanagerConfig(ctx: RoutingContext, defs?: RoutingDefs): Record<string, unknown> {
  const parts = routingParts(ctx, defs);
  return {
    // Relative to this file's folder, as Alertmanager and amtool resolve it.
    templates: [TEMPLATE_FILE.replace(/[^/]+$/, "*.tmpl")],
    route: routeConfig(parts.tree),
    inhibit_rules: parts.inhibitions.map((rule) => ({
      source_matchers: rule.source.map(formatMatcher),
      target_matchers: rule.target.map(formatMatcher),
      equal: rule.equal,
    })),
    receivers: parts.receivers,
    time_intervals: parts.windows.map(timeIntervalConfig),
  };
}

/** Files besides alertmanager.yml, relative to its folder: the notification templates. */
export function alertmanagerTemplates(ctx: RoutingContext): Map<string, string> {
  return new Map([[TEMPLATE_FILE, notificationTemplates(ctx.locale)]]);
}
