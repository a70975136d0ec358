// Builders for promtool unit-test cases. Tests are data (RuleTestCase); these helpers derive
// the boundary cases of a threshold alert from the catalog, so a changed target moves its tests.
import { duration, seconds } from "../catalog/duration.ts";
import type { RuleTestCase, SeriesDef } from "./types.ts";

/** Samples of every test series are one minute apart. */
export const TEST_INTERVAL = "1m";

/** Prometheus's `humanizePercentage`: the value times 100 in `%.4g`, then "%". */
export function humanizePercentage(v: number): string {
  return `${Number((v * 100).toPrecision(4))}%`;
}

/** A promtool series: `name{a="b",...}`. */
export function series(name: string, labels: Record<string, string>): string {
  const body = Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(",");
  return `${name}{${body}}`;
}

/** Enough one-minute samples to evaluate the alert a few minutes after its `for`. */
export function sampleCount(forDuration: string): number {
  return seconds(forDuration) / 60 + 10;
}

export interface BoundaryOptions {
  alert: string;
  forDuration: string;
  threshold: number;
  /** How far below and above the threshold the test levels sit. */
  margin: number;
  /** The input series of one instance at `level`. */
  inputs: (level: number, instance: string) => SeriesDef[];
  /** The labels of the alert that instance fires (besides alertname, priority, severity). */
  labels: (instance: string) => Record<string, string>;
  format: (value: number) => string;
}

/**
 * The three cases every threshold alert gets:
 * - just below the threshold: silent after `for`;
 * - just above: silent one minute before `for` has passed, firing two minutes after it;
 * - two instances, one below and one above: only the hot one fires.
 */
export function boundaryCases(o: BoundaryOptions): RuleTestCase[] {
  const below = o.threshold - o.margin;
  const above = o.threshold + o.margin;
  const forSeconds = seconds(o.forDuration);
  const beforeFor = duration(forSeconds - 60);
  const afterFor = duration(forSeconds + 120);
  const fire = (instance: string) => ({ labels: o.labels(instance), value: o.format(above) });
  return [
    {
      name: `${o.alert}: just below the threshold stays silent`,
      interval: TEST_INTERVAL,
      series: o.inputs(below, "host-a:9100"),
      expect: [{ at: afterFor, alert: o.alert, firing: [] }],
    },
    {
      name: `${o.alert}: just above the threshold waits for its for, then fires`,
      interval: TEST_INTERVAL,
      series: o.inputs(above, "host-a:9100"),
      expect: [
        { at: beforeFor, alert: o.alert, firing: [] },
        { at: afterFor, alert: o.alert, firing: [fire("host-a:9100")] },
      ],
    },
    {
      name: `${o.alert}: of several instances only the hot one fires`,
      interval: TEST_INTERVAL,
      series: [...o.inputs(below, "host-a:9100"), ...o.inputs(above, "host-b:9100")],
      expect: [{ at: afterFor, alert: o.alert, firing: [fire("host-b:9100")] }],
    },
  ];
}
