// Polling helpers shared by the live-stack tests: wait for a condition on a running stack, and
// read a JSON answer of its HTTP APIs.

export interface WaitOptions {
  /** Time between two probes. */
  everyMs?: number;
  /** Treat a probe that throws (a peer not answering yet, a killed process) as "not yet". */
  ignoreErrors?: boolean;
  /** On a timeout, what the system looked like (diagnose.ts), added to the error. */
  explain?: () => Promise<string>;
}

/** The first truthy value of `probe`, polled until `timeoutMs`; then an error naming `what`. */
export async function waitFor<T>(
  what: string, timeoutMs: number, probe: () => T | undefined | Promise<T | undefined>, o: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = o.ignoreErrors ? await Promise.resolve().then(probe).catch(() => undefined) : await probe();
    if (value) return value;
    if (Date.now() > deadline) {
      const state = o.explain ? `\n  ${await o.explain().catch((e: Error) => `(no diagnosis: ${e.message})`)}` : "";
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${state}`);
    }
    await new Promise((r) => setTimeout(r, o.everyMs ?? 500));
  }
}

/** The JSON body of a successful answer; any other status throws with the URL and the body. */
export async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return await res.json() as T;
}
