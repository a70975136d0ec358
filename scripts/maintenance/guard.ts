// Which alerts a silence would hide that must never be hidden: the safety alerts and Watchdog,
// with every label set they can reach Alertmanager with (alerts/routing/safety.ts). Matchers are
// parsed in Alertmanager's syntax and evaluated with its semantics (alerts/routing/matchers.ts).
import { type Labels, type Matcher, type MatchOp, allMatch, formatMatchers } from "../../alerts/routing/matchers.ts";
import { safetyLabelSets } from "../../alerts/routing/safety.ts";
import { notificationPolicy } from "../../catalog/notifications.ts";
import type { Environment } from "../../catalog/types.ts";

const MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*$/;

/** `name="value"` (or =~, !=, !~) → a Matcher, or an error that quotes it. */
export function parseMatcher(text: string): Matcher {
  const m = MATCHER.exec(text);
  if (!m) throw new Error(`--matcher ${JSON.stringify(text)} is not a matcher: write name="value", name=~"regex", name!="value" or name!~"regex"`);
  const value = JSON.parse(`"${m[3]}"`) as string;
  if (m[2] === "=~" || m[2] === "!~") {
    try { new RegExp(`^(?:${value})$`); } catch (e) { throw new Error(`--matcher ${text}: bad regex: ${(e as Error).message}`); }
  }
  return { label: m[1]!, op: m[2] as MatchOp, value };
}

export interface Protected {
  alert: string;
  labels: Labels;
}

/** Every label set that no silence may cover. */
export function protectedAlerts(env: Environment): Protected[] {
  const w = notificationPolicy().watchdog;
  return [
    ...safetyLabelSets(env),
    { alert: w.alertname, labels: { alertname: w.alertname, severity: w.severity, environment: env.name } },
  ];
}

/** Why these matchers may not become a silence, or [] when they may. */
export function silenceRefusals(env: Environment, matchers: Matcher[]): string[] {
  if (matchers.length === 0) return ["at least one --matcher is needed: a silence without matchers would hide everything"];
  const hidden = protectedAlerts(env).filter((p) => allMatch(matchers, p.labels));
  const names = [...new Set(hidden.map((h) => h.alert))];
  if (names.length === 0) return [];
  const example = hidden[0]!;
  return [
    `the matchers ${formatMatchers(matchers)} would hide ${names.join(", ")} (e.g. ${formatMatchers(Object.entries(example.labels).map(([label, value]) => ({ label, op: "=" as const, value })))}); ` +
    "safety alerts and Watchdog are never silenced (catalog/safety.ts safetyAlerts(), catalog/notifications.ts watchdog): narrow the matchers, e.g. job=\"<the job under maintenance>\"",
  ];
}
