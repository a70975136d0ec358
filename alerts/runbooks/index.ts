// Every runbook, keyed by alert name. Render fails when an alert has none, or a runbook no alert.
import { agentRunbooks } from "./agents.ts";
import { apiRunbooks } from "./api.ts";
import { operationsRunbooks } from "./operations.ts";
import { genAiRunbooks } from "./genai.ts";
import { safetyRunbooks } from "./safety.ts";
import { systemRunbooks } from "./system.ts";
import type { RunbookDef } from "./types.ts";

export function runbooks(): Record<string, RunbookDef> {
  return { ...systemRunbooks(), ...apiRunbooks(), ...agentRunbooks(), ...operationsRunbooks(), ...safetyRunbooks(), ...genAiRunbooks() };
}
