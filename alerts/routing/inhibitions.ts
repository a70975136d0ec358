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

/**
 * What LlmApiDown silences (issue 10, item 15): one LLM outage pages once, not five times. The
 * provider failing is the cause; failed calls, fallbacks, slow and failing agents are its symptoms.
 * The safety agents included: LlmApiDown is itself P0 and its runbook starts with the safety
 * fallback.
 */
export function llmSymptoms(): string[] {
  return ["LlmApiErrorsHigh", "AgentFallbackHigh", "AgentProcessingSlow", "AgentRunsFailing", "SafetyAgentRunsFailing"];
}

/** The alerts that report the business exporter lost or blind. */
export function exporterBlindness(): string[] {
  return ["BusinessExporterDown", "ExporterRejectingEvents", "ExporterReceivesNoEvents"];
}

/**
 * What reads the business exporter, and so says nothing while it is lost or blind (a test keeps
 * this list equal to the alerts that read its metrics).
 */
export function exporterSymptoms(): string[] {
  return [
    "AgentProcessingSlow", "AgentFallbackHigh", "AgentRunsFailing", "SafetyAgentRunsFailing", "LlmApiErrorsHigh", "LlmApiDown",
    "ConversationQualityLow", "UserSatisfactionLow", "BackupMissing", "BackupNotReported", "BackupFailed",
    "AuthFailuresHigh", "AuthLoginsFailing",
  ];
}

/** Priorities whose alerts page the on-call engineer (the policy notifies oncall-primary). */
export function pagingPriorities(): PriorityName[] {
  const policy = notificationPolicy();
  return priorityNames().filter((p) => policy.priorities[p]?.notify.includes("oncall-primary"));
}

/**
 * A rule on the same `labels`, each required on both sides with `present` (the trap above): the
 * one place that writes that pairing.
 */
function onSame(labels: string | string[], source: Matcher[], target: Matcher[]): Pick<InhibitionDef, "source" | "target" | "equal"> {
  const equal = typeof labels === "string" ? [labels] : labels;
  return { source: [...source, ...equal.map(present)], target: [...target, ...equal.map(present)], equal };
}

export function inhibitions(env: Environment): InhibitionDef[] {
  return [
    {
      name: "backend-down-silences-api-and-agents",
      why: "the backend is down: slow or failing API calls and agents are the same incident",
      // `environment` is the external label Prometheus adds to every alert it sends.
      ...onSame("environment", [eq("alertname", "BackendUnavailable")], [oneOf("alertname", backendSymptoms())]),
    },
    {
      name: "node-down-silences-its-host-alerts",
      why: "a node that cannot be scraped says nothing about its CPU, memory or disks: TargetDown is the news",
      ...onSame("instance", [eq("alertname", "TargetDown"), eq("job", jobs(env).node)], [re("alertname", "Host.+")]),
    },
    // Issue 10 found that the rule that stood here could never match: "a P0/P1 alert silences the
    // P2/P3 alerts with the same alertname and instance", but every alert has one fixed priority, so
    // no two alerts share a name across priorities. Its intent lives on as the disk tiers below;
    // test/alerts/routing/inhibitions-reachable.test.ts finds such a rule from the rendered rules.
    {
      name: "disk-tiers-silence-the-slower-forecast",
      why: "a filesystem that is full or fills within 4 h already pages: its 24 h forecast adds nothing",
      ...onSame(["instance", "mountpoint"], [oneOf("alertname", ["HostDiskSpaceHigh", "HostDiskWillFillIn4h"])], [eq("alertname", "HostDiskWillFillIn24h")]),
    },
    {
      name: "llm-down-silences-its-symptoms",
      why: "the LLM provider is down: failed calls, fallbacks and slow or failing agents are the same incident",
      ...onSame("environment", [eq("alertname", "LlmApiDown")], [oneOf("alertname", llmSymptoms())]),
    },
    // Issue 10, live: one incident, one page per receiver. A backend gone from discovery is
    // BackendUnavailable (P0, absent(up)); that its job is missing is the same news, once.
    {
      name: "backend-unavailable-silences-its-missing-job",
      why: "the backend's job is gone from discovery: BackendUnavailable already pages both on-call engineers for it",
      ...onSame("job", [eq("alertname", "BackendUnavailable")], [eq("alertname", "ScrapeJobMissing")]),
    },
    // Issue 13: a total outage paged twice at P0, the failing probe and then its burning budget.
    {
      name: "failing-probe-silences-its-budget-burn",
      why: "the API is unreachable from outside: ApiProbeFailed already pages both on-call engineers; its probe budget burning is the same incident",
      ...onSame("instance", [eq("alertname", "ApiProbeFailed")], [oneOf("alertname", ["ApiProbeBudgetBurnFast", "ApiProbeBudgetBurnSlow"])]),
    },
    // An exporter that refuses every event receives none: the refusal is the cause, and says why.
    {
      name: "rejecting-exporter-silences-its-silence",
      why: "the exporter refuses every event (a rotated token): that it accepts none is the same incident",
      ...onSame("job", [eq("alertname", "ExporterRejectingEvents")], [eq("alertname", "ExporterReceivesNoEvents")]),
    },
    {
      name: "blind-exporter-silences-what-reads-it",
      why: "the business exporter is lost or blind: what its metrics say, or fail to say, is not news",
      ...onSame("environment", [oneOf("alertname", exporterBlindness())], [oneOf("alertname", exporterSymptoms())]),
    },
  ];
}
