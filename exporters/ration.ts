// Scrape answers rationed per turn of the event loop, so that a scrape flood cannot take the
// thread from the POSTs (issue 11: ingest under a 10-scraper flood ≥ 50 % of its rate without).
// A scrape costs the thread about two single-event POSTs (123 µs vs 59 µs of server CPU in the
// bench: the ~15 kB gzip answer through the loopback is mostly the kernel's send), and Node
// answers whatever is ready in each turn of the loop, so 10 scrapers asking back to back took a
// large share of the thread from 20 posting connections (37 % of the ingest rate was left in
// round 2's bench, whose scrapers also shared the bench's one thread with the posting client).
// Now at most `perTurn` scrape answers (SCRAPES_PER_TURN) are written at once; the next ones
// wait for the following turn (setImmediate), after the POSTs that arrived meanwhile. When no
// POST arrives a turn is a few µs, so scrapes alone lose nothing; a legitimate Prometheus (one
// scrape per interval) never waits at all. The queue holds at most one answer per connection
// (a pipelined scrape is cut, server.ts). A job must not throw; one whose client left does nothing.

export type Ration = (job: () => void) => void;

export function createRation(perTurn: number): Ration {
  const queue: (() => void)[] = [];
  let head = 0;
  let used = 0;
  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(turn);
  };
  function turn(): void {
    scheduled = false;
    used = 0;
    while (head < queue.length && used < perTurn) {
      const job = queue[head]!;
      queue[head++] = undefined as never;
      used++;
      job();
    }
    if (head === queue.length) {
      queue.length = 0;
      head = 0;
    } else schedule();
  }
  // The count runs from the last turn that served the queue, not from each turn of the loop:
  // resetting it every turn took a setImmediate, so one more turn of the loop, per scrape (as in
  // fair.ts). Still at most `perTurn` answers per turn.
  return (job) => {
    if (head === queue.length && used < perTurn) {
      used++;
      job();
      return;
    }
    queue.push(job);
    schedule();
  };
}
