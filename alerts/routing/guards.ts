// What generation refuses, each with a message that names the route or the inhibition:
// a route to an unknown receiver, a priority without a route, a Watchdog that could be inhibited or
// muted, an inhibition whose `equal` label could be missing on both sides, a broken time window.
import { priorityNames } from "../../catalog/priorities.ts";
import type { NotificationPolicy, WeeklyWindow } from "../../catalog/notifications.ts";
import type { Environment } from "../../catalog/types.ts";
import type { InhibitionDef } from "./inhibitions.ts";
import { type Labels, allMatch, formatMatchers, requiresLabel } from "./matchers.ts";
import { type ReceiverConfig, receiverNames } from "./receivers.ts";
import { type RouteNode, allRoutes, resolveRoutes, routeName } from "./tree.ts";
import { windowProblems } from "./time-intervals.ts";
import { safetyRoutingProblems } from "./safety-guards.ts";

export interface RoutingProblem {
  where: string;
  message: string;
}

export interface RoutingParts {
  env: Environment;
  policy: NotificationPolicy;
  tree: RouteNode;
  receivers: ReceiverConfig[];
  inhibitions: InhibitionDef[];
  windows: WeeklyWindow[];
}

const FILE = "alertmanager/alertmanager.yml";

/** The labels Watchdog reaches Alertmanager with: its own, plus Prometheus's external label. */
export function watchdogLabels(parts: Pick<RoutingParts, "env" | "policy">): Labels {
  const w = parts.policy.watchdog;
  return { alertname: w.alertname, severity: w.severity, environment: parts.env.name };
}

function receiverProblems(p: RoutingParts): RoutingProblem[] {
  const names = p.receivers.map((r) => r.name);
  const out: RoutingProblem[] = [];
  for (const name of new Set(names)) {
    if (names.filter((n) => n === name).length > 1) out.push({ where: `${FILE} › receivers`, message: `receiver "${name}" is defined twice` });
  }
  for (const path of allRoutes(p.tree)) {
    const { receiver } = path[path.length - 1]!;
    if (!names.includes(receiver)) {
      out.push({
        where: `${FILE} › ${routeName(path)}`,
        message: `names receiver "${receiver}", which is not defined (defined: ${names.join(", ")})`,
      });
    }
  }
  return out;
}

/** The policy names receivers of the contract, whatever an environment maps them to. */
function policyProblems(p: RoutingParts): RoutingProblem[] {
  const known: string[] = receiverNames();
  const named: [string, string][] = [
    ...Object.entries(p.policy.priorities).flatMap(([name, rule]) => rule.notify.map((r): [string, string] => [name, r])),
    ["unclassified", p.policy.unclassified.notify],
    ["watchdog", p.policy.watchdog.notify],
  ];
  return named.filter(([, r]) => !known.includes(r)).map(([where, r]) => ({
    where: `catalog/notifications.ts › ${where}`,
    message: `names receiver "${r}", which is not a receiver (known: ${known.join(", ")})`,
  }));
}

function priorityProblems(p: RoutingParts): RoutingProblem[] {
  return priorityNames().flatMap((name) => {
    const reached = resolveRoutes(p.tree, { alertname: "RoutingProbe", priority: name });
    return reached.some((r) => r.path.length === 1)
      ? [{ where: `${FILE} › route`, message: `priority ${name} has no route: its alerts would only reach the default route` }]
      : [];
  });
}

function watchdogProblems(p: RoutingParts): RoutingProblem[] {
  const labels = watchdogLabels(p);
  const out: RoutingProblem[] = [];
  for (const r of resolveRoutes(p.tree, labels)) {
    if (r.path.length === 1) out.push({ where: `${FILE} › route`, message: `${labels.alertname} has no route of its own` });
    for (const node of r.path) {
      const intervals = [...(node.activeTimeIntervals ?? []), ...(node.muteTimeIntervals ?? [])];
      if (intervals.length > 0) {
        out.push({ where: `${FILE} › ${routeName(r.path)}`, message: `${labels.alertname} would be muted outside/inside ${intervals.join(", ")}` });
      }
    }
  }
  for (const rule of p.inhibitions) {
    if (allMatch(rule.target, labels)) {
      out.push({
        where: `${FILE} › inhibit_rules › ${rule.name}`,
        message: `would suppress ${labels.alertname}: its target matchers ${formatMatchers(rule.target)} match ${formatMatchers(Object.entries(labels).map(([label, value]) => ({ label, op: "=", value })))}`,
      });
    }
  }
  return out;
}

function equalProblems(p: RoutingParts): RoutingProblem[] {
  const out: RoutingProblem[] = [];
  for (const rule of p.inhibitions) {
    if (rule.equal.length === 0) {
      out.push({ where: `${FILE} › inhibit_rules › ${rule.name}`, message: "has no `equal` label: every source would inhibit every target" });
    }
    for (const label of rule.equal) {
      if (label === "alertname") continue; // every alert has one
      const missing = (["source", "target"] as const).filter((side) => !requiresLabel(rule[side], label));
      if (missing.length > 0) {
        out.push({
          where: `${FILE} › inhibit_rules › ${rule.name}`,
          message: `equal label "${label}" is not required on the ${missing.join(" and ")} side: when both alerts lack it, ` +
            `Alertmanager counts "" == "" as equal and the rule inhibits every target alert; add present("${label}") to both sides`,
        });
      }
    }
  }
  return out;
}

function intervalProblems(p: RoutingParts): RoutingProblem[] {
  const names = p.windows.map((w) => w.name);
  const out: RoutingProblem[] = p.windows.flatMap((w) =>
    windowProblems(w).map((message) => ({ where: `${FILE} › time_intervals › ${w.name}`, message })));
  for (const path of allRoutes(p.tree)) {
    for (const name of path[path.length - 1]!.activeTimeIntervals ?? []) {
      if (!names.includes(name)) out.push({ where: `${FILE} › ${routeName(path)}`, message: `time interval "${name}" is not defined` });
    }
  }
  return out;
}

export function routingProblems(parts: RoutingParts): RoutingProblem[] {
  return [
    ...policyProblems(parts),
    ...receiverProblems(parts),
    ...priorityProblems(parts),
    ...watchdogProblems(parts),
    ...equalProblems(parts),
    ...intervalProblems(parts),
    ...safetyRoutingProblems(parts),
  ];
}
