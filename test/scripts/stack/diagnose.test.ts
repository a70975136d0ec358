// A live wait that times out says why (wait.ts `explain`, diagnose.ts), and the diagnosis itself
// never throws: a stack whose servers are gone is described by the errors it gets.
import { describe, expect, it } from "vitest";
import type { Stack } from "../../../scripts/stack/stack.ts";
import { diagnose } from "./diagnose.ts";
import { waitFor } from "./wait.ts";

describe("waitFor's explain", () => {
  it("adds the explanation to the timeout, and says so when the explanation itself fails", async () => {
    await expect(waitFor("a page", 50, () => undefined, { everyMs: 10, explain: async () => "sink: (nothing)" }))
      .rejects.toThrow(/timed out after 50 ms waiting for a page\n {2}sink: \(nothing\)/);
    await expect(waitFor("a page", 50, () => undefined, { everyMs: 10, explain: async () => { throw new Error("boom"); } }))
      .rejects.toThrow(/waiting for a page\n {2}\(no diagnosis: boom\)/);
  });
});

describe("diagnose", () => {
  it("describes a stack whose servers are gone, part by part, and counts what the sink got since", async () => {
    const gone = "http://127.0.0.1:9";
    const alert = (alertname: string) => ({ labels: { alertname }, annotations: {}, status: "firing" });
    const stack = {
      urls: { prometheus: gone, alertmanager: gone },
      sink: { received: [
        { receiver: "sre-chat", alerts: [alert("Old")], at: 1 },
        { receiver: "oncall-primary", alerts: [alert("CrisisWaitingTooLong")], at: 10 },
        { receiver: "oncall-primary", alerts: [alert("CrisisWaitingTooLong")], at: 11 },
      ] },
      processes: [],
      senderFailures: () => ({ events: 2, crises: 3 }),
    } as unknown as Stack;
    const text = await diagnose(stack, 5);
    expect(text).toMatch(/^prometheus alerts: http:\/\/127\.0\.0\.1:9\/api\/v1\/alerts: /);
    expect(text).toMatch(/\n {2}alertmanager alerts: http:\/\/127\.0\.0\.1:9\/api\/v2\/alerts: /);
    expect(text).toContain("sink since the wait's start: CrisisWaitingTooLong(firing)→oncall-primary×2\n");
    expect(text).toMatch(/\n {2}up: http:\/\/127\.0\.0\.1:9\/api\/v1\/query\?query=up: /);
    expect(text).toContain("batches the exporter did not take: events 2, crises 3");
    expect(text).toContain("stack processes running: 0/0");
  });
});
