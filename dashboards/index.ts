// Every dashboard of the bundle.
import { agentDashboard } from "./agent.ts";
import { apiDashboard } from "./api.ts";
import { businessDashboard } from "./business.ts";
import { operationsDashboard } from "./operations.ts";
import { sloDashboard } from "./slo.ts";
import { systemDashboard } from "./system.ts";
import type { DashboardContext, DashboardDef } from "./types.ts";

export function dashboards(ctx: DashboardContext): DashboardDef[] {
  return [
    systemDashboard(ctx),
    apiDashboard(ctx),
    sloDashboard(ctx),
    agentDashboard(ctx),
    businessDashboard(ctx),
    operationsDashboard(ctx),
  ];
}
