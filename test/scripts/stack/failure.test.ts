import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type StackUrls, portsClosed, startStack } from "../../../scripts/stack/stack.ts";
import { tempDir } from "../../tempdirs.ts";

describe("live stack start-up failure", () => {
  it("stops the processes it started and names the one that failed, with its log", async () => {
    const dir = tempDir("xinliya-stack-fail-");
    const broken = path.join(dir, "broken-prometheus");
    fs.writeFileSync(broken, "#!/bin/sh\necho 'err=\"unknown flag --web.enable-lifecycle\"' >&2\nexit 1\n", { mode: 0o755 });
    const error = await startStack({ dir: path.join(dir, "run"), basePort: 0, binaries: { prometheus: broken } })
      .then(() => undefined, (e: Error & { urls?: StackUrls }) => e);
    expect(error?.message).toMatch(/^prometheus exited \(code 1\) before it was ready/);
    expect(error?.message).toContain("unknown flag --web.enable-lifecycle");
    // The error carries the stack's URLs: none is left open.
    expect(Object.keys(error?.urls ?? {})).toContain("prometheus");
    expect(await portsClosed(error!.urls!)).toBe(true);
  }, 30_000);
});
