import { describe, expect, it } from "vitest";
import { runTool } from "../../../scripts/check/tools.ts";
import { GO_GC_PERCENT, GO_MAX_PROCS, goRuntimeEnv } from "../../../scripts/lib/go-runtime.ts";
import { ManagedProcess } from "../../../scripts/stack/processes.ts";
import { tempDir } from "../../tempdirs.ts";
import fs from "node:fs";
import path from "node:path";

describe("the Go runtime settings of the programs we start", () => {
  it("are ours unless the environment already sets them", () => {
    expect(goRuntimeEnv({})).toEqual({ GOGC: String(GO_GC_PERCENT), GOMAXPROCS: String(GO_MAX_PROCS) });
    expect(goRuntimeEnv({ GOGC: "100", GOMAXPROCS: "2" })).toEqual({ GOGC: "100", GOMAXPROCS: "2" });
  });

  it("reach a process of the local stack, and its own environment still wins", async () => {
    const log = path.join(tempDir("xinliya-go-env-"), "env.log");
    const p = ManagedProcess.start({ name: "env", command: "/usr/bin/env", args: [], logFile: log, env: { GOMAXPROCS: "2" }, ready: async () => true });
    await new Promise<void>((resolve) => p.child.once("exit", () => resolve()));
    const lines = fs.readFileSync(log, "utf8").split("\n");
    expect(lines).toContain(`GOGC=${process.env.GOGC ?? GO_GC_PERCENT}`);
    expect(lines).toContain("GOMAXPROCS=2");
  });

  it("reach the tools that check runs (promtool, amtool)", () => {
    const lines = runTool("/usr/bin/env", [], tempDir("xinliya-go-env-")).output.split("\n");
    expect(lines).toContain(`GOGC=${process.env.GOGC ?? GO_GC_PERCENT}`);
    expect(lines).toContain(`GOMAXPROCS=${process.env.GOMAXPROCS ?? GO_MAX_PROCS}`);
  });
});
