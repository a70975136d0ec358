// Every dashboard of the bundle. The overview lists the others, so it is given them.
import { agentDashboard } from "./agent.ts";
import { apiDashboard } from "./api.ts";
import { businessDashboard } from "./business.ts";
import { capacityDashboard } from "./capacity.ts";
import { dataDashboard } from "./data.ts";
import { hostDashboard } from "./host.ts";
import { operationsDashboard } from "./operations.ts";
import { overviewDashboard } from "./overview.ts";
import { safetyDashboard } from "./safety.ts";
import { sloDashboard } from "./slo.ts";
import { systemDashboard } from "./system.ts";
import type { DashboardContext, DashboardDef } from "./types.ts";

export function dashboards(ctx: DashboardContext): DashboardDef[] {
  const others = [
    systemDashboard(ctx),
    hostDashboard(ctx),
    apiDashboard(ctx),
    sloDashboard(ctx),
    agentDashboard(ctx),
    businessDashboard(ctx),
    capacityDashboard(ctx),
    operationsDashboard(ctx),
    dataDashboard(ctx),
    safetyDashboard(ctx),
  ];
  return [overviewDashboard(ctx, others), ...others];
}
