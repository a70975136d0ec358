import { describe, expect, it } from "vitest";
import { duration, seconds } from "../../catalog/duration.ts";

describe("durations", () => {
  it("parses Prometheus durations", () => {
    expect(seconds("30s")).toBe(30);
    expect(seconds("15m")).toBe(900);
    expect(seconds("1h30m")).toBe(5400);
    expect(seconds("3d")).toBe(259200);
  });

  it("rejects what Prometheus rejects, naming the input", () => {
    for (const bad of ["", "15", "m", "1.5h", "5 m", "1h-2m"]) expect(() => seconds(bad)).toThrow(`"${bad}"`);
  });

  it("writes seconds back as the shortest duration", () => {
    expect(duration(1020)).toBe("17m");
    expect(duration(5400)).toBe("1h30m");
    expect(duration(0)).toBe("0s");
    for (const d of ["5m", "1h", "1d2h3m4s"]) expect(duration(seconds(d))).toBe(d);
  });
});
