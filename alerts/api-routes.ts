// The API per route (bench:scale, issue 17): the counts, quantile, requests and success per route,
// recorded once per evaluation for the route panels of xinliya-api, from the raw counts and the
// per-route buckets of the shard groups (api-buckets.ts). No alert reads them; the failure
// scenarios of the API domain cover the histogram they read.
import { apiBucketReads } from "./api-buckets.ts";
import { apiRouteRecords } from "./api.ts";
import type { RuleContext, RuleGroupDef } from "./types.ts";

export function apiRouteRules(ctx: RuleContext): RuleGroupDef {
  return {
    domain: "api-routes", group: "xinliya.api_routes", rules: apiRouteRecords(ctx), tests: [],
    reads: apiBucketReads(),
  };
}
