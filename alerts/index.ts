// Every rule domain of the bundle, one file each.
import { agentRules } from "./agents.ts";
import { apiRules } from "./api.ts";
import { apiRouteRules } from "./api-routes.ts";
import { apiBucketDomains } from "./api-buckets.ts";
import { businessRules } from "./business.ts";
import { capacityRules } from "./capacity.ts";
import { cacheRules } from "./cache.ts";
import { databaseRules } from "./database.ts";
import { metaRules } from "./meta.ts";
import { operationsRules } from "./operations.ts";
import { reachabilityRules } from "./reachability.ts";
import { recoveryRules } from "./recovery.ts";
import { genAiRules } from "./genai.ts";
import { safetyRules } from "./safety.ts";
import { sloRules } from "./slo.ts";
import { systemRules } from "./system.ts";
import type { RuleContext, RuleGroupDef } from "./types.ts";
import { absenceRules } from "./absence.ts";
import { exporterRules } from "./exporter.ts";
import { hostRules } from "./hosts.ts";
import { monitoringRules } from "./monitoring.ts";
import { probeSloRules } from "./probe-slo.ts";

/** Every domain with the file that defines it, so render can name the file of a broken one. */
export function ruleDomains(): { file: string; build: (ctx: RuleContext) => RuleGroupDef }[] {
  return [
    { file: "alerts/system.ts", build: systemRules },
    // Before the API: its groups' bucket records are read by the API, SLO and route groups.
    ...apiBucketDomains(),
    { file: "alerts/api.ts", build: apiRules },
    { file: "alerts/api-routes.ts", build: apiRouteRules },
    { file: "alerts/slo.ts", build: sloRules },
    { file: "alerts/capacity.ts", build: capacityRules },
    { file: "alerts/agents.ts", build: agentRules },
    { file: "alerts/business.ts", build: businessRules },
    { file: "alerts/operations.ts", build: operationsRules },
    { file: "alerts/database.ts", build: databaseRules },
    { file: "alerts/cache.ts", build: cacheRules },
    { file: "alerts/reachability.ts", build: reachabilityRules },
    { file: "alerts/probe-slo.ts", build: probeSloRules },
    { file: "alerts/recovery.ts", build: recoveryRules },
    { file: "alerts/safety.ts", build: safetyRules },
    { file: "alerts/genai.ts", build: genAiRules },
    { file: "alerts/meta.ts", build: metaRules },
    { file: "alerts/hosts.ts", build: hostRules },
    { file: "alerts/exporter.ts", build: exporterRules },
    { file: "alerts/absence.ts", build: absenceRules },
    { file: "alerts/monitoring.ts", build: monitoringRules },
  ];
}

export function ruleGroups(ctx: RuleContext): RuleGroupDef[] {
  return ruleDomains().map((d) => d.build(ctx));
}
