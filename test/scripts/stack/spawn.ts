// Starts one of our commands (`tsx <script>`) in its own process group, as a terminal would run
// it, and collects its output; the lifecycle tests signal the whole group like a terminal does.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { repoRoot } from "../../../scripts/lib/options.ts";
import { registered } from "../../../scripts/stack/registry.ts";

export interface Spawned {
  child: ChildProcess;
  out: () => string;
  /** Resolves when every holder of the output has closed it (the command and its children). */
  closed: Promise<void>;
  waitFor(text: string | RegExp, timeoutMs: number): Promise<string>;
}

export function spawnCommand(script: string, args: string[], env: Record<string, string>): Spawned {
  const child = spawn(path.join(repoRoot(), "node_modules", ".bin", "tsx"), [script, ...args], {
    cwd: repoRoot(), env: { ...process.env, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout!.on("data", (c: Buffer) => { text += c.toString(); });
  child.stderr!.on("data", (c: Buffer) => { text += c.toString(); });
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  let done = false;
  void closed.then(() => { done = true; });
  // A test that fails or times out before the command ends must not leave it running: after the
  // file, its process group gets SIGTERM, then SIGKILL (test/setup.ts).
  void registered(Promise.resolve({
    stop: async () => {
      if (done || child.pid === undefined) return;
      try { process.kill(-child.pid, "SIGTERM"); } catch { return; }
      await Promise.race([closed, new Promise((r) => setTimeout(r, 15_000))]);
      if (!done) try { process.kill(-child.pid, "SIGKILL"); } catch { /* gone meanwhile */ }
    },
  }));
  return {
    child, out: () => text, closed,
    async waitFor(want, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!(typeof want === "string" ? text.includes(want) : want.test(text))) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${want}; output:\n${text}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      return text;
    },
  };
}

/** Every 127.0.0.1 URL the command printed. */
export function printedPorts(text: string): number[] {
  return [...new Set([...text.matchAll(/http:\/\/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1])))];
}
