import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { destinationProblem, startDestination } from "../../../scripts/lib/destination.ts";
import { parseCliOptions } from "../../../scripts/lib/options.ts";
import { freePorts, isListening } from "../../../scripts/stack/ports.ts";
import { keptRuns, newRunDir, pruneRuns } from "../../../scripts/stack/runs.ts";
import { tempDir } from "../../tempdirs.ts";

function runFolder(root: string, minute: number): string {
  const dir = path.join(root, `2026-12-01T07-${String(minute).padStart(2, "0")}-00-000Z`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "prometheus.log"), "x");
  return dir;
}

describe(".stack retention", () => {
  it(`keeps the last ${keptRuns()} runs, this one included, and never a folder whose stack still runs`, () => {
    const root = tempDir("xinliya-runs-");
    const folders = Array.from({ length: keptRuns() + 3 }, (_, i) => runFolder(root, i));
    const sleeper = spawn("sleep", ["30"], { stdio: "ignore" });
    try {
      fs.writeFileSync(path.join(folders[0]!, "pid"), `${sleeper.pid}\n`); // the oldest still runs
      fs.writeFileSync(path.join(folders[1]!, "pid"), "999999999\n"); // a stack that is gone
      const { dir, removed } = newRunDir(root, new Date("2026-12-01T08:00:00Z"));
      expect(removed.sort()).toEqual(folders.slice(1, 4).sort());
      const left = fs.readdirSync(root).sort();
      expect(left).toEqual([folders[0]!, ...folders.slice(4), dir].map((f) => path.basename(f)).sort());
      expect(left.length - 1).toBe(keptRuns()); // the running one is kept on top
      expect(fs.readFileSync(path.join(dir, "pid"), "utf8").trim()).toBe(String(process.pid));
      expect(pruneRuns(path.join(root, "missing"), 1)).toEqual([]);
    } finally {
      sleeper.kill("SIGKILL");
    }
  });
});

describe("where npm start writes", () => {
  it("writes only the production zh bundle to generated/, any other into the run folder", () => {
    const prod = parseCliOptions([]);
    expect(destinationProblem(prod)).toBeUndefined();
    expect(startDestination(prod, "/run")).toBe(prod.out);
    for (const argv of [["--env", "staging"], ["--locale", "en"], ["--env", "local", "--locale", "en"]]) {
      const o = parseCliOptions(argv);
      expect(destinationProblem(o), argv.join(" ")).toMatch(/^generated\/ holds only the committed bundle.*needs --out DIR/);
      expect(startDestination(o, "/run")).toBe("/run/bundle");
      const elsewhere = parseCliOptions([...argv, "--out", "/tmp/x"]);
      expect(startDestination(elsewhere, "/run")).toBe("/tmp/x");
    }
  });
});

describe("ports for tests", () => {
  it("takes distinct ports from the kernel with base port 0", async () => {
    const ports = await freePorts(8, 0);
    expect(new Set(ports).size).toBe(8);
    for (const p of ports) expect(await isListening(p)).toBe(false);
  });
});
