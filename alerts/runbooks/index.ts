// Every runbook, keyed by alert name. Render fails when an alert has none, or a runbook no alert.
import { agentRunbooks } from "./agents.ts";
import { apiRunbooks } from "./api.ts";
import { cacheRunbooks } from "./cache.ts";
import { databaseRunbooks } from "./database.ts";
import { reachabilityRunbooks } from "./reachability.ts";
import { operationsRunbooks } from "./operations.ts";
import { genAiRunbooks } from "./genai.ts";
import { safetyRunbooks } from "./safety.ts";
import { systemRunbooks } from "./system.ts";
import type { RunbookDef } from "./types.ts";
import { failureModeRunbooks } from "./failure-modes.ts";
import { hostAndPipelineRunbooks } from "./failure-modes-host.ts";

export function runbooks(): Record<string, RunbookDef> {
  return { ...systemRunbooks(), ...apiRunbooks(), ...agentRunbooks(), ...operationsRunbooks(), ...failureModeRunbooks(), ...hostAndPipelineRunbooks(),
    ...databaseRunbooks(), ...cacheRunbooks(), ...reachabilityRunbooks(),
    ...safetyRunbooks(), ...genAiRunbooks() };
}
