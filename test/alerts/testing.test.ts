import { describe, expect, it } from "vitest";
import { boundaryCases, counterValues, goG4, humanize, humanizeDuration, humanizePercentage, quantileBuckets } from "../../alerts/testing.ts";

// Expected strings are what Prometheus 2.42's template functions print (Go's %.4g).
describe("promtool test helpers", () => {
  it("format values as Prometheus's humanize functions do", () => {
    expect([goG4(81), goG4(0.0001234), goG4(12346), goG4(0)]).toEqual(["81", "0.0001234", "1.235e+04", "0"]);
    expect([humanizePercentage(0.994), humanizePercentage(0.015), humanizePercentage(0)]).toEqual(["99.4%", "1.5%", "0%"]);
    expect([humanize(20), humanize(1.5), humanize(0.5), humanize(2500), humanize(1234567)]).toEqual(["20", "1.5", "500m", "2.5k", "1.235M"]);
    expect([humanizeDuration(2.1), humanizeDuration(61), humanizeDuration(3661), humanizeDuration(93660)])
      .toEqual(["2.1s", "1m 1s", "1h 1m 1s", "1d 2h 1m 0s"]);
  });

  it("writes counters in promtool's expanding notation, segment after segment", () => {
    expect(counterValues([{ perMinute: 10, minutes: 3 }, { perMinute: 0, minutes: 2 }, { perMinute: 5, minutes: 1 }])).toBe("0 10+10x2 30+0x1 35");
  });

  it("puts every observation in one bucket whose quantile is the level", () => {
    expect(quantileBuckets("h", { job: "j" }, 0.95, 1.9, 3)).toEqual([
      { series: 'h_bucket{job="j",le="2"}', values: "0+60x3" },
      { series: 'h_bucket{job="j",le="+Inf"}', values: "0+60x3" },
    ]);
  });

  it("derives the boundary cases from the threshold, its direction and the `for`", () => {
    const cases = boundaryCases({
      alert: "X", forDuration: "10m", threshold: 0.5, margin: 0.1, direction: "below", subjects: ["a", "b"],
      inputs: (level, s) => [{ series: `m{s="${s}"}`, values: `${level}x20` }],
      labels: (s) => ({ s }), format: String,
    });
    expect(cases.map((c) => [c.name, c.series.map((s) => s.values), c.expect.map((e) => [e.at, e.firing.map((f) => [f.labels.s, f.value])])])).toEqual([
      ["X: just above the threshold stays silent", ["0.6x20"], [["12m", []]]],
      ["X: just below the threshold waits for its for, then fires", ["0.4x20"], [["9m", []], ["12m", [["a", "0.4"]]]]],
      ["X: of a, b only b fires", ["0.6x20", "0.4x20"], [["12m", [["b", "0.4"]]]]],
    ]);
  });
});
