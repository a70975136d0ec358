// The simulators' poster (scripts/stack/poster.ts): batches go out as the exporter's API wants them,
// and every batch the exporter did not take is counted, whether refused or never answered.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { eventPoster } from "../../../scripts/stack/poster.ts";
import { waitFor } from "./wait.ts";

const got: { body: unknown; auth?: string; type?: string }[] = [];
const server = http.createServer((req, res) => {
  let text = "";
  req.on("data", (c) => { text += c; });
  req.on("end", () => {
    got.push({ body: JSON.parse(text), auth: req.headers.authorization, type: req.headers["content-type"] });
    res.writeHead(got.length === 1 ? 204 : 400).end();
  });
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("eventPoster", () => {
  it("posts { events } with the token, and counts the refused batch and the one nobody answered", async () => {
    const poster = eventPoster(url, "t0k");
    poster.post([{ type: "usage_reminder" }]);
    await waitFor("the first answer", 5000, () => got.length === 1 || undefined);
    poster.post([{ type: "long_sessions", count: 4 }]);
    await waitFor("the second answer", 5000, () => poster.failures() === 1 || undefined);
    expect(got).toEqual([
      { body: { events: [{ type: "usage_reminder" }] }, auth: "Bearer t0k", type: "application/json" },
      { body: { events: [{ type: "long_sessions", count: 4 }] }, auth: "Bearer t0k", type: "application/json" },
    ]);
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const gone = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((r) => closed.close(() => r()));
    const nobody = eventPoster(gone);
    nobody.post([]);
    await waitFor("the refused connection", 5000, () => nobody.failures() === 1 || undefined);
    expect(poster.failures()).toBe(1);
  });
});
