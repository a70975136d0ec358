// The main job of `npm start`: run the live stack, print where everything is, stop on Ctrl-C,
// SIGTERM or SIGHUP (the terminal closed). A second signal kills what is left at once, and the
// check that no process and no port remain runs in every case.
import path from "node:path";
import type { Locale } from "../../catalog/types.ts";
import { scenario as scenarioByName } from "./scenarios.ts";
import { portsClosed, startStack, type Stack } from "./stack.ts";
import { stackBanner } from "./banner.ts";
import { startStackReports } from "./reports.ts";

export const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** Signals this close to the first are the same press (relayed by tsx), not a second Ctrl-C. */
export function duplicateWindowMs(): number {
  return 500;
}

/** Prints, and never throws: after SIGHUP the terminal may be gone (EIO, EPIPE). */
export function safePrint(line: string): void {
  try {
    process.stdout.write(`${line}\n`);
  } catch {
    // the terminal is closed: stopping matters more than telling
  }
}

export interface RunOptions {
  scenario: string;
  locale: Locale;
  basePort: number;
  /** The run folder (scripts/stack/runs.ts). */
  dir: string;
}

/** Stops `stack` on the first signal; the second kills; resolves with true when nothing is left. */
export function stopOnSignals(stack: Stack, print = safePrint, before: () => void = () => undefined): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    let signals = 0;
    let first = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      // tsx relays the terminal's Ctrl-C to us a second time within milliseconds: one press, one signal.
      if (signals > 0 && Date.now() - first < duplicateWindowMs()) return;
      signals++;
      if (signals === 1) {
        first = Date.now();
        before();
        print(`\n${signal}: stopping the live stack ...`);
        void stack.stop().then(async () => {
          for (const s of STOP_SIGNALS) process.off(s, onSignal);
          const clean = stack.processes.every((p) => !p.running) && (await portsClosed(stack.urls));
          print(clean ? "Stopped: no process and no port left." : `Stopped, but something is left: ${leftovers(stack)}`);
          resolve(clean);
        });
      } else {
        print(`${signal} again: killing what is left now (SIGKILL by process id); the check that nothing is left follows.`);
        void stack.kill();
      }
    };
    for (const s of STOP_SIGNALS) process.on(s, onSignal);
  });
}

function leftovers(stack: Stack): string {
  const procs = stack.processes.filter((p) => p.running).map((p) => `${p.spec.name} (pid ${p.pid})`);
  return procs.length ? procs.join(", ") : `a port of ${Object.values(stack.urls).join(", ")}`;
}

export async function runStackUntilSignal(o: RunOptions): Promise<void> {
  process.stdout.on("error", () => undefined);
  const chosen = scenarioByName(o.scenario); // names the unknown scenario before anything starts
  safePrint(`\nStarting the live stack (scenario ${chosen.name}; data and logs in ${path.relative(process.cwd(), o.dir) || "."}/) ...`);
  const stack = await startStack({ dir: o.dir, scenario: chosen.name, locale: o.locale, basePort: o.basePort, print: safePrint });
  safePrint(stackBanner(stack));
  const reports = startStackReports(stack, o.locale, safePrint);
  const clean = await stopOnSignals(stack, safePrint, () => reports.stop());
  process.exitCode = clean ? 0 : 1;
}
