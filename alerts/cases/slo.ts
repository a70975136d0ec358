// promtool cases of the burn-rate alerts (alerts/slo.ts): every window pair alone, the quiet side
// of the lowest factor, the `for`, and the short window that ends an alert once the burning stops.
import { duration, seconds } from "../../catalog/duration.ts";
import { type BurnWindowPair, burnRateAlerts } from "../../catalog/slo.ts";
import { jobs } from "../../catalog/selectors.ts";
import { forDurations, forOf } from "../../catalog/targets.ts";
import { target } from "../../catalog/thresholds.ts";
import { TEST_INTERVAL, humanize } from "../testing.ts";
import type { RuleContext, RuleTestCase } from "../types.ts";
import { type TrafficSegment, backendUp, errorTraffic, httpTraffic } from "./traffic.ts";

/** Requests per minute; the clean lead-in runs HEAVY times more, to outweigh a burn in the longest window. */
const BASE = 10_000;
const HEAVY = 1000;

/**
 * promtool's evaluation interval per alert. The slow alert's windows span days: evaluated every
 * minute, promtool would re-read a day of samples 1 500 times (about 5 s); every 5 minutes it is
 * 25 times cheaper, and still finer than any of its windows.
 */
const EVALUATION: Record<string, string> = { ApiErrorBudgetBurnFast: "1m", ApiErrorBudgetBurnSlow: "5m" };

const minutes = (d: string) => seconds(d) / 60;
const at = (m: number) => duration(m * 60);

function burnCases(ctx: RuleContext, alert: "ApiErrorBudgetBurnFast" | "ApiErrorBudgetBurnSlow"): RuleTestCase[] {
  const pairs: BurnWindowPair[] = [...burnRateAlerts()[alert]].sort((a, b) => b.factor - a.factor);
  const [first, second] = [pairs[0]!, pairs[1]!];
  const budget = 1 - target("availabilitySlo");
  const burn = (factor: number, mins: number, perMinute = BASE): TrafficSegment => errorTraffic(perMinute, factor * budget, mins);
  const traffic = (segments: TrafficSegment[]) => [...httpTraffic(ctx, segments), backendUp(ctx, segments.reduce((m, x) => m + x.minutes, 0))];
  // Errors are whole requests, so the burn rate a case really produces is rounded.
  const realised = (factor: number) => Math.round(BASE * factor * budget) / BASE / budget;
  const fired = (factor: number) => [{ labels: { job: jobs(ctx.env).backend }, value: humanize(realised(factor)) }];
  const loud = Math.round(first.factor * 1.4);
  const between = (first.factor + second.factor) / 2;
  const quiet = Math.min(...pairs.map((p) => p.factor)) - 0.1;
  const longestShort = Math.max(...pairs.map((p) => minutes(p.short)));
  const forMinutes = minutes(forOf(alert));
  const evaluationInterval = EVALUATION[alert]!;
  const step = minutes(evaluationInterval);
  // The first pair alone: a clean, heavy lead-in keeps the second pair's long window low; the burn
  // lasts until the lead-in has left the first long window and `for` has passed, with room to spare.
  const burning = minutes(first.long) + forMinutes + 30;
  // Long enough that the second pair's long window reads at most half its factor.
  const leadIn = Math.ceil((burning * (2 * loud / second.factor - 1)) / HEAVY);
  const cases: RuleTestCase[] = [
    {
      name: `${alert}: a burn just below the lowest factor (${quiet}×) stays silent`,
      interval: TEST_INTERVAL,
      series: traffic([burn(quiet, longestShort + 10)]),
      expect: [{ at: at(longestShort + 10), alert, firing: [] }],
    },
    {
      name: `${alert}: a burn of ${loud}× waits for its for, then fires`,
      interval: TEST_INTERVAL,
      series: traffic([burn(loud, forMinutes + 2 * step + 5)]),
      expect: [
        // Pending from the first evaluation with a rate, so still silent when `for` has just passed.
        { at: at(forMinutes), alert, firing: [] },
        { at: at(forMinutes + 2 * step), alert, firing: fired(loud) },
      ],
    },
    {
      name: `${alert}: ${first.factor}× over ${first.long} and ${first.short} alone fires`,
      interval: TEST_INTERVAL,
      series: traffic([burn(0, leadIn, BASE * HEAVY), burn(loud, burning)]),
      expect: [{ at: at(leadIn + burning), alert, firing: fired(loud) }],
    },
    {
      name: `${alert}: ${second.factor}× over ${second.long} and ${second.short} alone fires`,
      interval: TEST_INTERVAL,
      series: traffic([burn(between, minutes(second.short) + 10)]),
      expect: [{ at: at(minutes(second.short) + 10), alert, firing: fired(between) }],
    },
  ];
  // The short window ending an alert is one mechanism for both alerts; shown on the fast one, where
  // it is cheap (the slow one's case would add 0.4 s of promtool and nothing new).
  if (alert === "ApiErrorBudgetBurnFast") {
    cases.push({
      name: `${alert}: once the burning stops, the ${first.short} window ends the alert though ${first.long} is still high`,
      interval: TEST_INTERVAL,
      series: traffic([burn(0, leadIn, BASE * HEAVY), burn(loud, burning), burn(0, minutes(first.short) + 5)]),
      expect: [
        { at: at(leadIn + burning), alert, firing: fired(loud) },
        { at: at(leadIn + burning + minutes(first.short) + 5), alert, firing: [] },
      ],
    });
  }
  return cases.map((c) => ({ ...c, evaluationInterval }));
}

export function sloTests(ctx: RuleContext): RuleTestCase[] {
  return [...burnCases(ctx, "ApiErrorBudgetBurnFast"), ...burnCases(ctx, "ApiErrorBudgetBurnSlow")];
}
