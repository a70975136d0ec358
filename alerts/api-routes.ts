// The API per route (bench:scale, issue 17): the buckets summed by method and route, and the
// quantile per route, recorded once per evaluation for the route panels of xinliya-api. A group of
// its own, so that its pass over the raw buckets runs beside the API group's, not after it. No
// alert reads it; the failure scenarios of the API domain cover the histogram it reads.
import { apiRouteRecords } from "./api.ts";
import type { RuleContext, RuleGroupDef } from "./types.ts";

export function apiRouteRules(ctx: RuleContext): RuleGroupDef {
  return { domain: "api-routes", group: "xinliya.api_routes", rules: apiRouteRecords(ctx), tests: [] };
}
