// The house palette: one fixed colour per outcome and per priority, written once here and applied
// as field overrides, so that "timeout" is orange on every panel and P0 is the same red on the
// overview's stat and in the firing-alerts table. Grafana's classic palette otherwise picks a
// colour by series order, and an error can come out green.
import * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import { agentOutcomes, authOutcomes, llmOutcomes } from "../catalog/outcomes.ts";
import { priorityNames } from "../catalog/priorities.ts";
import type { PriorityName } from "../catalog/types.ts";

/** Every outcome value of the catalog (agents, LLM calls, logins) → its Grafana colour name. */
export function outcomeColours(): Record<string, string> {
  const colours: Record<string, string> = {
    success: "green", error: "red", failure: "red", timeout: "orange", fallback: "yellow", rate_limited: "purple",
  };
  const all = new Set<string>([...agentOutcomes().all, ...llmOutcomes().all, ...authOutcomes().all]);
  for (const o of all) if (!colours[o]) throw new Error(`dashboards/colours.ts: outcome "${o}" of catalog/outcomes.ts has no colour`);
  return Object.fromEntries([...all].map((o) => [o, colours[o]!]));
}

/** P0 darkest red down to P3 blue (ops guide 4.1: answered within 15 min, 1 h, 4 h, 24 h). */
export function priorityColours(): Record<PriorityName, string> {
  const colours: Record<string, string> = { P0: "dark-red", P1: "red", P2: "orange", P3: "blue" };
  for (const p of priorityNames()) if (!colours[p]) throw new Error(`dashboards/colours.ts: priority ${p} of catalog/priorities.ts has no colour`);
  return Object.fromEntries(priorityNames().map((p) => [p, colours[p]!])) as Record<PriorityName, string>;
}

function fixed(color: string): dashboard.DynamicConfigValue {
  return { id: "color", value: { mode: "fixed", fixedColor: color } };
}

/** Regexp on a series' display name that ends with the value (legends "{{agent}} {{outcome}}"). */
export function endsWith(value: string): string {
  return `^(.* )?${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`;
}

interface Overridable<T> {
  overrideByRegexp(regexp: string, properties: dashboard.DynamicConfigValue[]): T;
}

/**
 * Fixed colours for the outcomes a panel shows, one override per outcome on the series whose name
 * ends with it. An outcome with no series now (no timeout tonight) matches nothing until it appears.
 */
export function withOutcomeColours<T extends Overridable<T>>(panel: T, outcomes: readonly string[]): T {
  const colours = outcomeColours();
  for (const o of outcomes) panel.overrideByRegexp(endsWith(o), [fixed(colours[o]!)]);
  return panel;
}

/** The priority colours as a value mapping of the text P0…P3 (a table's priority cell). */
export function priorityMapping(): dashboard.ValueMapping {
  const options = Object.fromEntries(Object.entries(priorityColours()).map(([p, color], index) => [p, { color, index }]));
  return { type: dashboard.MappingType.ValueToText, options };
}

export { fixed as fixedColour };
