// Links between outputs: the panel an alert opens, and every panel that shows a series the alert
// reads (directly or through its recording rules), link to that alert's runbook. Series, not
// metrics: a latency panel (`_bucket`) links to the latency alert, not to the success-rate alerts
// that count the same histogram's `_count`.
import type { RuleGroupDef } from "../../alerts/types.ts";
import type { Environment, Locale } from "../../catalog/types.ts";
import type { DashboardLinks } from "../../dashboards/common.ts";
import type { DashboardDef } from "../../dashboards/types.ts";
import { metricsRead, metricsReadThrough } from "../lib/metric-reads.ts";
import { runbookUrl } from "./annotations.ts";

export function dashboardLinks(env: Environment, locale: Locale, groups: RuleGroupDef[], defs: DashboardDef[]): DashboardLinks {
  const name = (series: string) => series;
  const rules = groups.flatMap((g) => g.rules);
  const records = new Map(rules.flatMap((r) => (r.kind === "record" ? [[r.record, r.expr] as const] : [])));
  const alerts = rules.flatMap((r) => (r.kind === "alert"
    ? [{ name: r.name, metrics: metricsReadThrough(r.expr, records, name), opens: `${r.dashboard.uid}/${r.dashboard.panel}` }]
    : []));
  const label = locale === "zh" ? "运行手册" : "Runbook";
  return {
    dashboards: defs.map((d) => ({ uid: d.uid, title: d.title[locale] })),
    panelLinks: ({ uid, key, exprs }) => {
      const read = new Set(exprs.flatMap((e) => [...metricsRead(e, name)]));
      return alerts
        .filter((a) => a.opens === `${uid}/${key}` || [...a.metrics].some((m) => read.has(m)))
        .map((a) => ({ title: `${label}: ${a.name}`, url: runbookUrl(env, a.name) }));
    },
  };
}
