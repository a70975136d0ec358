// Every dashboard of the bundle.
import { systemDashboard } from "./system.ts";
import type { DashboardContext, DashboardDef } from "./types.ts";

export function dashboards(ctx: DashboardContext): DashboardDef[] {
  return [systemDashboard(ctx)];
}
