// What an expression reads, as "metrics": a catalog metric (a histogram's `_bucket`, `_sum` and
// `_count` are one metric, as catalog/metrics.ts declares it) or a recording rule. Through the
// recording rules it reads, an alert also reads what they read. The dashboard links and the
// coverage check both speak this language.
import { metrics, seriesNames } from "../../catalog/metrics.ts";
import { analysePromql, expandGrafanaVariables } from "./promql.ts";

/** Series name → catalog metric name; names that are not catalog series map to themselves. */
export function metricNamer(): (series: string) => string {
  const family = new Map(metrics().flatMap((m) => seriesNames(m).map((s) => [s, m.name] as const)));
  return (series) => family.get(series) ?? series;
}

/** The series an expression selects, Grafana variables expanded. */
export function seriesOf(expr: string): string[] {
  return analysePromql(expandGrafanaVariables(expr)).selectors.map((s) => s.metric).filter(Boolean);
}

/** The metrics an expression reads directly. */
export function metricsRead(expr: string, name = metricNamer()): Set<string> {
  return new Set(seriesOf(expr).map(name));
}

/**
 * The metrics an expression reads, directly and through every recording rule it uses (the rules
 * themselves included). `records` maps a recording rule's name to its expression.
 */
export function metricsReadThrough(expr: string, records: ReadonlyMap<string, string>, name = metricNamer()): Set<string> {
  const seen = new Set<string>();
  const visit = (e: string) => {
    for (const series of seriesOf(e)) {
      const metric = name(series);
      if (seen.has(metric)) continue;
      seen.add(metric);
      const recorded = records.get(series);
      if (recorded !== undefined) visit(recorded);
    }
  };
  visit(expr);
  return seen;
}
