import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exporterBundle } from "../../../scripts/lib/exporter-bundle.mjs";

const manifestOf = (bundle: string) => path.join(path.dirname(bundle), "exporter.inputs.json");

describe("the compiled exporter (scripts/lib/exporter-bundle.mjs)", () => {
  it("is built from every source of exporters/main.ts, and reused while none changed", () => {
    const bundle = exporterBundle();
    const inputs = JSON.parse(fs.readFileSync(manifestOf(bundle), "utf8")) as Record<string, string>;
    expect(Object.keys(inputs)).toContain("exporters/main.ts");
    expect(Object.keys(inputs)).toContain("catalog/business-events.ts");
    expect(Object.keys(inputs).some((f) => f.includes("node_modules"))).toBe(false); // packages stay external
    const built = fs.statSync(bundle).mtimeMs;
    expect(exporterBundle()).toBe(bundle);
    expect(fs.statSync(bundle).mtimeMs).toBe(built);
  });

  it("is rebuilt when the content of one of its sources differs from what it was built from", () => {
    const bundle = exporterBundle();
    const manifest = manifestOf(bundle);
    const inputs = JSON.parse(fs.readFileSync(manifest, "utf8")) as Record<string, string>;
    inputs["exporters/config.ts"] = "0".repeat(64); // as if config.ts had been edited since
    fs.writeFileSync(manifest, JSON.stringify(inputs));
    const before = fs.readFileSync(bundle, "utf8");
    exporterBundle();
    const rebuilt = JSON.parse(fs.readFileSync(manifest, "utf8")) as Record<string, string>;
    expect(rebuilt["exporters/config.ts"]).toMatch(/^[0-9a-f]{64}$/);
    expect(rebuilt["exporters/config.ts"]).not.toBe("0".repeat(64));
    expect(fs.readFileSync(bundle, "utf8")).toBe(before); // same sources, same output
  });
});
