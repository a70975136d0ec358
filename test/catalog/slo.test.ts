import { describe, expect, it } from "vitest";
import { agentOutcomes, authOutcomes, llmOutcomes, ratingValues } from "../../catalog/outcomes.ts";
import { burnRateAlerts, sloPeriod } from "../../catalog/slo.ts";
import { catalogNumbers, formatTarget } from "../../catalog/thresholds.ts";
import { forDurations, targets } from "../../catalog/targets.ts";
import { watchdog } from "../../catalog/watchdog.ts";

describe("catalog: the SLO and its burn-rate policy", () => {
  it("pairs the windows and factors of the issue (Google SRE workbook)", () => {
    expect(sloPeriod()).toBe("30d");
    expect(burnRateAlerts()).toEqual({
      ApiErrorBudgetBurnFast: [{ factor: 14.4, long: "1h", short: "5m" }, { factor: 6, long: "6h", short: "30m" }],
      ApiErrorBudgetBurnSlow: [{ factor: 3, long: "1d", short: "2h" }, { factor: 1, long: "3d", short: "6h" }],
    });
  });
});

describe("catalog: the other targets of the issue", () => {
  it("holds the thresholds the issue names", () => {
    const t = targets();
    expect([t.llmErrorShare.value, t.agentFallbackShare.value, t.backupMaxAge.value, t.diskFillHorizon.value, t.diskFillFloor.value])
      .toEqual([0.05, 0.1, 26 * 3600, 24 * 3600, 0.8]);
    expect([formatTarget("backupMaxAge"), formatTarget("diskFillHorizon"), formatTarget("authFailureRate"), formatTarget("lowRatingMax")])
      .toEqual(["26h", "24h", "0.5/s", "2"]);
  });

  it("lists every number a rule may hold: the targets, the quantile, the burn factors, 0 and 1", () => {
    const numbers = catalogNumbers();
    for (const n of [0, 1, 0.95, 14.4, 6, 3, 0.8, 0.999, 93600]) expect(numbers.has(n), String(n)).toBe(true);
    expect(numbers.has(0.86)).toBe(false);
  });

  it("gives Watchdog no `for`: it fires at once", () => {
    expect(forDurations()).not.toHaveProperty(watchdog().alert);
  });
});

describe("catalog: shared contracts", () => {
  it("names the Watchdog and its receiver as the routing expects", () => {
    expect(watchdog()).toEqual({ alert: "Watchdog", severity: "none", receiver: "deadmans-switch" });
  });

  it("holds the outcome values of the business metrics", () => {
    expect(agentOutcomes().all).toEqual(["success", "error", "timeout", "fallback"]);
    expect(llmOutcomes().all).toEqual(["success", "error", "timeout", "rate_limited"]);
    expect(llmOutcomes().failed).toEqual(["error", "timeout", "rate_limited"]);
    expect(authOutcomes().all).toEqual(["success", "failure"]);
    expect(ratingValues()).toEqual([1, 2, 3, 4, 5]);
  });
});
