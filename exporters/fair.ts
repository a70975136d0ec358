// A fair share of the exporter's one thread for POST /v1/events, on both listeners, so that a
// POST flood (a backend gone wrong, a leaked token) can starve neither the scrapes nor the other
// clients' POSTs. Clients are told apart by address, as the connection limits do.
//  1. Admission: a client has at most `perClient` POSTs admitted (body being read, or waiting to
//     be applied) at once. A further POST is parked with its body unread: Node then stops reading
//     that socket (TCP back-pressure), so an admitted flood holds at most `perClient` bodies in
//     memory. Its answer frees the next parked POST of that client. A parked POST still runs
//     into REQUEST_TIMEOUT_MS (408), and at shutdown is answered 503 (`shutting_down`). Node
//     parses pipelined requests before their turn, and each parked one keeps its read buffer
//     (up to 64 kB): beyond `maxParked` parked POSTs (MAX_CONNECTIONS_PER_CLIENT, so a client
//     that does not pipeline is never refused) a client is refused (`overloaded`: server.ts cuts
//     its connections and bans its address for ABUSE_BAN_MS, as for pipelined scrapes).
//  2. The CPU part (JSON.parse, schema, apply) runs at once while nothing waits and less than
//     BUDGET_MS of it ran since the queue was last drained (a turn of the loop at least, so never
//     more than BUDGET_MS per turn); otherwise it is queued, one queue per
//     client, served round robin from setImmediate with the same budget per turn of the loop.
//     Between two turns the loop accepts connections and answers scrapes, so a scrape waits for
//     at most about one budget of POST work, and one client's backlog delays another client's
//     POST by at most one of its jobs.

/** POST work that may run per turn of the event loop before the rest is queued. */
export const BUDGET_MS = 4;
export type Refusal = "overloaded" | "shutting_down";

interface Parked { state: "parked" | "active" | "done"; start: () => void; cancel: (why: Refusal) => void }
interface Client { active: number; parked: Parked[] }

export interface FairGate {
  /** Calls `start` once `client` may have one more POST admitted; `done` must be called once its answer is sent or its connection gone. */
  admit(client: string, start: () => void, refuse: (why: Refusal) => void): () => void;
  /** Runs the CPU part of an admitted POST, now or in turn. */
  run(client: string, job: () => void): void;
  /** Shutdown: every parked POST is refused (answered 503 by its caller). */
  close(): void;
  /** POSTs parked and jobs queued now (tests). */
  backlog(): { parked: number; queued: number };
}

export function createFairGate(perClient: number, maxParked: number, budgetMs = BUDGET_MS, clock: () => number = () => performance.now()): FairGate {
  const clients = new Map<string, Client>();
  const queue = new Map<string, (() => void)[]>();
  let spent = 0;
  let scheduled = false;
  let closed = false;

  const timed = (job: () => void) => {
    const t = clock();
    try {
      job();
    } finally {
      spent += clock() - t;
    }
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(drain);
  };
  function drain(): void {
    scheduled = false;
    spent = 0;
    while (queue.size > 0 && spent < budgetMs) {
      const [client, jobs] = queue.entries().next().value as [string, (() => void)[]];
      const job = jobs.shift()!;
      // To the back of the round.
      queue.delete(client);
      if (jobs.length > 0) queue.set(client, jobs);
      timed(job);
    }
    if (queue.size > 0 || spent > 0) schedule();
  }

  const forget = (name: string, c: Client) => {
    if (c.active === 0 && c.parked.length === 0) clients.delete(name);
  };
  const release = (name: string, c: Client) => {
    c.active--;
    while (c.active < perClient && c.parked.length > 0) {
      const next = c.parked.shift()!;
      c.active++;
      next.state = "active";
      next.start();
    }
    forget(name, c);
  };

  return {
    admit(name, start, cancel) {
      let c = clients.get(name);
      if (c === undefined) clients.set(name, (c = { active: 0, parked: [] }));
      const client = c;
      const entry: Parked = { state: "parked", start, cancel };
      if (closed || client.parked.length >= maxParked) {
        entry.state = "done";
        forget(name, client);
        cancel(closed ? "shutting_down" : "overloaded");
      } else if (client.active < perClient) {
        client.active++;
        entry.state = "active";
        start();
      } else client.parked.push(entry);
      return () => {
        if (entry.state === "active") release(name, client);
        else if (entry.state === "parked") {
          // Its connection went away before its turn.
          client.parked.splice(client.parked.indexOf(entry), 1);
          forget(name, client);
        }
        entry.state = "done";
      };
    },
    run(client, job) {
      // The budget is counted from the last drain, not reset each turn: resetting it took a
      // setImmediate, and so one more turn of the loop, per turn with a POST (paired on the loaded
      // machine, 6 rounds of 6: 70 → 60 µs of server CPU per single event). Once it is spent, the next job is queued and the
      // drain one turn later starts it afresh: still at most BUDGET_MS of POST work per turn.
      if (queue.size === 0 && spent < budgetMs) {
        timed(job);
        return;
      }
      const jobs = queue.get(client);
      if (jobs === undefined) queue.set(client, [job]);
      else jobs.push(job);
      schedule();
    },
    close() {
      closed = true;
      for (const [name, c] of clients) {
        const parked = c.parked;
        c.parked = [];
        for (const p of parked) {
          p.state = "done";
          p.cancel("shutting_down");
        }
        forget(name, c);
      }
    },
    backlog() {
      let parked = 0;
      for (const c of clients.values()) parked += c.parked.length;
      let queued = 0;
      for (const jobs of queue.values()) queued += jobs.length;
      return { parked, queued };
    },
  };
}
