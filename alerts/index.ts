// Every rule domain of the bundle, one file each.
import { agentRules } from "./agents.ts";
import { apiRules } from "./api.ts";
import { businessRules } from "./business.ts";
import { metaRules } from "./meta.ts";
import { operationsRules } from "./operations.ts";
import { genAiRules } from "./genai.ts";
import { safetyRules } from "./safety.ts";
import { sloRules } from "./slo.ts";
import { systemRules } from "./system.ts";
import type { RuleContext, RuleGroupDef } from "./types.ts";

export function ruleGroups(ctx: RuleContext): RuleGroupDef[] {
  return [
    systemRules(ctx),
    apiRules(ctx),
    sloRules(ctx),
    agentRules(ctx),
    businessRules(ctx),
    operationsRules(ctx),
    safetyRules(ctx),
    genAiRules(ctx),
    metaRules(ctx),
  ];
}
