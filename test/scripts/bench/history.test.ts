import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { countSamples, files, type Plan, spans, writeSlice } from "../../../scripts/bench/scale/backfill.ts";
import { byReaders } from "../../../scripts/bench/scale/history.ts";
import type { Group } from "../../../scripts/bench/scale/model.ts";
import { tempDir } from "../../helpers.ts";

// One histogram group of three lines (a bucket, the count, the sum), as model.ts builds them.
const histogram = (): Group => ({
  prefixes: ['h_bucket{le="+Inf"} ', "h_count{} ", "h_sum{} "], history: "short",
  values: (t, out) => { out[0] = t; out[1] = t; out[2] = 2 * t; },
});
const plan: Plan = { end: 36_000, denseFrom: 36_000 - 6 * 3600, step: 30, tailStep: 300, longDense: 86_400, tail: 86_400, day: 86_400 };

describe("bench:scale history by readers", () => {
  it("keeps what a panel reads dense over the short window, and stores the rest as far back as the rules read it", () => {
    const { groups, recentSeries } = byReaders([histogram()], { panels: ["sum(rate(h_count[5m]))"], rules: ["rate(h_bucket[5m])", "increase(h_sum[1h])"] }, 600);
    expect(recentSeries).toBe(2);
    const by = new Map(groups.map((g) => [g.prefixes.join(""), g]));
    expect(by.get("h_count{} ")!.history).toBe("short");
    expect(by.get('h_bucket{le="+Inf"} ')).toMatchObject({ history: "recent", back: 300 + 600 });
    expect(by.get("h_sum{} ")).toMatchObject({ history: "recent", back: 3600 + 600 });
    // The split groups write the values of the lines they took.
    const v = [0];
    by.get("h_sum{} ")!.values(120, v);
    expect(v).toEqual([240]);
    expect(spans(plan, "recent", -Infinity, 900)).toEqual([{ from: plan.end - 900, to: plan.end + 1, step: 30 }]);
  });

  it("counts exactly the samples a slice file holds", () => {
    const { groups } = byReaders([histogram()], { panels: ["h_count"], rules: ["rate(h_bucket[5m])"] }, 600);
    const file = path.join(tempDir(), "slice.om");
    const range = { from: plan.end - 2 * 3600 + 1, to: plan.end };
    const written = writeSlice(file, groups, plan, { from: range.from, to: range.to + 1 });
    expect(fs.readFileSync(file, "utf8").trim().split("\n").length - 1).toBe(written);
    expect(countSamples(groups, plan, range)).toBe(written);
    // The count is dense over the 2 h (240 samples), the bucket over its 5 min + 10 min (31, both
    // ends), the sum, which nothing reads over a range, over the 10 min margin (21).
    expect(written).toBe(240 + 31 + 21);
  });
});

describe("bench:scale history by label matchers and files", () => {
  it("stores a series only as far back as the selectors that match its labels read it", () => {
    const counts = (): Group => ({
      prefixes: ['c_count{code="200"} ', 'c_count{code="503"} '], history: "short",
      values: (t, out) => { out[0] = t; out[1] = t / 100; },
    });
    const { groups } = byReaders([counts()], { panels: [], rules: ['increase(c_count{code=~"5.."}[6h])', "rate(c_count[5m])"] }, 600);
    const back = new Map(groups.map((g) => [g.prefixes.join(""), g.back]));
    expect(back.get('c_count{code="503"} ')).toBe(6 * 3600 + 600);
    expect(back.get('c_count{code="200"} ')).toBe(300 + 600);
  });

  it("cuts sparse stretches into large epoch-aligned windows and keeps dense ones at 2 h", () => {
    const g = (history: Group["history"]): Group => ({ prefixes: ["x{} "], history, values: (_t, out) => { out[0] = 1; } });
    const end = 486 * 3600 * 2000; // aligned to every window size
    const p: Plan = { end, denseFrom: end - 6 * 3600, step: 30, tailStep: 300, longDense: 86_400, tail: 30 * 86_400, day: 86_400 };
    const range = { from: end - p.tail, to: end };
    const all = files([g("long"), g("short")], p, range);
    // Contiguous, each aligned to its own window size, and holding every sample exactly once.
    all.forEach((f, i) => { expect(f.from % 7200 === 0 || i === 0).toBe(true); if (i > 0) expect(f.from).toBe(all[i - 1]!.to); });
    all.slice(1).forEach((f) => expect(f.from % f.block!).toBe(0));
    expect(all.length).toBeLessThan(20);
    expect(Math.max(...all.map((f) => f.block!))).toBe(486 * 3600);
    // With a cap of one 2 h window of dense data, the last day is cut at 2 h.
    const small = files([g("long"), g("short")], p, range, 240);
    expect(small.filter((f) => f.from >= end - 6 * 3600 && f.from < end).every((f) => f.block === 7200)).toBe(true);
  });
});
