// Bearer-token check for POST /v1/events (and GET /metrics when METRICS_TOKEN_FILE is set), in
// constant time: every UTF-16 code unit of the token that was sent is XORed with the expected
// one and the differences are ORed together, without an early exit, so the time taken does not
// depend on where the first difference is. A token of another length is compared against the
// expected one anyway, then refused: only its length, never its content, shows.
// (Round 3: this replaced a Buffer fill, a Buffer write and crypto.timingSafeEqual per request,
// about 2 µs of the hot path; the comparison is the same, in plain JavaScript.)

export type Authorizer = (authorization: string | undefined) => boolean;

/** Length of a case-insensitive "Bearer" and its spaces at the start of `header` (RFC 9110 §11.1), or -1. */
function schemeEnd(header: string): number {
  if (header.length < 7) return -1;
  // "bearer", each letter OR 0x20 (lower case); then at least one space.
  const b = header.charCodeAt(0) | 32, e = header.charCodeAt(1) | 32, a = header.charCodeAt(2) | 32;
  const r = header.charCodeAt(3) | 32, e2 = header.charCodeAt(4) | 32, r2 = header.charCodeAt(5) | 32;
  if (b !== 98 || e !== 101 || a !== 97 || r !== 114 || e2 !== 101 || r2 !== 114 || header.charCodeAt(6) !== 32) return -1;
  let i = 7;
  while (i < header.length && header.charCodeAt(i) === 32) i++;
  return i;
}

/** `null` token: authentication is off (EXPORTER_ALLOW_NO_AUTH=1) and every request passes. */
export function createAuthorizer(token: string | null): Authorizer {
  if (token === null) return () => true;
  const n = token.length;
  return (authorization) => {
    const header = authorization ?? "";
    const start = schemeEnd(header);
    const sameLength = start !== -1 && header.length - start === n;
    // Against itself when the length differs, so that the loop runs anyway.
    const sent = sameLength ? header : token;
    const offset = sameLength ? start : 0;
    let diff = 0;
    for (let i = 0; i < n; i++) diff |= sent.charCodeAt(offset + i) ^ token.charCodeAt(i);
    return sameLength && diff === 0;
  };
}
