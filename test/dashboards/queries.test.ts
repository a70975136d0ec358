import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { apiRecordNames } from "../../alerts/api.ts";
import { runTool } from "../../scripts/check/tools.ts";
import { render } from "../../scripts/render/index.ts";
import { options, tempDir } from "../helpers.ts";
import { built } from "./built.ts";

// The queries of the trickier panels, evaluated by the real Prometheus engine (promtool's
// promql_expr_test) on series whose answer we know: what Grafana would get, variables expanded as
// Grafana would ("All" = .+, $__rate_interval and $__interval as a 30 s scrape gives them).
const dashboards = built();

function expr(uid: string, key: string, refId: string): string {
  const t = dashboards.get(uid)!.panel(key).targets.find((x: { refId: string }) => x.refId === refId);
  return String(t.expr)
    .replaceAll("$__rate_interval", "2m")
    .replaceAll("$__range", "5m")
    .replaceAll("$__interval", "1h")
    .replace(/\$\w+/g, ".+");
}

interface Case { expr: string; eval_time: string; exp_samples: { labels: string; value: number }[] }

/**
 * Runs one promtool test with these input series and expression cases; returns promtool's words.
 * `domains`: the rendered rule files loaded too, for panels that draw recorded series (issue 17).
 */
function evaluate(interval: string, series: { series: string; values: string }[], cases: Case[], domains: string[] = []): { code: number; output: string } {
  const dir = tempDir();
  const bundle = domains.length ? render(options()) : new Map<string, string>();
  for (const d of domains) fs.writeFileSync(path.join(dir, `${d}.yml`), bundle.get(`prometheus/rules/${d}.yml`)!);
  const test = { rule_files: domains.map((d) => `${d}.yml`), evaluation_interval: "1m", tests: [{ interval, input_series: series, promql_expr_test: cases }] };
  fs.writeFileSync(path.join(dir, "queries.yml"), yaml.dump(test));
  return runTool("promtool", ["test", "rules", "queries.yml"], dir);
}

describe("panel queries, evaluated by promtool", () => {
  it("the disk forecast: time until full and growth per day of a filesystem losing 1 GiB an hour", () => {
    const fs1 = 'node_filesystem_avail_bytes{job="node", instance="app-1:9100", device="sda1", fstype="ext4", mountpoint="/"}';
    const fs2 = 'node_filesystem_avail_bytes{job="node", instance="app-1:9100", device="sdb1", fstype="ext4", mountpoint="/data"}';
    const gib = 1024 ** 3;
    const run = evaluate("1h", [
      { series: fs1, values: `${100 * gib}-${gib}x10` }, // 100 GiB, 1 GiB less every hour
      { series: fs2, values: `${50 * gib}+0x10` }, // steady: never full, no forecast
    ], [
      // At 10h: 90 GiB left, falling 1 GiB an hour → full in 90 hours.
      { expr: expr("xinliya-capacity", "diskFull", "A"), eval_time: "10h", exp_samples: [{ labels: '{job="node", instance="app-1:9100", mountpoint="/"}', value: 90 * 3600 }] },
      {
        expr: expr("xinliya-capacity", "diskFull", "B"), eval_time: "10h", exp_samples: [
          { labels: '{job="node", instance="app-1:9100", mountpoint="/"}', value: 24 * gib },
          { labels: '{job="node", instance="app-1:9100", mountpoint="/data"}', value: 0 },
        ],
      },
    ], ["capacity"]);
    expect(run.output).toBe("Unit Testing:  queries.yml\n  SUCCESS");
  });

  it("headroom: the CPU threshold minus the peak of the window, per instance", () => {
    const run = evaluate("1h", [
      { series: 'instance:node_cpu_utilisation:rate5m{job="node", instance="app-1:9100"}', values: "0.3 0.6 0.4" },
      { series: 'instance:node_cpu_utilisation:rate5m{job="node", instance="app-2:9100"}', values: "0.9 0.5 0.5" },
    ], [{
      expr: expr("xinliya-capacity", "headroom", "A"), eval_time: "2h", exp_samples: [
        { labels: '{job="node", instance="app-1:9100"}', value: 0.8 - 0.6 },
        { labels: '{job="node", instance="app-2:9100"}', value: 0.8 - 0.9 },
      ],
    }]);
    expect(run.output).toBe("Unit Testing:  queries.yml\n  SUCCESS");
  });

  it("success by route: a route without any 5xx reads 100 %, one with 5xx its share", () => {
    // The panel reads the per-route record of alerts/api.ts (requests per second by status code).
    const s = (route: string, code: number) =>
      `${apiRecordNames().byRouteCode}{job="xinliya-backend", http_request_method="POST", http_route="${route}", http_response_status_code="${code}"}`;
    const run = evaluate("30s", [
      { series: s("/chat", 200), values: "9x10" },
      { series: s("/chat", 500), values: "1x10" },
      { series: s("/login", 200), values: "3x10" },
    ], [{
      expr: expr("xinliya-api", "routes", "E"), eval_time: "5m", exp_samples: [
        { labels: '{http_request_method="POST", http_route="/chat"}', value: 0.9 },
        { labels: '{http_request_method="POST", http_route="/login"}', value: 1 },
      ],
    }]);
    expect(run.output).toBe("Unit Testing:  queries.yml\n  SUCCESS");
  });

  it("firing alerts by priority: 0 when none fires, the count when some do", () => {
    const alert = (name: string, priority: string) => `ALERTS{alertname="${name}", alertstate="firing", priority="${priority}", severity="critical"}`;
    const run = evaluate("1m", [
      { series: alert("BackendUnavailable", "P0"), values: "1x5" },
      { series: alert("LlmApiDown", "P0"), values: "1x5" },
    ], [
      { expr: expr("xinliya-overview", "alertsByPriority", "A"), eval_time: "2m", exp_samples: [{ labels: "{}", value: 2 }] },
      { expr: expr("xinliya-overview", "alertsByPriority", "B"), eval_time: "2m", exp_samples: [{ labels: "{}", value: 0 }] },
    ]);
    expect(run.output).toBe("Unit Testing:  queries.yml\n  SUCCESS");
  });

  it("rating distribution: each rating's share of all ratings", () => {
    const r = (rating: number) => `xinliya_feedback_ratings_total{job="xinliya-business-exporter", instance="app-1:9464", rating="${rating}"}`;
    const run = evaluate("30s", [
      { series: r(1), values: "0+1x10" },
      { series: r(5), values: "0+3x10" },
    ], [{
      expr: expr("xinliya-business", "ratingDistribution", "A"), eval_time: "5m", exp_samples: [
        { labels: '{rating="1"}', value: 0.25 },
        { labels: '{rating="5"}', value: 0.75 },
      ],
    }]);
    expect(run.output).toBe("Unit Testing:  queries.yml\n  SUCCESS");
  });

  it("the instances table counts the CPU cores of each instance", () => {
    const cpu = (n: number, mode: string) => `node_cpu_seconds_total{job="node", instance="app-1:9100", cpu="${n}", mode="${mode}"}`;
    const run = evaluate("30s", [0, 1, 2, 3].flatMap((n) => [
      { series: cpu(n, "idle"), values: "0+20x10" },
      { series: cpu(n, "user"), values: "0+10x10" },
    ]), [{ expr: expr("xinliya-system", "instances", "E"), eval_time: "5m", exp_samples: [{ labels: '{job="node", instance="app-1:9100"}', value: 4 }] }]);
    expect(run.output).toBe("Unit Testing:  queries.yml\n  SUCCESS");
  });
});
