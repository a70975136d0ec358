// toYaml reuses a dump by identity (scripts/render/yaml.ts): what it answers must be what js-yaml
// would have answered for that very value, and a value js-yaml refuses stays refused.
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { GENERATED_HEADER, toYaml } from "../../scripts/render/yaml.ts";

const direct = (v: unknown) => GENERATED_HEADER + yaml.dump(v, { lineWidth: -1, noRefs: true, sortKeys: false, quotingType: '"' });

describe("toYaml", () => {
  it("answers js-yaml's dump for values whose JSON is the same", () => {
    // Each pair has one JSON text; js-yaml writes each member differently.
    const lookalikes: unknown[] = [
      { x: null }, { x: Number.NaN }, { x: Infinity }, { x: -Infinity }, { x: 0 }, { x: -0 },
      { x: "\u0000u" }, { x: "\u0000n-0" }, { x: "2026-12-01T00:00:00.000Z" }, { x: new Date("2026-12-01T00:00:00Z") },
      [1, "1"], ["1", 1], { a: 1, b: 2 }, { b: 2, a: 1 },
    ];
    for (const v of lookalikes) expect({ v, out: toYaml(v) }).toEqual({ v, out: direct(v) });
    // Asked again, in another order: the reused answers are still each value's own.
    for (const v of [...lookalikes].reverse()) expect(toYaml(v)).toBe(direct(v));
    expect(new Set(lookalikes.map(toYaml)).size).toBe(new Set(lookalikes.map(direct)).size);
  });

  it("still refuses what js-yaml refuses, after a lookalike was dumped", () => {
    expect(toYaml({ a: 1 })).toBe(direct({ a: 1 }));
    // js-yaml leaves an undefined field out, as JSON does.
    expect(toYaml({ a: 1, b: undefined })).toBe(direct({ a: 1, b: undefined }));
    for (const bad of [{ a: 1, f: () => 1 }, { a: 1, m: new Map() }]) {
      expect(() => direct(bad)).toThrow();
      expect(() => toYaml(bad)).toThrow();
      expect(() => toYaml(bad)).toThrow();
    }
  });
});
