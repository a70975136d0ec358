// Failure scenarios of the fast burn's traffic floor (item 10; alerts/slo.ts, promql.ts
// withMeanRateFloor), after a full long window of quiet history, so that the floor reads a window
// the recorded 5xx rate covers (the "quiet night" of api.ts starts with no history at all).
import { seconds } from "../../catalog/duration.ts";
import { burnRateAlerts } from "../../catalog/slo.ts";
import { jobs } from "../../catalog/selectors.ts";
import { pageMinEvents, target } from "../../catalog/thresholds.ts";
import { humanize } from "../testing.ts";
import type { RuleContext } from "../types.ts";
import { backend, httpHistogram, othersHealthy, up } from "./raw.ts";
import type { FailureScenario, ScenarioFile } from "./types.ts";

/** Night traffic: two requests a minute, 10 in 5 minutes, under every 5-minute floor. */
const NIGHT = 2;

function floorScenarios(ctx: RuleContext): FailureScenario[] {
  const job = jobs(ctx.env).backend;
  const b1 = backend(ctx, "app-1:8000");
  const first = burnRateAlerts().ApiErrorBudgetBurnFast[0]!;
  const long = seconds(first.long) / 60;
  // The first pair's long window, and some, of clean night traffic before anything fails.
  const leadIn = long + 10;
  const night = (segments: { minutes: number; errors?: number }[]) => {
    const minutes = segments.reduce((m, s) => m + s.minutes, 0);
    return [
      ...othersHealthy(ctx, minutes, ["backend"]),
      up(b1, [{ minutes, value: 1 }]),
      ...httpHistogram(b1, segments.map((s) => ({ minutes: s.minutes, requests: NIGHT, errors: s.errors ?? 0, seconds: 0.3 }))),
    ];
  };
  // A third of the floor, one failed request a minute: half the requests fail while it lasts, so
  // every pair burns far above its factor; the count alone keeps it silent.
  const few = Math.floor(pageMinEvents() / 3);
  // Time for the floor's count at night: the failures of pageMinEvents() requests, less a minute.
  const belowFloor = Math.floor(pageMinEvents() / NIGHT) - 1;
  const outage = long + 10;
  const after = 10;
  return [
    {
      item: 10,
      name: `quiet night after ${leadIn} minutes of history: ${few} failed requests burn fast in share but stay under the floor: nobody is paged`,
      interval: "1m",
      series: night([{ minutes: leadIn }, { minutes: few, errors: 1 }, { minutes: after }]),
      expect: [
        { at: `${leadIn + few + 1}m`, alert: "ApiErrorBudgetBurnFast", firing: [] },
        { at: `${leadIn + few + 1}m`, alert: "BackendUnavailable", firing: [] },
        // The second pair still burns here (its short window holds the failures); a count that took
        // the 75 minutes of history for the whole 6 h would read them as more than the floor.
        { at: `${leadIn + few + after}m`, alert: "ApiErrorBudgetBurnFast", firing: [] },
      ],
    },
    {
      item: 10,
      name: "a real outage at night, every request failing: under BackendUnavailable's floor, the fast burn pages once the failures reach its floor",
      interval: "1m",
      series: night([{ minutes: leadIn }, { minutes: outage, errors: NIGHT }]),
      expect: [
        { at: `${leadIn + belowFloor}m`, alert: "ApiErrorBudgetBurnFast", firing: [] },
        // A long window of nothing but failures: the burn rate is the whole budget's inverse.
        { at: `${leadIn + outage}m`, alert: "ApiErrorBudgetBurnFast", firing: [{ labels: { job }, value: humanize(1 / (1 - target("availabilitySlo"))) }] },
        { at: `${leadIn + outage}m`, alert: "BackendUnavailable", firing: [] },
      ],
    },
  ];
}

export function sloScenarioFile(ctx: RuleContext): ScenarioFile {
  return { domain: "slo", source: "alerts/scenarios/slo.ts", scenarios: floorScenarios(ctx) };
}
