import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../../scripts/lib/options.ts";
import { tempDir } from "../../helpers.ts";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("managed processes", () => {
  it("do not outlive the Node process that started them, even when it exits without stopping them", async () => {
    const fixture = path.join(repoRoot(), "test", "scripts", "stack", "fixtures", "exit-with-child.ts");
    const r = spawnSync(process.execPath, ["--import", "tsx", fixture, tempDir("xinliya-orphan-")], { cwd: repoRoot(), encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const pid = Number(r.stdout.trim());
    expect(pid).toBeGreaterThan(1);
    const deadline = Date.now() + 5_000;
    while (alive(pid) && Date.now() < deadline) await new Promise((res) => setTimeout(res, 50));
    expect(alive(pid)).toBe(false);
  });
});
