// The safety alerts (catalog/safety.ts) in the routing: their own route, first after Watchdog, to
// both on-call engineers and the team at once, without time intervals or grouping delay, repeated
// until resolved; and the exact label sets they reach Alertmanager with, which the routing guards
// (safety-guards.ts) and the maintenance command (scripts/maintenance/) test matchers against.
import { crisisDetectors, safetyAlerts, safetyRouting } from "../../catalog/safety.ts";
import { otherLabelValue } from "../../catalog/allowlists.ts";
import { priority } from "../../catalog/priorities.ts";
import { jobs } from "../../catalog/selectors.ts";
import type { Environment } from "../../catalog/types.ts";
import { type Labels, oneOf } from "./matchers.ts";
import { type RouteNode, deliveredTo } from "./tree.ts";

/** Where the safety route is defined, for error messages. */
export const SAFETY_ROUTE_DEF = "catalog/safety.ts safetyRouting() (route built by alerts/routing/safety.ts safetyRoutes())";

export function pagingSafetyAlerts(): string[] {
  return safetyAlerts().filter((a) => a.route === "page").map((a) => a.name);
}

/** The route of the paging safety alerts: one fan-out, each receiver but the last with `continue`. */
export function safetyRoutes(env: Environment, groupBy: string[]): RouteNode[] {
  const r = safetyRouting();
  const receivers = [...new Set(r.notify.map((n) => deliveredTo(env, n)))];
  const node: RouteNode = {
    receiver: receivers[0]!,
    matchers: [oneOf("alertname", pagingSafetyAlerts())],
    groupBy: [...groupBy, "detector"],
    groupWait: r.groupWait,
    groupInterval: r.groupInterval,
    repeatInterval: r.repeatInterval,
    // Written through so that the guard refuses them, naming catalog/safety.ts.
    ...(r.activeDuring ? { activeTimeIntervals: [r.activeDuring] } : {}),
    ...(r.muteDuring ? { muteTimeIntervals: [r.muteDuring] } : {}),
  };
  if (receivers.length > 1) {
    node.routes = receivers.map((receiver, i) => (i < receivers.length - 1 ? { receiver, continue: true } : { receiver }));
  }
  return [node];
}

export interface SafetyLabelSet {
  alert: string;
  labels: Labels;
}

/**
 * Every label set a safety alert can reach Alertmanager with in the environment: its rule labels,
 * Prometheus's external `environment`, and each value of the labels its expression keeps (job is
 * the business exporter's; detector is one of the catalog's detectors or `other`).
 */
export function safetyLabelSets(env: Environment): SafetyLabelSet[] {
  return safetyAlerts().flatMap((a) => {
    const base: Labels = {
      alertname: a.name, priority: a.priority, severity: priority(a.priority).severity, environment: env.name,
      job: jobs(env).businessExporter,
    };
    const detectors = a.by.includes("detector") ? [...crisisDetectors(), otherLabelValue()] : [undefined];
    return detectors.map((d) => ({ alert: a.name, labels: d === undefined ? base : { ...base, detector: d } }));
  });
}
