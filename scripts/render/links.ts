// Links between outputs: the panel an alert opens, and every panel that reads a series the alert
// reads, link to that alert's runbook.
import type { RuleGroupDef } from "../../alerts/types.ts";
import type { Environment, Locale } from "../../catalog/types.ts";
import type { DashboardLinks } from "../../dashboards/common.ts";
import type { DashboardDef } from "../../dashboards/types.ts";
import { analysePromql, expandGrafanaVariables } from "../lib/promql.ts";
import { runbookUrl } from "./annotations.ts";

function metricsOf(expr: string): Set<string> {
  return new Set(analysePromql(expandGrafanaVariables(expr)).selectors.map((s) => s.metric).filter(Boolean));
}

export function dashboardLinks(env: Environment, locale: Locale, groups: RuleGroupDef[], defs: DashboardDef[]): DashboardLinks {
  const alerts = groups.flatMap((g) => g.rules.flatMap((r) => (r.kind === "alert"
    ? [{ name: r.name, metrics: metricsOf(r.expr), opens: `${r.dashboard.uid}/${r.dashboard.panel}` }]
    : [])));
  const label = locale === "zh" ? "运行手册" : "Runbook";
  return {
    dashboards: defs.map((d) => ({ uid: d.uid, title: d.title[locale] })),
    panelLinks: ({ uid, key, exprs }) => {
      const read = new Set(exprs.flatMap((e) => [...metricsOf(e)]));
      return alerts
        .filter((a) => a.opens === `${uid}/${key}` || [...a.metrics].some((m) => read.has(m)))
        .map((a) => ({ title: `${label}: ${a.name}`, url: runbookUrl(env, a.name) }));
    },
  };
}
