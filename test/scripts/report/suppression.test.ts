// The report's small-count suppression follows the safety dashboard's (catalog/safety.ts), and the
// stack's previews go stale on the stack's own clock, like its reports.
import { describe, expect, it } from "vitest";
import { smallCountSuppression } from "../../../catalog/safety.ts";
import { suppressedCount } from "../../../scripts/report/sections/safety.ts";
import { previewLookback, previewMaxAgeMs } from "../../../scripts/stack/previews.ts";
import { reportIntervalMs } from "../../../scripts/stack/reports.ts";
import { defaultTimeScale } from "../../../scripts/stack/stack.ts";

describe("small counts in the report", () => {
  const s = smallCountSuppression();
  it("prints every count from 1 to below the threshold as the suppression text, never the number", () => {
    for (let n = 1; n < s.threshold; n++) expect(suppressedCount(n), String(n)).toBe(s.text);
    // rates of a few events come back fractional: rounded first, then suppressed
    expect(suppressedCount(s.threshold - 0.6)).toBe(s.text);
  });
  it("prints zero (it identifies nobody), counts from the threshold on, and a dash for no data", () => {
    expect(suppressedCount(0)).toBe("0");
    expect(suppressedCount(s.threshold)).toBe(String(s.threshold));
    expect(suppressedCount(37.2)).toBe("37");
    expect(suppressedCount(undefined)).toBe("—");
    expect(suppressedCount(Number.NaN)).toBe("—");
  });
});

describe("previews of the stack", () => {
  it("render the HTML again after one scaled hour (the report interval), the PNG after six", () => {
    const scale = defaultTimeScale();
    expect(previewMaxAgeMs("html", scale)).toBe(reportIntervalMs(scale));
    expect(previewMaxAgeMs("png", scale)).toBe(6 * reportIntervalMs(scale));
    expect(previewMaxAgeMs("png", 1)).toBe(6 * 3_600_000);
  });
  it("show the dashboards' six hours, scaled, never less than five minutes", () => {
    expect(previewLookback(1)).toBe(6 * 3600);
    expect(previewLookback(defaultTimeScale())).toBe(Math.round(6 * 3600 * defaultTimeScale()));
    expect(previewLookback(1 / 1000)).toBe(300);
  });
});
