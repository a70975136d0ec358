// The stack's lifecycle, run as a user runs it: its own process group, signals sent to the group
// as a terminal sends them (Ctrl-C; the terminal closing, SIGHUP, to which Prometheus and
// Alertmanager only reload). Ports are the kernel's (--base-port 0), the run folders temporary.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { committedDir } from "../../../scripts/lib/destination.ts";
import { isListening } from "../../../scripts/stack/ports.ts";
import { STOP_SIGNALS, duplicateWindowMs, stopOnSignals } from "../../../scripts/stack/run.ts";
import type { Stack } from "../../../scripts/stack/stack.ts";
import { scenarios } from "../../../scripts/stack/scenarios.ts";
import { tempDir } from "../../tempdirs.ts";
import { printedPorts, spawnCommand } from "./spawn.ts";

async function openPorts(ports: number[]): Promise<number[]> {
  const open = await Promise.all(ports.map(async (p) => ((await isListening(p)) ? p : 0)));
  return open.filter(Boolean);
}

describe("stack lifecycle", () => {
  for (const [what, signals] of [["SIGHUP (the terminal closed)", ["SIGHUP"]]] as const) {
    it(`stops everything on ${what} and checks that nothing is left`, async () => {
      const run = spawnCommand("scripts/stack/main.ts", ["--base-port", "0"], { XINLIYA_STACK_ROOT: tempDir("xinliya-life-") });
      const banner = await run.waitFor("Press Ctrl-C to stop.", 40_000);
      const ports = printedPorts(banner);
      expect(ports.length).toBeGreaterThanOrEqual(7);
      expect(await openPorts(ports)).toEqual(ports);
      for (const s of signals) {
        process.kill(-run.child.pid!, s);
      }
      await run.closed;
      expect(run.out()).toContain(`${signals[0]}: stopping the live stack`);
      expect(run.out()).toContain("Stopped: no process and no port left.");
      expect(await openPorts(ports)).toEqual([]);
    }, 60_000);
  }

  it("kills what is left on a second Ctrl-C during a slow stop, and still runs the check", async () => {
    const lines: string[] = [];
    let release: () => void = () => undefined;
    const child = { running: true, spec: { name: "slow" }, pid: 1 };
    const stack = {
      processes: [child], urls: {},
      stop: () => new Promise<void>((r) => { release = r; }),
      kill: async () => { child.running = false; release(); },
    } as unknown as Stack;
    const done = stopOnSignals(stack, (l) => lines.push(l));
    process.emit("SIGINT", "SIGINT");
    process.emit("SIGINT", "SIGINT"); // the same press, relayed by tsx: ignored
    expect(lines.join("\n")).not.toContain("again");
    await new Promise((r) => setTimeout(r, duplicateWindowMs() + 100));
    process.emit("SIGINT", "SIGINT"); // the second press
    expect(await done).toBe(true);
    expect(lines.join("\n")).toMatch(/SIGINT: stopping[\s\S]*SIGINT again: killing what is left now[\s\S]*Stopped: no process and no port left\./);
    for (const s of STOP_SIGNALS) expect(process.listenerCount(s), s).toBe(0);
  });

  it("refuses an unknown --scenario at once, with the valid names, before generate and check", async () => {
    const root = tempDir("xinliya-life-");
    const run = spawnCommand("scripts/start.ts", ["--scenario", "latency-spik"], { XINLIYA_STACK_ROOT: root });
    await run.closed;
    expect(run.child.exitCode).toBe(1);
    expect(run.out()).toContain('unknown scenario "latency-spik"');
    for (const name of Object.keys(scenarios())) expect(run.out()).toContain(name);
    expect(run.out()).not.toContain("Generated");
    expect(run.out()).not.toContain("Checks:");
    expect(fs.readdirSync(root)).toEqual([]);
  }, 30_000);

  it("renders --env staging into the run folder and leaves generated/ alone", async () => {
    const root = tempDir("xinliya-life-");
    const before = fs.statSync(committedDir()).ino;
    const run = spawnCommand("scripts/start.ts", ["--env", "staging", "--locale", "en", "--no-stack"], { XINLIYA_STACK_ROOT: root });
    await run.closed;
    expect(run.out()).toContain("Every check passed");
    // promtool's unit tests ran on the English text here (test/alerts/locale.test.ts relies on it).
    expect(run.out()).toMatch(/^ok\s+promtool check rules \/ test rules \/ check config/m);
    expect(run.child.exitCode).toBe(0);
    expect(fs.statSync(committedDir()).ino).toBe(before);
    const [folder] = fs.readdirSync(root);
    const promYml = fs.readFileSync(path.join(root, folder!, "bundle", "prometheus", "prometheus.yml"), "utf8");
    expect(promYml).toContain("staging-app-1:9100");
    expect(fs.readFileSync(path.join(committedDir(), "prometheus", "prometheus.yml"), "utf8")).not.toContain("staging-app-1");
  }, 240_000); // npm start renders and runs every check, promtool's unit tests included
});
