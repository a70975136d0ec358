// Every file of failure scenarios, one per domain (see types.ts).
import type { RuleContext } from "../types.ts";
import type { ScenarioFile } from "./types.ts";

export function failureScenarios(_ctx: RuleContext): ScenarioFile[] {
  return [];
}
