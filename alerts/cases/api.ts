// promtool cases of the API rules (alerts/api.ts).
import { jobs } from "../../catalog/selectors.ts";
import { forDurations, forOf, latencyQuantile } from "../../catalog/targets.ts";
import { target } from "../../catalog/thresholds.ts";
import { TEST_INTERVAL, boundaryCases, events, humanizePercentage, levelCases, realisedShare, sampleCount, series, withinTargetBuckets } from "../testing.ts";
import type { RuleContext, RuleTestCase, SeriesDef } from "../types.ts";
import { backendLabels, backendUp, errorTraffic, httpTraffic } from "./traffic.ts";

const INSTANCES = ["app-a:8000", "app-b:8000"];

function upSeries(ctx: RuleContext, values: Record<string, number>, n: number): SeriesDef[] {
  return Object.entries(values).map(([instance, v]) => ({ series: series("up", { job: jobs(ctx.env).backend, instance }), values: `${v}x${n}` }));
}

function backendUnavailableTests(ctx: RuleContext): RuleTestCase[] {
  const alert = "BackendUnavailable";
  const forDuration = forOf(alert);
  const n = sampleCount(forDuration);
  const job = { job: jobs(ctx.env).backend };
  const allUp = Object.fromEntries(INSTANCES.map((i) => [i, 1]));
  return [
    ...boundaryCases({
      alert, forDuration, threshold: target("backendMinSuccessRate"), margin: 0.01, direction: "below",
      subjects: [jobs(ctx.env).backend],
      inputs: (level) => [...upSeries(ctx, allUp, n), ...httpTraffic(ctx, [errorTraffic(1000, 1 - level, n)])],
      labels: () => job,
      format: humanizePercentage,
      realised: (level) => 1 - events(1 - level, 1000) / 1000,
    }),
    ...levelCases({
      alert, forDuration, quiet: 1, loud: 0,
      names: { quiet: "one instance of two down", loud: "every instance down" },
      subjects: [jobs(ctx.env).backend],
      // Quiet: one of the two instances is down, the other serves every request well.
      inputs: (level) => [...upSeries(ctx, { [INSTANCES[0]!]: 0, [INSTANCES[1]!]: level }, n),
        ...(level ? httpTraffic(ctx, [errorTraffic(1000, 0, n)], INSTANCES[1]) : [])],
      labels: () => job,
      format: humanizePercentage,
    }),
    {
      name: `${alert}: a few failed requests on a quiet night (below the paging traffic floor) stay silent`,
      interval: TEST_INTERVAL,
      series: [...upSeries(ctx, allUp, n), ...httpTraffic(ctx, [errorTraffic(Math.max(1, Math.floor(target("pageMinRate") * 30)), 1, n)])],
      expect: [{ at: `${n - 5}m`, alert, firing: [] }],
    },
    {
      name: `${alert}: instances up and no traffic at all stays silent`,
      interval: TEST_INTERVAL,
      series: [...upSeries(ctx, allUp, n), ...httpTraffic(ctx, [{ minutes: n, perStatus: { "200": 0 } }])],
      expect: [{ at: `${n - 5}m`, alert, firing: [] }],
    },
  ];
}

function successRateTests(ctx: RuleContext): RuleTestCase[] {
  const alert = "ApiSuccessRateLow";
  const forDuration = forOf(alert);
  const n = sampleCount(forDuration);
  return [
    ...boundaryCases({
      alert, forDuration, threshold: target("apiSuccessRate"), margin: 0.001, direction: "below",
      subjects: [jobs(ctx.env).backend],
      inputs: (level) => [...httpTraffic(ctx, [errorTraffic(10_000, 1 - level, n)]), backendUp(ctx, n)],
      labels: () => ({ job: jobs(ctx.env).backend }),
      format: humanizePercentage,
      realised: (level) => 1 - events(1 - level, 10_000) / 10_000,
    }),
    {
      name: `${alert}: 4xx answers are not failures`,
      interval: TEST_INTERVAL,
      series: [...httpTraffic(ctx, [{ minutes: n, perStatus: { "200": 800, "404": 150, "429": 50 } }]), backendUp(ctx, n)],
      expect: [{ at: `${n - 5}m`, alert, firing: [] }],
    },
  ];
}

function latencyTests(ctx: RuleContext): RuleTestCase[] {
  const alert = "ApiLatencyHigh";
  const forDuration = forOf(alert);
  const n = sampleCount(forDuration);
  // The level is the share of requests within the target, read from the bucket at the target.
  return boundaryCases({
    alert, forDuration, threshold: latencyQuantile(), margin: 0.01, direction: "below",
    subjects: [jobs(ctx.env).backend],
    inputs: (level) => withinTargetBuckets("http_server_request_duration_seconds",
      { ...backendLabels(ctx), http_response_status_code: "200" }, target("apiLatencyP95"), events(level, 1000), 1000, n),
    labels: () => ({ job: jobs(ctx.env).backend }),
    format: humanizePercentage,
    realised: realisedShare(1000),
  });
}

export function apiTests(ctx: RuleContext): RuleTestCase[] {
  return [...backendUnavailableTests(ctx), ...successRateTests(ctx), ...latencyTests(ctx)];
}
