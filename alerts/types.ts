// The shape of rule definitions. A domain file (alerts/system.ts, ...) returns a RuleGroupDef;
// scripts/render turns it into a Prometheus rule file and a promtool test file.
import type { Environment, Locale, Localized, MetricSource, PriorityName } from "../catalog/types.ts";

/** How `$value` is shown in a description: Prometheus's humanize functions. */
export type ValueFormat = "percent" | "duration" | "number" | "decimal";

/**
 * A description is a function of its template arguments, so the same text renders both the Go
 * template in the rule (`{{ $labels.instance }}`) and the exact string promtool must see.
 */
export interface TemplateArgs {
  label(name: string): string;
  value(format: ValueFormat): string;
  /** A label of the Prometheus server (prometheus.yml external_labels), e.g. `environment`. */
  externalLabel(name: string): string;
}
export type TemplatedText = (t: TemplateArgs) => string;

export interface AlertDef {
  kind: "alert";
  /** CamelCase, at most 40 characters. Its `for` comes from catalog/targets.ts forDurations(). */
  name: string;
  expr: string;
  /** `null` only for the Watchdog (catalog/watchdog.ts), which has its own route; render enforces it. */
  priority: PriorityName | null;
  /** Fixed text: no template. */
  summary: Localized;
  /** Templated text: says which instance and which value. */
  description: Record<Locale, TemplatedText>;
  /** The dashboard and panel key (see dashboards/) that `dashboard_url` opens. */
  dashboard: { uid: string; panel: string };
  /**
   * The data sources whose loss this alert reports (an exporter down, a series gone). When such a
   * source feeds a P0 alert, render demands that this alert be P0 or P1: losing it blinds a P0.
   */
  watches?: MetricSource[];
  /**
   * A P0 alert must hold a minimum count of events (pageMinEvents(), catalog/thresholds.ts) in its window, so
   * that one failed request on a quiet night wakes nobody. Only an alert that counts no events
   * at all (a process down, a series absent) may say why it needs none, here.
   */
  noTrafficFloor?: string;
}

export interface RecordDef {
  kind: "record";
  /** `level:metric:operations`. */
  record: string;
  expr: string;
}

export type RuleDef = AlertDef | RecordDef;

/** An input series of a promtool unit test, in promtool's expanding notation. */
export interface SeriesDef {
  series: string;
  values: string;
}

export interface ExpectedAlert {
  /** Labels of the firing alert besides alertname, priority and severity (added for you). */
  labels: Record<string, string>;
  /** The `$value` as the description shows it, e.g. "81%". */
  value: string;
}

export interface AlertExpectation {
  at: string;
  alert: string;
  firing: ExpectedAlert[];
}

export interface RuleTestCase {
  name: string;
  /** Spacing of the input samples. */
  interval: string;
  /**
   * How often promtool evaluates the rules; default 1m. Cases that span days use a longer one, or
   * promtool re-reads days of samples every minute. Each interval gets its own test file.
   */
  evaluationInterval?: string;
  series: SeriesDef[];
  expect: AlertExpectation[];
}

export interface RuleGroupDef {
  /** File name under generated/prometheus/{rules,tests}/ without `.yml`. */
  domain: string;
  /** The Prometheus rule group name. */
  group: string;
  rules: RuleDef[];
  tests: RuleTestCase[];
  /**
   * Domains whose recording rules this group reads: their rule files are loaded by this group's
   * promtool tests and evaluated first (group_eval_order), as Prometheus would have them ready.
   */
  reads?: { domain: string; group: string }[];
  /**
   * How often Prometheus evaluates this group (the rule file's `interval`), when not the
   * environment's evaluation interval: a multiple of it, for a group too heavy to run at every
   * evaluation (bench:scale). promtool's unit tests evaluate every group at the test file's
   * evaluation_interval, whatever this one.
   */
  interval?: string;
}

/** What a rule domain needs to build its rules. */
export interface RuleContext {
  env: Environment;
}
