import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { latencySloObjective } from "../../catalog/slo.ts";
import { target } from "../../catalog/thresholds.ts";
import { runTool } from "../../scripts/check/tools.ts";
import { tempDir } from "../helpers.ts";
import { built, thresholdValues } from "./built.ts";

// The SLO views of issue 12, evaluated by promtool on series whose answer is known: the calendar
// month's burndown counts only the month of the query's end, and the latency SLO weighs each
// 5-minute share by its requests. Variables expanded as Grafana expands "All".
const dashboards = built();
const slo = dashboards.get("xinliya-slo")!;
const expr = (key: string, refId = "A") => String(slo.panel(key).targets.find((t: { refId: string }) => t.refId === refId).expr).replace(/\$\w+/g, ".+");

function evaluate(interval: string, series: { series: string; values: string }[], cases: { expr: string; eval_time: string; exp_samples: { labels: string; value: number }[] }[]) {
  // promtool compares floats exactly: both sides rounded to 1e-6 as PromQL's round() does.
  const rounded = cases.map((c) => ({ ...c, expr: `round(${c.expr}, 0.000001)`, exp_samples: c.exp_samples.map((x) => ({ ...x, value: Math.floor(x.value * 1e6 + 0.5) / 1e6 })) }));
  const dir = tempDir();
  const test = { rule_files: [], evaluation_interval: interval, tests: [{ interval, input_series: series, promql_expr_test: rounded }] };
  fs.writeFileSync(path.join(dir, "slo.yml"), yaml.dump(test));
  return runTool("promtool", ["test", "rules", "slo.yml"], dir);
}

describe("the calendar-month burndown", () => {
  it("is drawn over this month so far, beside the rolling window, with the budget thresholds", () => {
    expect(slo.panel("monthBudget").timeFrom).toBe("now/M");
    expect(slo.keys).toEqual(expect.arrayContaining(["errorBudget", "monthBudget"]));
    expect(thresholdValues(slo.panel("monthBudget"))).toEqual(expect.arrayContaining([0]));
  });

  it("spends January's errors in January and starts February at 100 %", () => {
    // promtool's clock starts on 1970-01-01 (31 days): 1 % errors through 31 January, none from 1 February.
    const availability = 'job:http_server_availability:ratio_rate1h{job="xinliya-backend"}';
    const budget = 1 - target("availabilitySlo");
    const run = evaluate("1h", [{ series: availability, values: "1x720 0.99x22 1x100" }], [
      // 31 January 12:00: 12 hours at 1 % since midnight, of a month of 31 × 24 hours.
      { expr: expr("monthBudget"), eval_time: "30d12h", exp_samples: [{ labels: '{job="xinliya-backend"}', value: 1 - (12 * 0.01) / (budget * 24 * 31) }] },
      // 1 February 12:00: January's errors are not this month's.
      { expr: expr("monthBudget"), eval_time: "31d12h", exp_samples: [{ labels: '{job="xinliya-backend"}', value: 1 }] },
    ]);
    expect(run.output).toBe("Unit Testing:  slo.yml\n  SUCCESS");
  });
});

describe("the latency SLO", () => {
  it("reads the share within the API target against the p95 objective", () => {
    expect(thresholdValues(slo.panel("latencySli"))).toContain(latencySloObjective());
    expect(expr("latencySli")).toContain("job:http_server_request_duration_seconds:within_target_ratio_rate5m");
  });

  it("weighs each 5-minute share by its requests (a quiet slow half-hour counts less)", () => {
    const requests = 'job:http_server_requests:rate5m{job="xinliya-backend"}';
    const within = 'job:http_server_request_duration_seconds:within_target_ratio_rate5m{job="xinliya-backend"}';
    // 0–30 min: 10 req/s, 80 % within 2 s; 35–60 min: 30 req/s, all within. Over [0, 1h] (13 steps,
    // both ends included): slow = 7 × 10 × 0.2 / (7 × 10 + 6 × 30) = 5.6 %, not the mean 10.8 %.
    const slow = (7 * 10 * 0.2) / (7 * 10 + 6 * 30);
    const run = evaluate("5m", [{ series: requests, values: "10x6 30x18" }, { series: within, values: "0.8x6 1x18" }], [
      { expr: expr("latencyBurn", "A"), eval_time: "1h", exp_samples: [{ labels: '{job="xinliya-backend"}', value: slow / (1 - latencySloObjective()) }] },
      { expr: expr("latencySli", "A"), eval_time: "1h", exp_samples: [{ labels: '{job="xinliya-backend"}', value: 1 - slow }] },
    ]);
    expect(run.output).toBe("Unit Testing:  slo.yml\n  SUCCESS");
  });
});
