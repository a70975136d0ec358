// What generation refuses for the safety alerts (catalog/safety.ts), each message naming the
// TypeScript definition to change: an inhibition whose target could match a safety alert, a time
// interval on the route of a safety alert, a group_wait above the catalog's limit on their route,
// a paging safety alert that does not reach both on-call engineers and the team.
import { seconds } from "../../catalog/duration.ts";
import { safetyAlerts, safetyRouting } from "../../catalog/safety.ts";
import type { RoutingParts, RoutingProblem } from "./guards.ts";
import { allMatch, formatMatchers } from "./matchers.ts";
import { SAFETY_ROUTE_DEF, safetyLabelSets } from "./safety.ts";
import { type RouteNode, deliveredTo, resolveRoutes, routeName } from "./tree.ts";

const INHIBITIONS_DEF = "alerts/routing/inhibitions.ts inhibitions()";
const TREE_DEF = "alerts/routing/tree.ts routingTree()";

const show = (labels: Record<string, string>) =>
  formatMatchers(Object.entries(labels).map(([label, value]) => ({ label, op: "=" as const, value })));

function inhibitionProblems(p: RoutingParts): RoutingProblem[] {
  const sets = safetyLabelSets(p.env);
  return p.inhibitions.flatMap((rule) => {
    const hit = sets.find((s) => allMatch(rule.target, s.labels));
    return hit
      ? [{
        where: `${INHIBITIONS_DEF} › ${rule.name}`,
        message: `its target matchers ${formatMatchers(rule.target)} could match safety alert ${hit.alert} ${show(hit.labels)}: ` +
          "safety alerts are never inhibited (catalog/safety.ts safetyAlerts())",
      }]
      : [];
  });
}

/** The group_wait Alertmanager applies at the end of a path: the nearest one set, root first. */
function effectiveGroupWait(path: RouteNode[]): string | undefined {
  return [...path].reverse().find((n) => n.groupWait !== undefined)?.groupWait;
}

function routeProblems(p: RoutingParts): RoutingProblem[] {
  const r = safetyRouting();
  const limit = seconds(r.groupWaitLimit);
  const want = [...new Set(r.notify.map((n) => deliveredTo(p.env, n)))];
  const out: RoutingProblem[] = [];
  const seen = new Set<string>();
  const add = (problem: RoutingProblem) => {
    const key = `${problem.where}\0${problem.message}`;
    if (!seen.has(key)) { seen.add(key); out.push(problem); }
  };
  const paging = new Set(safetyAlerts().filter((a) => a.route === "page").map((a) => a.name));
  for (const set of safetyLabelSets(p.env)) {
    const reached = resolveRoutes(p.tree, set.labels);
    for (const res of reached) {
      const where = `${TREE_DEF} › ${routeName(res.path)}`;
      for (const node of res.path) {
        const muted = [...(node.activeTimeIntervals ?? []).map((n) => `active_time_intervals ${n}`),
          ...(node.muteTimeIntervals ?? []).map((n) => `mute_time_intervals ${n}`)];
        for (const m of muted) {
          add({ where, message: `safety alert ${set.alert} would be muted by ${m}: safety alerts are never muted (${SAFETY_ROUTE_DEF})` });
        }
      }
      if (!paging.has(set.alert)) continue;
      const wait = effectiveGroupWait(res.path);
      if (wait !== undefined && seconds(wait) > limit) {
        add({
          where,
          message: `group_wait ${wait} of safety alert ${set.alert} is above the limit ${r.groupWaitLimit} (catalog/safety.ts safetyRouting().groupWaitLimit)`,
        });
      }
    }
    if (!paging.has(set.alert)) continue;
    const got = reached.map((x) => x.receiver);
    if (got.join(",") !== want.join(",")) {
      add({
        where: `${SAFETY_ROUTE_DEF}`,
        message: `safety alert ${set.alert} reaches ${got.join(", ")}, not ${want.join(", ")} at once`,
      });
    }
  }
  return out;
}

export function safetyRoutingProblems(p: RoutingParts): RoutingProblem[] {
  return [...inhibitionProblems(p), ...routeProblems(p)];
}
