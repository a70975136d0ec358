// The shape of dashboard definitions. A dashboard file returns a DashboardDef that reads like a
// table of contents; dashboards/common.ts turns it into Grafana JSON with the foundation SDK.
import type * as cog from "@grafana/grafana-foundation-sdk/cog";
import type * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import type { Environment, Locale, Localized } from "../catalog/types.ts";

export interface DashboardContext {
  env: Environment;
  locale: Locale;
}

/** Every SDK panel builder (timeseries, stat, table, ...) has this shape. */
export interface PanelBuilder extends cog.Builder<dashboard.Panel> {
  id(id: number): this;
  links(links: cog.Builder<dashboard.DashboardLink>[]): this;
}

export interface PanelDef {
  /** Stable key that alerts use in `dashboard_url` (resolved to the panel id at render time). */
  key: string;
  panel: PanelBuilder;
}

export interface RowDef {
  title: Localized;
  panels: PanelDef[];
}

export interface DashboardDef {
  uid: string;
  title: Localized;
  description: Localized;
  /** Auto-refresh; default 1m. Slow-moving views (capacity, SLO) refresh less often. */
  refresh?: string;
  /** One host at a time: `instance` is a single select without "All" (a reviewed linter exclusion). */
  singleInstance?: boolean;
  rows: RowDef[];
}

export interface BuiltDashboard {
  uid: string;
  json: dashboard.Dashboard;
  /** Panel key → panel id. */
  panelIds: Record<string, number>;
}
