// Coverage of the dashboards, both ways:
// - every metric of the catalog is shown by a panel of some dashboard (read by a target, directly
//   or through the recording rules it reads: a panel of recorded bucket rates shows the histogram);
// - every metric an alert reads, directly or through its recording rules (the rules included), is
//   shown by a panel, so the on-call engineer can see what the alert saw.
// A histogram counts as one metric: a heatmap of its buckets shows it as well as a rate of its count.
import { metrics } from "../../catalog/metrics.ts";
import type { Bundle } from "../render/index.ts";
import { bundleRules } from "../lib/bundle-rules.ts";
import { dashboardExpressions } from "../lib/expressions.ts";
import { metricNamer, metricsReadThrough } from "../lib/metric-reads.ts";
import type { Problem } from "../lib/problems.ts";

/** Metric → where it is shown (`file › panel › target`), for every metric a dashboard reads. */
export function shownMetrics(bundle: Bundle): Map<string, string[]> {
  const name = metricNamer();
  const shown = new Map<string, string[]>();
  const records = recordExpressions(bundle);
  for (const [file, content] of bundle) {
    if (!file.startsWith("grafana/dashboards/")) continue;
    let json: unknown;
    try { json = JSON.parse(content); } catch { continue; } // reported by the schema check
    for (const at of dashboardExpressions(file, json)) {
      for (const m of metricsReadThrough(at.expr, records, name)) shown.set(m, [...(shown.get(m) ?? []), at.where]);
    }
  }
  return shown;
}

function recordExpressions(bundle: Bundle): Map<string, string> {
  return new Map(bundleRules(bundle).flatMap(({ rule }) => (rule.record ? [[rule.record, String(rule.expr ?? "")] as const] : [])));
}

export function dashboardCoverageProblems(bundle: Bundle): Problem[] {
  const name = metricNamer();
  const shown = shownMetrics(bundle);
  const problems: Problem[] = [];
  if (shown.size === 0) return [{ where: "generated/grafana/dashboards", message: "no dashboard target found: nothing was checked" }];
  for (const m of metrics()) {
    if (!shown.has(m.name)) problems.push({ where: "catalog/metrics.ts", message: `metric ${m.name} is on no dashboard` });
  }
  const rules = bundleRules(bundle);
  const records = recordExpressions(bundle);
  for (const { rule, where } of rules) {
    if (!rule.alert) continue;
    for (const m of metricsReadThrough(String(rule.expr ?? ""), records, name)) {
      if (!shown.has(m)) problems.push({ where, message: `reads ${m}, which no dashboard panel shows` });
    }
  }
  return problems;
}
