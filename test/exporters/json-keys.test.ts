// The duplicate-key check (exporters/json-keys.ts): the fast count of `":` against the parsed
// keys, and the exact scan it falls back to.
import { describe, expect, it } from "vitest";
import { duplicateKey, duplicateKeyFast, quoteColons } from "../../exporters/json-keys.ts";

const keys = (v: unknown): number => (Array.isArray(v) ? v.reduce((n: number, x) => n + keys(x), 0)
  : typeof v === "object" && v !== null ? Object.entries(v).reduce((n, [, x]) => n + 1 + keys(x), 0) : 0);

describe("duplicate JSON keys", () => {
  it("counts every \": of the text, at the start, the end and side by side", () => {
    expect(quoteColons("")).toBe(0);
    expect(quoteColons(":\":")).toBe(1);
    expect(quoteColons("{\"a\":1,\"b\":\":\"}")).toBe(3);
    expect(quoteColons("\"::\":")).toBe(2);
  });
  it("finds no duplicate in a body without one, on the fast path and the exact one", () => {
    for (const text of ["{\"type\":\"auth\",\"outcome\":\"success\"}", "{\"events\":[{\"type\":\"a\"},{\"type\":\"b\"}]}", "{\"a\" : 1, \"b\":\"x\\\":\"}"]) {
      expect(duplicateKeyFast(text, keys(JSON.parse(text))), text).toBeNull();
      expect(duplicateKey(text), text).toBeNull();
    }
  });
  it("names the duplicated key, even when spacing or a value hides it from the count", () => {
    for (const [text, key] of [["{\"outcome\":\"success\",\"outcome\":\"failure\"}", "outcome"], ["{\"a\" :1,\"a\":\"\\\":\"}", "a"],
      ["{\"events\":[{\"type\":\"x\",\"type\":\"y\"}]}", "type"]] as const) {
      expect(duplicateKeyFast(text, keys(JSON.parse(text))), text).toBe(key);
    }
  });
});
