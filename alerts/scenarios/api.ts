// Failure scenarios of the backend and its SLO (items 3, 5, 10, 11, 13), from what the backend
// really exposes: OpenTelemetry's HTTP histogram with its real buckets, and `up`.
import { jobs } from "../../catalog/selectors.ts";
import type { RuleContext } from "../types.ts";
import { backend, httpHistogram, otelDefaultBounds, othersHealthy, up } from "./raw.ts";
import type { FailureScenario, ScenarioFile } from "./types.ts";

function vanishing(ctx: RuleContext): FailureScenario[] {
  const job = jobs(ctx.env).backend;
  const b1 = backend(ctx, "app-1:8000");
  const b2 = backend(ctx, "app-2:8000");
  return [
    {
      item: 3,
      name: "the backend leaves the scrape targets: BackendUnavailable (absent up) and ScrapeJobMissing",
      interval: "1m",
      series: [
        ...othersHealthy(ctx, 40, ["backend"]),
        up(b1, [{ minutes: 10, value: 1 }, { minutes: 30, value: "_" }]),
        ...httpHistogram(b1, [{ minutes: 10, requests: 300, seconds: 0.3 }, { minutes: 30, requests: null, seconds: 0 }]),
      ],
      expect: [
        { at: "12m", alert: "BackendUnavailable", firing: [] },
        { at: "20m", alert: "BackendUnavailable", firing: [{ labels: { job }, value: "0%" }] },
        { at: "17m", alert: "ScrapeJobMissing", firing: [] },
        { at: "25m", alert: "ScrapeJobMissing", firing: [{ labels: { job }, value: "1" }] },
      ],
    },
    {
      item: 3,
      name: "an SDK upgrade renames the SLI histogram while up stays 1: KeySeriesMissing",
      interval: "1m",
      series: [
        ...othersHealthy(ctx, 40, ["backend"]),
        up(b1, [{ minutes: 40, value: 1 }]),
        ...httpHistogram(b1, [{ minutes: 10, requests: 300, seconds: 0.3 }, { minutes: 30, requests: null, seconds: 0 }]),
      ],
      expect: [
        { at: "12m", alert: "KeySeriesMissing", firing: [] },
        { at: "30m", alert: "KeySeriesMissing", firing: [
          { labels: { job, series: "http_server_request_duration_seconds_bucket" }, value: "1" },
          { labels: { job, series: "http_server_request_duration_seconds_count" }, value: "1" },
        ] },
      ],
    },
    {
      item: 3,
      name: "one of two backend instances leaves the targets, the other serves: no page",
      interval: "1m",
      series: [
        ...othersHealthy(ctx, 40, ["backend"]),
        up(b1, [{ minutes: 10, value: 1 }, { minutes: 30, value: "_" }]),
        up(b2, [{ minutes: 40, value: 1 }]),
        ...httpHistogram(b2, [{ minutes: 40, requests: 300, seconds: 0.3 }]),
      ],
      expect: [
        { at: "30m", alert: "BackendUnavailable", firing: [] },
        { at: "30m", alert: "ScrapeJobMissing", firing: [] },
        { at: "30m", alert: "KeySeriesMissing", firing: [] },
      ],
    },
  ];
}

function uptime(ctx: RuleContext): FailureScenario[] {
  const job = jobs(ctx.env).backend;
  const b1 = backend(ctx, "app-1:8000");
  const b2 = backend(ctx, "app-2:8000");
  const budget = "job:http_server_error_budget_remaining:ratio_rate30d";
  return [
    {
      item: 5,
      name: "two hours with every backend instance down (no request counted): the budget is spent",
      interval: "1m",
      series: [
        ...othersHealthy(ctx, 180, ["backend"]),
        up(b1, [{ minutes: 30, value: 1 }, { minutes: 120, value: 0 }, { minutes: 30, value: 1 }]),
        ...httpHistogram(b1, [{ minutes: 30, requests: 300, seconds: 0.3 }, { minutes: 120, requests: null, seconds: 0 }, { minutes: 30, requests: 300, seconds: 0.3 }]),
      ],
      evaluationInterval: "5m",
      checks: [{ at: "155m", expr: `${budget} < bool 0`, samples: [{ labels: { job }, value: 1 }] }],
      expect: [
        { at: "20m", alert: "ApiErrorBudgetBurnSlow", firing: [] },
        { at: "150m", alert: "ApiErrorBudgetBurnSlow", firing: [{ labels: { job }, value: "774.2" }] },
      ],
    },
    {
      item: 5,
      name: "one of two instances down for two hours while the other serves every request: no budget spent",
      interval: "1m",
      series: [
        ...othersHealthy(ctx, 180, ["backend"]),
        up(b1, [{ minutes: 30, value: 1 }, { minutes: 120, value: 0 }, { minutes: 30, value: 1 }]),
        up(b2, [{ minutes: 180, value: 1 }]),
        ...httpHistogram(b2, [{ minutes: 180, requests: 300, seconds: 0.3 }]),
      ],
      evaluationInterval: "5m",
      checks: [{ at: "155m", expr: `sum by (job) (${budget})`, samples: [{ labels: { job }, value: 1 }] }],
      expect: [{ at: "150m", alert: "ApiErrorBudgetBurnSlow", firing: [] }, { at: "150m", alert: "BackendUnavailable", firing: [] }],
    },
  ];
}

function floorsAndTargets(ctx: RuleContext): FailureScenario[] {
  const job = jobs(ctx.env).backend;
  const b1 = backend(ctx, "app-1:8000");
  const base = (requests: number, errors: number, seconds: number, bounds?: number[], minutes = 80) => [
    ...othersHealthy(ctx, minutes, ["backend"]),
    up(b1, [{ minutes, value: 1 }]),
    ...httpHistogram(b1, [{ minutes, requests, errors, seconds }], bounds),
  ];
  return [
    {
      item: 10,
      name: "quiet night: two requests a minute and one of them failing now and then: nobody is paged",
      interval: "1m",
      series: [
        ...othersHealthy(ctx, 80, ["backend"]),
        up(b1, [{ minutes: 80, value: 1 }]),
        ...httpHistogram(b1, [
          { minutes: 30, requests: 2, seconds: 0.3 }, { minutes: 1, requests: 2, errors: 1, seconds: 0.3 },
          { minutes: 2, requests: 2, seconds: 0.3 }, { minutes: 1, requests: 2, errors: 1, seconds: 0.3 }, { minutes: 46, requests: 2, seconds: 0.3 },
        ]),
      ],
      expect: [
        { at: "40m", alert: "ApiErrorBudgetBurnFast", firing: [] },
        { at: "40m", alert: "BackendUnavailable", firing: [] },
        { at: "40m", alert: "ApiSuccessRateLow", firing: [] },
      ],
    },
    {
      item: 10,
      name: "the same failing share at daytime volume pages through the fast burn",
      interval: "1m",
      series: base(200, 40, 0.3),
      expect: [
        { at: "1m", alert: "ApiErrorBudgetBurnFast", firing: [] },
        { at: "10m", alert: "ApiErrorBudgetBurnFast", firing: [{ labels: { job }, value: "200" }] },
      ],
    },
    {
      item: 11,
      name: "every request takes 1.1 s, OpenTelemetry's default buckets (none at 2 s): no latency page, HistogramBucketMissing",
      interval: "1m",
      series: base(300, 0, 1.1, otelDefaultBounds()),
      expect: [
        { at: "30m", alert: "ApiLatencyHigh", firing: [] },
        { at: "30m", alert: "HistogramBucketMissing", firing: [] },
        { at: "75m", alert: "HistogramBucketMissing", firing: [{ labels: { job, le: "2" }, value: "1" }] },
      ],
    },
    {
      item: 11,
      name: "every request takes 1.1 s and the 2 s bucket exists: no page, no configuration alert",
      interval: "1m",
      series: base(300, 0, 1.1),
      expect: [{ at: "75m", alert: "ApiLatencyHigh", firing: [] }, { at: "75m", alert: "HistogramBucketMissing", firing: [] }],
    },
    {
      item: 11,
      name: "every request takes 2.2 s and the 2 s bucket exists: ApiLatencyHigh pages",
      interval: "1m",
      series: base(300, 0, 2.2),
      expect: [
        { at: "5m", alert: "ApiLatencyHigh", firing: [] },
        { at: "20m", alert: "ApiLatencyHigh", firing: [{ labels: { job }, value: "0%" }] },
        { at: "75m", alert: "HistogramBucketMissing", firing: [] },
      ],
    },
    {
      item: 13,
      name: "exactly 99.5 % of requests succeed: the strict target is missed",
      interval: "1m",
      series: base(1000, 5, 0.3),
      expect: [
        { at: "5m", alert: "ApiSuccessRateLow", firing: [] },
        { at: "20m", alert: "ApiSuccessRateLow", firing: [{ labels: { job }, value: "99.5%" }] },
      ],
    },
    {
      item: 13,
      name: "99.6 % of requests succeed: the target is met",
      interval: "1m",
      series: base(1000, 4, 0.3),
      expect: [{ at: "20m", alert: "ApiSuccessRateLow", firing: [] }],
    },
  ];
}

export function apiScenarioFile(ctx: RuleContext): ScenarioFile {
  return { domain: "api", source: "alerts/scenarios/api.ts", scenarios: [...vanishing(ctx), ...uptime(ctx), ...floorsAndTargets(ctx)] };
}
