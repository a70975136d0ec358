// A stack on kernel-picked ports retries its start when a port was taken between the pick and the
// bind (scripts/stack/stack.ts). PostgreSQL says so in its log, with a capital A, and a start that
// missed it failed in a fresh-clone run instead of retrying.
import { describe, expect, it } from "vitest";
import { portTaken } from "../../../scripts/stack/stack.ts";

describe("a start that lost its port", () => {
  it("is recognised from Node's error, a Go server's and PostgreSQL's log", () => {
    expect(portTaken("listen EADDRINUSE: address already in use 127.0.0.1:40111")).toBe(true);
    expect(portTaken("prometheus exited (code 1) before it was ready\n… listen tcp 127.0.0.1:38001: bind: address already in use")).toBe(true);
    expect(portTaken('postgresql exited (code 1) before it was ready\n… LOG:  could not bind IPv4 address "127.0.0.1": Address already in use')).toBe(true);
  });

  it("is not confused with another failure", () => {
    expect(portTaken("prometheus exited (code 1) before it was ready\n… error loading config file")).toBe(false);
  });
});
