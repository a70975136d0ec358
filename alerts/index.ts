// Every rule domain of the bundle, one file each.
import { systemRules } from "./system.ts";
import type { RuleContext, RuleGroupDef } from "./types.ts";

export function ruleGroups(ctx: RuleContext): RuleGroupDef[] {
  return [systemRules(ctx)];
}
