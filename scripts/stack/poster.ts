// How the stack's simulators post their event batches to the business exporter: without waiting
// (a tick never queues behind a slow answer), and counting every batch the exporter did not take
// (an answer other than 2xx, or none), which the stack's log and the live tests' diagnosis read.

export interface EventPoster {
  post(events: unknown[]): void;
  /** Batches the exporter did not take so far. */
  failures(): number;
}

export function eventPoster(exporterUrl: string, token?: string): EventPoster {
  const headers: Record<string, string> = { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) };
  let failed = 0;
  return {
    post(events) {
      fetch(`${exporterUrl}/v1/events`, { method: "POST", headers, body: JSON.stringify({ events }) })
        .then((res) => { if (!res.ok) failed++; })
        .catch(() => { failed++; });
    },
    failures: () => failed,
  };
}
