// Every stack of this process, started or still starting, so that a test whose set-up timed out or
// failed halfway does not leave Prometheus, PostgreSQL and the rest running (test/setup.ts stops
// them after each file). `npm start` stops its one stack itself.

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

/** Waits for the starts under way, then stops every stack still running. */
export async function stopEveryStack(): Promise<void> {
  await Promise.allSettled([...starting]);
  await Promise.allSettled([...live].map((s) => s.stop()));
}
