import { describe, expect, it } from "vitest";
import { environments } from "../../catalog/environments.ts";
import { metrics } from "../../catalog/metrics.ts";
import { priorities, priority } from "../../catalog/priorities.ts";
import { defaultJobs, jobs } from "../../catalog/selectors.ts";
import { forDurations, targets } from "../../catalog/targets.ts";
import { formatTarget } from "../../catalog/thresholds.ts";
import { seconds } from "../../catalog/duration.ts";

describe("catalog: metrics", () => {
  it("has unique names", () => {
    const names = metrics().map((m) => m.name);
    expect(names.length).toBeGreaterThan(20);
    expect(new Set(names).size).toBe(names.length);
  });

  it("uses valid Prometheus metric and label names", () => {
    for (const m of metrics()) {
      expect(m.name, m.name).toMatch(/^[a-zA-Z_][a-zA-Z0-9_]*$/);
      for (const label of m.labels) expect(label, `${m.name} label`).toMatch(/^[a-zA-Z_][a-zA-Z0-9_]*$/);
      expect(m.labels, `${m.name}: job and instance are added by Prometheus`).not.toContain("job");
      expect(m.help.length, `${m.name} help`).toBeGreaterThan(5);
    }
  });

  it("names counters with _total and nothing else", () => {
    for (const m of metrics()) {
      // postgres_exporter 0.11.1 names its built-in counters without _total (pg_stat_database_deadlocks):
      // their names are not ours to choose; their type still makes the lint require rate().
      if (m.source === "postgres_exporter" && m.type === "counter" && m.name.startsWith("pg_stat_")) continue;
      expect(m.name.endsWith("_total"), m.name).toBe(m.type === "counter");
    }
  });

  it("declares the backend HTTP histogram with the OpenTelemetry labels", () => {
    const http = metrics().find((m) => m.name === "http_server_request_duration_seconds");
    expect(http).toMatchObject({
      type: "histogram", source: "backend",
      labels: ["http_request_method", "http_route", "http_response_status_code"],
    });
  });

  it("covers every source", () => {
    expect(new Set(metrics().map((m) => m.source))).toEqual(
      new Set(["node_exporter", "backend", "business_exporter", "prometheus", "alertmanager",
        "postgres_exporter", "redis_exporter", "blackbox_exporter", "backup_jobs"]));
  });
});

describe("catalog: targets", () => {
  it("holds the numbers of the ops guide", () => {
    const t = targets();
    expect([t.cpuUtilisation.value, t.memoryUtilisation.value, t.diskUtilisation.value]).toEqual([0.8, 0.85, 0.9]);
    expect([t.apiLatencyP95.value, t.agentProcessingP95.value]).toEqual([2, 5]);
    expect([t.apiSuccessRate.value, t.availabilitySlo.value]).toEqual([0.995, 0.999]);
    expect(formatTarget("availabilitySlo")).toBe("99.9%");
    expect(formatTarget("apiLatencyP95")).toBe("2s");
  });

  it("keeps every threshold inside its range", () => {
    for (const [name, t] of Object.entries(targets())) {
      expect(t.range[0], name).toBeLessThan(t.range[1]);
      expect(t.value, name).toBeGreaterThanOrEqual(t.range[0]);
      expect(t.value, name).toBeLessThanOrEqual(t.range[1]);
      if (t.unit === "ratio") expect(t.range[1], name).toBeLessThan(1);
    }
  });

  it("has valid, positive for durations", () => {
    for (const [alert, d] of Object.entries(forDurations())) {
      expect(seconds(d), alert).toBeGreaterThan(0);
    }
  });
});

describe("catalog: priorities", () => {
  it("maps P0–P3 to the ops guide's response times and severities", () => {
    expect(priorities().map((p) => [p.name, p.responseTime, p.severity])).toEqual([
      ["P0", "15m", "critical"], ["P1", "1h", "critical"], ["P2", "4h", "warning"], ["P3", "24h", "info"],
    ]);
  });

  it("names an unknown priority in its error", () => {
    expect(() => priority("P9")).toThrow(/unknown priority "P9"/);
  });
});

describe("catalog: selectors and environments", () => {
  it("defaults the three scrape jobs", () => {
    expect(defaultJobs()).toMatchObject({ node: "node", backend: "xinliya-backend", businessExporter: "xinliya-business-exporter" });
  });

  it("has local, staging and production, each with a target for every job", () => {
    const envs = environments();
    expect(Object.keys(envs).sort()).toEqual(["local", "production", "staging"]);
    for (const env of Object.values(envs)) {
      for (const key of Object.keys(defaultJobs())) {
        expect(env.targets[key as keyof typeof env.targets].length, `${env.name} ${key}`).toBeGreaterThan(0);
      }
    }
  });

  it("lets an environment override a job name", () => {
    const env = { ...environments().staging, jobs: { backend: "api" } };
    expect(jobs(env).backend).toBe("api");
    expect(jobs(env).node).toBe("node");
  });
});
