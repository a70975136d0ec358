// The routing tree, built from the catalog's notification policy for one environment, and the
// resolution of a label set through it with Alertmanager's rules (first matching child wins,
// `continue: true` goes on to the next sibling, no matching child means the parent's receiver).
import { priorities, priority } from "../../catalog/priorities.ts";
import type { NotificationPolicy } from "../../catalog/notifications.ts";
import type { Duration, Environment, ReceiverName } from "../../catalog/types.ts";
import { type Labels, type Matcher, allMatch, eq, formatMatchers } from "./matchers.ts";
import { safetyRoutes } from "./safety.ts";

export interface RouteNode {
  receiver: string;
  matchers?: Matcher[];
  continue?: boolean;
  groupBy?: string[];
  groupWait?: Duration;
  groupInterval?: Duration;
  repeatInterval?: Duration;
  activeTimeIntervals?: string[];
  muteTimeIntervals?: string[];
  routes?: RouteNode[];
}

/** The receiver that a logical receiver is delivered to in the environment. */
export function deliveredTo(env: Environment, receiver: ReceiverName): ReceiverName {
  return env.notifications.kind === "chat-only" ? "sre-chat" : receiver;
}

/** One route for several receivers: a child per receiver, each but the last with `continue`. */
function fanOut(receivers: string[]): Pick<RouteNode, "receiver" | "routes"> {
  const unique = [...new Set(receivers)];
  if (unique.length <= 1) return { receiver: unique[0] ?? "" };
  return {
    receiver: unique[0]!,
    routes: unique.map((receiver, i) => (i < unique.length - 1 ? { receiver, continue: true } : { receiver })),
  };
}

export function routingTree(env: Environment, policy: NotificationPolicy): RouteNode {
  const fallback = priority(policy.unclassified.timingOf);
  const watchdog = policy.watchdog;
  const heartbeat = env.notifications.kind === "chat-only" ? env.notifications.heartbeatRepeatInterval : undefined;
  const routes: RouteNode[] = [
    {
      receiver: deliveredTo(env, watchdog.notify),
      matchers: [eq("alertname", watchdog.alertname)],
      groupWait: watchdog.groupWait,
      groupInterval: watchdog.groupInterval,
      repeatInterval: heartbeat ?? watchdog.repeatInterval,
    },
    // Safety alerts (catalog/safety.ts) before the priorities: their own timing, never muted.
    ...safetyRoutes(env, policy.groupBy),
  ];
  for (const p of priorities()) {
    const rule = (policy.priorities as Partial<NotificationPolicy["priorities"]>)[p.name];
    if (!rule) continue; // reported by the guard "a priority has no route"
    routes.push({
      matchers: [eq("priority", p.name)],
      ...fanOut(rule.notify.map((r) => deliveredTo(env, r))),
      groupWait: rule.groupWait,
      repeatInterval: p.responseTime,
      ...(rule.activeDuring ? { activeTimeIntervals: [rule.activeDuring] } : {}),
    });
  }
  return {
    receiver: deliveredTo(env, policy.unclassified.notify),
    groupBy: policy.groupBy,
    groupWait: (policy.priorities as Partial<NotificationPolicy["priorities"]>)[fallback.name]?.groupWait,
    groupInterval: policy.groupInterval,
    repeatInterval: fallback.responseTime,
    routes,
  };
}

/** A route reached by a label set, with the routes above it (root first). */
export interface Resolved {
  receiver: string;
  path: RouteNode[];
}

function matchRoute(node: RouteNode, labels: Labels, above: RouteNode[]): Resolved[] {
  const path = [...above, node];
  const out: Resolved[] = [];
  for (const child of node.routes ?? []) {
    if (!allMatch(child.matchers ?? [], labels)) continue;
    out.push(...matchRoute(child, labels, path));
    if (!child.continue) break;
  }
  return out.length > 0 ? out : [{ receiver: node.receiver, path }];
}

/** Every route a label set reaches, in order: what `amtool config routes test` prints. */
export function resolveRoutes(root: RouteNode, labels: Labels): Resolved[] {
  return matchRoute(root, labels, []);
}

/** The route's name in error messages: its matchers, or "root". */
export function routeName(path: RouteNode[]): string {
  const named = path.filter((n) => n.matchers && n.matchers.length > 0);
  const base = named.length === 0 ? "the root route" : `route ${named.map((n) => formatMatchers(n.matchers!)).join(" › ")}`;
  const last = path[path.length - 1]!;
  if (path.length === 1 || last.matchers?.length) return base;
  return `${base} › child route ${(path[path.length - 2]!.routes ?? []).indexOf(last) + 1}`;
}

/** Every route of the tree with its path, root first. */
export function allRoutes(root: RouteNode): RouteNode[][] {
  const walk = (node: RouteNode, above: RouteNode[]): RouteNode[][] =>
    [[...above, node], ...(node.routes ?? []).flatMap((c) => walk(c, [...above, node]))];
  return walk(root, []);
}
