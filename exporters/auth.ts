// Bearer-token check for POST /v1/events. Both sides are hashed to 32 bytes and compared with
// crypto.timingSafeEqual, so the time taken depends neither on where the first difference is
// nor on the length of the token that was sent.
import crypto from "node:crypto";

export type Authorizer = (authorization: string | undefined) => boolean;

const digest = (s: string) => crypto.createHash("sha256").update(s, "utf8").digest();

/** `null` token: authentication is off (EXPORTER_ALLOW_NO_AUTH=1) and every request passes. */
export function createAuthorizer(token: string | null): Authorizer {
  if (token === null) return () => true;
  const expected = digest(token);
  return (authorization) => {
    const header = authorization ?? "";
    const sent = header.startsWith("Bearer ") ? header.slice(7) : "";
    // Always hash and compare, even for a missing header, so every failure costs the same.
    const match = crypto.timingSafeEqual(digest(sent), expected);
    return match && sent.length > 0;
  };
}
