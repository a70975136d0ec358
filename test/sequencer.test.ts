import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../scripts/lib/options.ts";
import { LONG_FILES } from "./sequencer.ts";

describe("the test sequencer", () => {
  it("names only test files that exist, each once (a renamed file would silently start late)", () => {
    expect(new Set(LONG_FILES).size).toBe(LONG_FILES.length);
    const missing = LONG_FILES.filter((f) => !fs.existsSync(path.join(repoRoot(), f)));
    expect(missing).toEqual([]);
  });
});
