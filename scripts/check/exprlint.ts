// Lint of the rule expressions: counters are read only through rate, increase or irate (a raw
// counter only ever grows and resets), and every number is a catalog value, never a threshold
// typed into a rule.
import { metrics, seriesNames } from "../../catalog/metrics.ts";
import { catalogNumbers } from "../../catalog/thresholds.ts";
import type { Bundle } from "../render/index.ts";
import { bundleRules } from "../lib/bundle-rules.ts";
import type { Problem } from "../lib/problems.ts";
import { analysePromql } from "../lib/promql.ts";

// `absent` asks whether a series exists, not how much it counts: fine on a counter too.
const COUNTER_FUNCTIONS = new Set(["rate", "increase", "irate", "absent", "absent_over_time"]);

/** Counters and the counter series of histograms and summaries (`_bucket`, `_sum`, `_count`). */
export function counterSeries(): Set<string> {
  const out = new Set<string>();
  for (const m of metrics()) {
    if (m.type === "counter") out.add(m.name);
    if (m.type === "histogram" || m.type === "summary") {
      for (const s of seriesNames(m)) if (s !== m.name) out.add(s);
    }
  }
  return out;
}

export function isCounter(series: string, counters: Set<string>): boolean {
  return counters.has(series) || (!series.includes(":") && series.endsWith("_total"));
}

export function expressionLintProblems(where: string, expr: string): Problem[] {
  const counters = counterSeries();
  const allowed = catalogNumbers();
  const { selectors, numbers } = analysePromql(expr);
  const problems: Problem[] = [];
  for (const s of selectors) {
    if (isCounter(s.metric, counters) && !COUNTER_FUNCTIONS.has(s.functions[0] ?? "")) {
      problems.push({ where, message: `counter ${s.metric} is read ${s.functions[0] ? `inside ${s.functions[0]}()` : "raw"}: use rate, increase or irate` });
    }
  }
  for (const n of new Set(numbers)) {
    if (!allowed.has(n) && !allowed.has(-n)) {
      problems.push({ where, message: `number ${n} is not a catalog value: put the threshold in catalog/targets.ts and import it` });
    }
  }
  return problems;
}

export function exprLintProblems(bundle: Bundle): Problem[] {
  return bundleRules(bundle).flatMap(({ rule, where }) => expressionLintProblems(where, String(rule.expr ?? "")));
}
