import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { compiledEntry } from "../../../scripts/lib/compiled.mjs";
import { repoRoot } from "../../../scripts/lib/options.ts";

const ENTRY = "exporters/main.ts";
const metaOf = (bundle: string) => bundle.replace(/\.mjs$/, ".inputs.json");
type Meta = { entry: string; stamps: Record<string, [number, number] | null> };

describe("compiled entries (scripts/lib/compiled.mjs)", () => {
  it("record every source of the exporter and the lock file, and are reused while none changed", async () => {
    const bundle = await compiledEntry(ENTRY);
    const meta = JSON.parse(fs.readFileSync(metaOf(bundle), "utf8")) as Meta;
    expect(meta.entry).toBe(ENTRY);
    expect(Object.keys(meta.stamps)).toEqual(expect.arrayContaining([ENTRY, "exporters/config.ts", "catalog/business-events.ts", "package-lock.json"]));
    const built = fs.statSync(bundle).mtimeMs;
    expect(await compiledEntry(ENTRY)).toBe(bundle);
    expect(fs.statSync(bundle).mtimeMs).toBe(built);
  });

  it("are rebuilt when a source's modification time or size differs from the build's", async () => {
    const bundle = await compiledEntry(ENTRY);
    const metaFile = metaOf(bundle);
    const meta = JSON.parse(fs.readFileSync(metaFile, "utf8")) as Meta;
    meta.stamps["exporters/config.ts"] = [0, 1]; // as if config.ts had been edited since
    fs.writeFileSync(metaFile, JSON.stringify(meta));
    const before = fs.readFileSync(bundle, "utf8");
    await compiledEntry(ENTRY);
    const st = fs.statSync(path.join(repoRoot(), "exporters", "config.ts"));
    const rebuilt = JSON.parse(fs.readFileSync(metaFile, "utf8")) as Meta;
    expect(rebuilt.stamps["exporters/config.ts"]).toEqual([st.mtimeMs, st.size]);
    expect(fs.readFileSync(bundle, "utf8")).toBe(before); // the same sources give the same output
  });

  it("build once for callers at the same time in one process (two stacks starting together)", async () => {
    const bundle = await compiledEntry(ENTRY);
    const metaFile = metaOf(bundle);
    const meta = JSON.parse(fs.readFileSync(metaFile, "utf8")) as Meta;
    meta.stamps["exporters/config.ts"] = [0, 1]; // stale, so that both callers find it to build
    fs.writeFileSync(metaFile, JSON.stringify(meta));
    const renames = vi.spyOn(fs, "renameSync");
    try {
      expect(await Promise.all([compiledEntry(ENTRY), compiledEntry(ENTRY), compiledEntry(ENTRY)])).toEqual([bundle, bundle, bundle]);
      expect(renames.mock.calls.filter(([, to]) => to === bundle)).toHaveLength(1); // one build, shared
    } finally {
      renames.mockRestore();
    }
    expect(fs.readdirSync(path.dirname(bundle)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
