// Bearer-token check for POST /v1/events (and GET /metrics when METRICS_TOKEN_FILE is set), in constant time: the token that was sent is copied
// into a buffer of the expected length and compared with crypto.timingSafeEqual, so the time
// taken does not depend on where the first difference is. A token of another length is compared
// against the expected one anyway, then refused: only its length, never its content, shows.
import crypto from "node:crypto";

export type Authorizer = (authorization: string | undefined) => boolean;

// The scheme is case-insensitive (RFC 9110 §11.1): "Bearer", "bearer", "BEARER" are the same.
const SCHEME = /^bearer +/i;

/** `null` token: authentication is off (EXPORTER_ALLOW_NO_AUTH=1) and every request passes. */
export function createAuthorizer(token: string | null): Authorizer {
  if (token === null) return () => true;
  const expected = Buffer.from(token, "utf8");
  // Reused for every request: one thread, and the comparison is synchronous.
  const sent = Buffer.alloc(expected.length);
  return (authorization) => {
    const header = authorization ?? "";
    const scheme = SCHEME.exec(header);
    const value = scheme === null ? "" : header.slice(scheme[0].length);
    const sameLength = Buffer.byteLength(value, "utf8") === expected.length;
    sent.fill(0);
    if (sameLength) sent.write(value, "utf8");
    const equal = crypto.timingSafeEqual(sent, expected);
    return sameLength && equal;
  };
}
