// Inhibitions: while a cause fires, its symptoms stay quiet. Each rule says why.
//
// The trap: Alertmanager compares an `equal` label that is missing on both alerts as "" == "" and
// therefore equal, so a rule with `equal: [instance]` lets a source without `instance` inhibit
// every target without `instance`, unrelated or not. Every `equal` label other than `alertname` is
// therefore required on both sides with `present(label)`; the guard in guards.ts refuses a rule
// that forgets it. The price: an alert that lacks the label is never inhibited by that rule. It
// notifies, which is noise, never silence.
import { notificationPolicy } from "../../catalog/notifications.ts";
import { priorityNames } from "../../catalog/priorities.ts";
import { jobs } from "../../catalog/selectors.ts";
import type { Environment, PriorityName } from "../../catalog/types.ts";
import { type Matcher, eq, oneOf, present, re } from "./matchers.ts";

export interface InhibitionDef {
  name: string;
  why: string;
  source: Matcher[];
  target: Matcher[];
  equal: string[];
}

/**
 * What BackendUnavailable silences: the API and agent alerts, symptoms of the same outage (agents
 * run inside the backend). Not the LLM alerts: the provider is a third party, its outage is a
 * cause of its own with its own action (switch provider, call the vendor), and LlmApiDown needs
 * calls being made, which a dead backend does not make; when it fires anyway, it is news.
 */
export function backendSymptoms(): string[] {
  return [
    "ApiLatencyHigh", "ApiSuccessRateLow", "ApiErrorBudgetBurnFast", "ApiErrorBudgetBurnSlow",
    "AgentProcessingSlow", "AgentFallbackHigh",
  ];
}

/** Priorities whose alerts page the on-call engineer (the policy notifies oncall-primary). */
export function pagingPriorities(): PriorityName[] {
  const policy = notificationPolicy();
  return priorityNames().filter((p) => policy.priorities[p]?.notify.includes("oncall-primary"));
}

export function inhibitions(env: Environment): InhibitionDef[] {
  const paging = pagingPriorities();
  const quieter = priorityNames().filter((p) => !paging.includes(p));
  return [
    {
      name: "backend-down-silences-api-and-agents",
      why: "the backend is down: slow or failing API calls and agents are the same incident",
      // `environment` is the external label Prometheus adds to every alert it sends.
      source: [eq("alertname", "BackendUnavailable"), present("environment")],
      target: [oneOf("alertname", backendSymptoms()), present("environment")],
      equal: ["environment"],
    },
    {
      name: "node-down-silences-its-host-alerts",
      why: "a node that cannot be scraped says nothing about its CPU, memory or disks: TargetDown is the news",
      source: [eq("alertname", "TargetDown"), eq("job", jobs(env).node), present("instance")],
      target: [re("alertname", "Host.+"), present("instance")],
      equal: ["instance"],
    },
    {
      name: "paging-alert-silences-its-lower-priorities",
      why: "the same alert on the same instance already pages: its P2/P3 level adds nothing",
      source: [oneOf("priority", paging), present("instance")],
      target: [oneOf("priority", quieter), present("instance")],
      equal: ["alertname", "instance"],
    },
  ];
}
