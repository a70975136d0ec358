// The bearer-token check (exporters/auth.ts) on its own: the scheme in any case, then the token
// exactly; every other header, including a token that differs by one character or one length, fails.
import { describe, expect, it } from "vitest";
import { createAuthorizer } from "../../exporters/auth.ts";

const TOKEN = "test-token-0123456789abcdef";

describe("createAuthorizer", () => {
  const ok = createAuthorizer(TOKEN);
  it("accepts the token after Bearer in any case, with one or more spaces", () => {
    for (const h of [`Bearer ${TOKEN}`, `bearer ${TOKEN}`, `BEARER ${TOKEN}`, `BeArEr   ${TOKEN}`]) expect(ok(h), h).toBe(true);
  });
  it("refuses every other header", () => {
    const other = [undefined, "", "Bearer", "Bearer ", TOKEN, `Basic ${TOKEN}`, `Bearer${TOKEN}`, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`,
      `Bearer ${TOKEN.slice(0, -1)}X`, `Bearer X${TOKEN.slice(1)}`, `Bearer ${TOKEN} `, `Bearer\t${TOKEN}`, `Bearær ${TOKEN}`, `Bearer ${TOKEN.slice(0, -1)}é`];
    for (const h of other) expect(ok(h), String(h)).toBe(false);
  });
  it("lets everything through when authentication is off (null token)", () => {
    expect(createAuthorizer(null)(undefined)).toBe(true);
  });
});
