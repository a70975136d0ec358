import { describe, expect, it } from "vitest";
import { capacityPlanningHorizon } from "../../catalog/dashboards.ts";
import { seconds } from "../../catalog/duration.ts";
import { safetyTargets } from "../../catalog/safety.ts";
import { genAiNumbers } from "../../catalog/genai.ts";
import { burnRateAlerts, errorBudgetWarning, latencySloObjective } from "../../catalog/slo.ts";
import { targets } from "../../catalog/targets.ts";
import { dashboardPanels } from "../../scripts/lib/expressions.ts";
import { type Panel, built, thresholdValues } from "./built.ts";

const dashboards = [...built().values()];
const panelsOf = (json: unknown) => (dashboardPanels(json) as Panel[]).filter((p) => p.type !== "row");

describe("dashboard house style", () => {
  it("lays every panel out inside the 24 columns, without overlaps", () => {
    for (const d of dashboards) {
      const boxes = (dashboardPanels(d.json) as Panel[]).map((p) => ({ title: p.title, ...p.gridPos }));
      for (const b of boxes) {
        expect(b.x + b.w, `${d.uid} ${b.title}`).toBeLessThanOrEqual(24);
        expect(b.w * b.h, `${d.uid} ${b.title}`).toBeGreaterThan(0);
      }
      boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap, `${d.uid}: "${a.title}" overlaps "${b.title}"`).toBe(false);
      }));
    }
  });

  it("gives every stat, gauge, bar gauge and table explicit thresholds, never Grafana's default", () => {
    let judged = 0;
    for (const d of dashboards) {
      for (const p of panelsOf(d.json).filter((x) => ["stat", "gauge", "bargauge", "table"].includes(x.type))) {
        expect(p.fieldConfig.defaults.thresholds?.steps, `${d.uid} ${p.title}`).toBeDefined();
        expect(p.fieldConfig.defaults.thresholds.steps).not.toEqual([{ value: null, color: "green" }, { value: 80, color: "red" }]);
        judged += 1;
      }
    }
    expect(judged).toBeGreaterThan(15);
  });

  it("draws only catalog numbers as thresholds", () => {
    const factors = Object.values(burnRateAlerts()).flat().map((p) => p.factor);
    // 0: a budget or a headroom used up; 1: one alert firing; the planning horizon of the disk forecast;
    // the budget warning share and the latency SLO objective (issue 12).
    const allowed = new Set([errorBudgetWarning(), latencySloObjective(), ...Object.values(targets()).map((t) => t.value), ...factors, 0, 1, seconds(capacityPlanningHorizon()),
      ...Object.values(safetyTargets()).map((t) => t.value), ...genAiNumbers()]);
    let seen = 0;
    for (const d of dashboards) {
      for (const p of panelsOf(d.json)) {
        for (const v of thresholdValues(p)) {
          expect(allowed.has(v), `${d.uid} ${p.title}: threshold ${v}`).toBe(true);
          seen += 1;
        }
      }
    }
    expect(seen).toBeGreaterThan(40);
  });

  it("keeps every panel key that an alert links to, and no key twice", () => {
    for (const d of dashboards) expect(new Set(d.keys).size, d.uid).toBe(d.keys.length);
    const keys = (uid: string) => dashboards.find((d) => d.uid === uid)!.keys;
    expect(keys("xinliya-system")).toEqual(expect.arrayContaining(["cpu", "memory", "disk", "diskForecast"]));
    expect(keys("xinliya-api")).toEqual(expect.arrayContaining(["backendAvailability", "successRate", "latency", "requests"]));
    expect(keys("xinliya-slo")).toEqual(expect.arrayContaining(["availability", "errorBudget", "burnRateFast", "burnRateSlow"]));
    expect(keys("xinliya-agent")).toEqual(expect.arrayContaining(["agentLatency", "fallbackShare", "llmErrorShare", "llmCalls"]));
    expect(keys("xinliya-business")).toEqual(expect.arrayContaining(["qualityScore", "lowRatingShare"]));
    expect(keys("xinliya-operations")).toEqual(expect.arrayContaining(
      ["backupAge", "backupLastRun", "authFailures", "targets", "ruleFailures", "notifications", "alerts"]));
  });
});
