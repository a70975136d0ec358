// Failure scenarios: promtool tests written from the failure, not from the rule. Each one gives the
// raw series a failing system really exposes (node_exporter, the backend's histogram, the business
// exporter, Prometheus and Alertmanager themselves) and says who must be paged, or that nobody is.
// They are kept apart from the boundary cases beside the rules (alerts/cases/), which are derived
// from the same catalog numbers as the rules and so cannot show that a rule catches its failure.
import type { RuleTestCase } from "../types.ts";

/**
 * The points the scenarios prove: issue 10's blind spots 1–9 and false pages 10–15, then the data
 * tier of issue 13 (16–20) and the crisis pipeline (21).
 */
export type FailureItem = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19 | 20 | 21;

/** A PromQL expectation (promtool's promql_expr_test): the recorded SLO numbers, say. */
export interface PromqlCheck {
  at: string;
  expr: string;
  samples: { labels: Record<string, string>; value: number }[];
}

export interface FailureScenario extends RuleTestCase {
  /** The failure mode it plays. Every item needs one scenario that pages and one quiet neighbour. */
  item: FailureItem;
  checks?: PromqlCheck[];
}

/** One file of scenarios: `generated/prometheus/tests/scenarios-<domain>.yml`. */
export interface ScenarioFile {
  domain: string;
  /** The TypeScript file that defines them, for error messages. */
  source: string;
  scenarios: FailureScenario[];
}
