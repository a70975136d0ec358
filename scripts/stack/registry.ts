// Every stack of this process, started or still starting, so that a test whose set-up timed out or
// failed halfway does not leave Prometheus, PostgreSQL and the rest running (test/setup.ts stops
// them after each file). `npm start` stops its one stack itself.

import { stopEveryProcess } from "./processes.ts";

interface Stoppable {
  stop(): Promise<void>;
}

const live = new Set<Stoppable>();
const starting = new Set<Promise<unknown>>();

/** Records a start under way, and the stack once it runs; its `stop` becomes idempotent. */
export async function registered<T extends Stoppable>(start: Promise<T>): Promise<T> {
  starting.add(start);
  try {
    const stack = await start;
    const stop = stack.stop.bind(stack);
    let stopping: Promise<void> | undefined;
    stack.stop = () => (stopping ??= stop().finally(() => live.delete(stack)));
    live.add(stack);
    return stack;
  } finally {
    starting.delete(start);
  }
}

/** How long a start under way may still take before its processes are stopped without it. */
const START_GRACE_MS = 60_000;

/**
 * Waits for the starts under way (at most a minute), stops every stack still running, then every
 * managed process still running: those of a start that hangs, or that failed halfway.
 */
export async function stopEveryStack(): Promise<void> {
  const grace = new Promise<void>((r) => setTimeout(r, START_GRACE_MS).unref());
  await Promise.race([Promise.allSettled([...starting]), grace]);
  await Promise.allSettled([...live].map((s) => s.stop()));
  await stopEveryProcess();
}
