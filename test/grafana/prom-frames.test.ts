// Our reproduction of the Prometheus datasource's frames (scripts/grafana/prom-frames.ts) against
// the library's own behaviour: the output of @grafana/prometheus 13.2.3 transformV2 on the same
// cases, recorded by scripts/grafana/record-transform-fixture.ts.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { panelFrames, sampleValue } from "../../scripts/grafana/prom-frames.ts";
import { plainFrames, transformCases } from "../../scripts/grafana/transform-cases.ts";

const fixture = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "fixtures/transform-v2.json"), "utf8")) as {
  library: string;
  cases: { name: string; frames: unknown[] }[];
};

describe("Prometheus answers as data frames", () => {
  it("were recorded from the pinned Grafana version", () => {
    expect(fixture.library).toBe("@grafana/prometheus 13.2.3");
    expect(fixture.cases.map((c) => c.name)).toEqual(transformCases().map((c) => c.name));
  });

  for (const c of transformCases()) {
    it(`match @grafana/prometheus transformV2: ${c.name}`, () => {
      const ours = plainFrames(panelFrames(c.targets, new Map(Object.entries(c.answers))));
      const theirs = fixture.cases.find((x) => x.name === c.name)!.frames;
      expect(JSON.parse(JSON.stringify(ours))).toEqual(theirs);
    });
  }

  it("names a one-query table's value field Value, and Value #<refId> only with several queries", () => {
    const [one, two] = transformCases();
    const names = (c: typeof one) => panelFrames(c!.targets, new Map(Object.entries(c!.answers))).flatMap((f) => f.fields.map((x) => x.name));
    expect(names(one)).toContain("Value");
    expect(names(one)).not.toContain("Value #A");
    expect(names(two)).toEqual(expect.arrayContaining(["Value #A", "Value #B"]));
  });

  it("reads Prometheus' sample strings", () => {
    expect(sampleValue("NaN")).toBeNaN();
    expect(sampleValue("+Inf")).toBe(Infinity);
    expect(sampleValue("-Inf")).toBe(-Infinity);
    expect(sampleValue("0.995")).toBe(0.995);
  });
});
