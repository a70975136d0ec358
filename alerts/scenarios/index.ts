// Every file of failure scenarios, one per domain (see types.ts).
import type { RuleContext } from "../types.ts";
import { absenceScenarioFile } from "./absence.ts";
import { agentScenarioFile } from "./agents.ts";
import { apiScenarioFile } from "./api.ts";
import { exporterScenarioFile } from "./exporter.ts";
import { operationsScenarioFile } from "./operations.ts";
import { hostScenarioFile } from "./hosts.ts";
import { monitoringScenarioFile } from "./monitoring.ts";
import type { ScenarioFile } from "./types.ts";
import { probeSloScenarioFile } from "./probe-slo.ts";
import { cacheScenarioFile } from "./cache.ts";
import { databaseScenarioFile } from "./database.ts";
import { reachabilityScenarioFile } from "./reachability.ts";
import { recoveryScenarioFile } from "./recovery.ts";
import { safetyScenarioFile } from "./safety.ts";
import { sloScenarioFile } from "./slo.ts";

export function failureScenarios(ctx: RuleContext): ScenarioFile[] {
  return [agentScenarioFile(ctx), apiScenarioFile(ctx), exporterScenarioFile(ctx), operationsScenarioFile(ctx), hostScenarioFile(ctx), monitoringScenarioFile(ctx),
    databaseScenarioFile(), cacheScenarioFile(), reachabilityScenarioFile(ctx), probeSloScenarioFile(ctx), recoveryScenarioFile(ctx),
    safetyScenarioFile(ctx), absenceScenarioFile(ctx), sloScenarioFile(ctx)];
}
