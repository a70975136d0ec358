import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isListening } from "../../../scripts/stack/ports.ts";
import { startStack } from "../../../scripts/stack/stack.ts";
import { tempDir } from "../../tempdirs.ts";

describe("live stack start-up failure", () => {
  it("stops the processes it started and names the one that failed, with its log", async () => {
    const dir = tempDir("xinliya-stack-fail-");
    const broken = path.join(dir, "broken-prometheus");
    fs.writeFileSync(broken, "#!/bin/sh\necho 'err=\"unknown flag --web.enable-lifecycle\"' >&2\nexit 1\n", { mode: 0o755 });
    const error = await startStack({ dir: path.join(dir, "run"), basePort: 19400, binaries: { prometheus: broken } })
      .then(() => undefined, (e: Error) => e);
    expect(error?.message).toMatch(/^prometheus exited \(code 1\) before it was ready/);
    expect(error?.message).toContain("unknown flag --web.enable-lifecycle");
    // The first ports from 19400 were the stack's: none is left open.
    for (let port = 19400; port < 19407; port++) expect(await isListening(port), `port ${port}`).toBe(false);
  }, 30_000);
});
