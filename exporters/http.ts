// The routes. Checks run from cheap to dear (route, token, content type and encoding, declared
// length, body, JSON, duplicate keys, schema, time fields) and the first failure answers with a
// JSON error naming the field and the reason. Every rejection is counted by reason.
//  - the scrape listener (PORT): GET|HEAD /metrics, /healthz, /readyz, and POST /v1/events for
//    the backends that still post there;
//  - the ingest listener (INGEST_PORT): POST /v1/events, /healthz, /readyz.
import type http from "node:http";
import type { Socket } from "node:net";
import zlib from "node:zlib";
import type { Authorizer } from "./auth.ts";
import type { FairGate } from "./fair.ts";
import { CONTENT_TYPES, type Format } from "./exposition.ts";
import type { Ingest } from "./ingest.ts";
import type { Ration } from "./ration.ts";
import { duplicateKeyFast } from "./json-keys.ts";
import { errorFields, type IngestStats, type Logger } from "./log.ts";
import type { BodyValidator, FieldError } from "./schema.ts";
import type { Scraper } from "./scrape.ts";

export interface HandlerDeps {
  authorize: Authorizer;
  /** GET /metrics: null when open. */
  authorizeScrape: Authorizer | null;
  validate: BodyValidator;
  ingest: Ingest;
  scraper: Scraper;
  /** Each client's share of the POST work (fair.ts), on both listeners. */
  gate: FairGate;
  maxBodyBytes: number;
  writeTimeoutMs: number;
  /** Writes a scrape answer now or in a later turn of the loop (SCRAPES_PER_TURN, ration.ts). */
  scrapeTurn: Ration;
  /** Counts rejected events by reason (metric and log window). */
  reject(reason: string, events: number): void;
  /** Called after a batch was applied (state persistence). */
  applied(): void;
  stats: IngestStats;
  log: Logger;
  /** False once shutdown has begun. */
  ready(): boolean;
  /** Cuts every connection of the socket's client address and refuses it at connect for ABUSE_BAN_MS. */
  cut(socket: Socket): void;
}

type Res = http.ServerResponse;
type Req = http.IncomingMessage;

function json(res: Res, status: number, body: unknown, close = false): void {
  const text = JSON.stringify(body);
  const headers: http.OutgoingHttpHeaders = { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) };
  // The body was not read: close rather than drain whatever the client still sends.
  if (close) headers.Connection = "close";
  res.writeHead(status, headers);
  res.end(text);
}

function fail(deps: HandlerDeps, res: Res, status: number, reason: string, events: number, error: FieldError, close = false): void {
  deps.reject(reason, events);
  json(res, status, { error: reason, ...error }, close);
}

function isJson(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const semi = contentType.indexOf(";");
  return (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase() === "application/json";
}

function tooLarge(deps: HandlerDeps, res: Res): void {
  fail(deps, res, 413, "body_too_large", 1, { field: "body", reason: `must not exceed MAX_BODY_BYTES (${deps.maxBodyBytes} bytes)` }, true);
}

const safeKey = (k: string) => (/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(k) ? k : "(unexpected property)");

/** Keys of the parsed body (JSON.parse makes own, enumerable properties only). */
function keyCount(events: readonly Record<string, unknown>[], batch: boolean): number {
  let n = batch ? 1 : 0;
  for (let i = 0; i < events.length; i++) n += Object.keys(events[i]!).length;
  return n;
}

function ingestBody(deps: HandlerDeps, res: Res, raw: Buffer): void {
  let body: unknown;
  const text = raw.toString("utf8");
  try {
    body = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the input: it is neither returned nor logged.
    return fail(deps, res, 400, "malformed_json", 1, { field: "body", reason: "is not valid JSON" });
  }
  const result = deps.validate(body);
  if (!result.ok) return fail(deps, res, 400, result.reason, result.events, result.error);
  const dup = duplicateKeyFast(text, keyCount(result.events, result.batch));
  if (dup !== null) {
    return fail(deps, res, 400, "invalid_event", result.events.length, { field: safeKey(dup), reason: "is a duplicate key" });
  }
  const refused = deps.ingest.apply(result.events);
  if (refused !== null) {
    const { index, ...error } = refused;
    return fail(deps, res, 400, "invalid_event", result.events.length, result.batch ? { index, ...error } : error);
  }
  deps.applied();
  deps.stats.accepted(result.events.length);
  res.writeHead(204);
  res.end();
}

function postEvents(deps: HandlerDeps, req: Req, res: Res): void {
  if (!deps.authorize(req.headers.authorization)) {
    return fail(deps, res, 401, "unauthorized", 1, { field: "authorization", reason: "must be \"Bearer <token>\" with the exporter's token" }, true);
  }
  if (!isJson(req.headers["content-type"])) {
    return fail(deps, res, 415, "unsupported_media_type", 1, { field: "content-type", reason: "must be application/json" }, true);
  }
  const encoding = (req.headers["content-encoding"] ?? "identity").trim().toLowerCase();
  if (encoding !== "identity" && encoding !== "gzip") {
    return fail(deps, res, 415, "unsupported_media_type", 1, { field: "content-encoding", reason: "must be gzip or identity" }, true);
  }
  if (Number(req.headers["content-length"] ?? 0) > deps.maxBodyBytes) return tooLarge(deps, res);
  const client = req.socket.remoteAddress ?? "?";
  // Until admitted the body is not read, so Node stops reading this socket.
  const done = deps.gate.admit(client, () => readBody(deps, req, res, client, encoding === "gzip"), (why) => {
    if (why === "overloaded") {
      // Pipelined past its share: cut like a pipelined scrape, since answering each request
      // would let the flood re-connect and cost more than it is refused.
      deps.reject("overloaded", 1);
      deps.cut(req.socket);
      return;
    }
    res.setHeader("Retry-After", "1");
    fail(deps, res, 503, why, 1, { field: "server", reason: "is shutting down, retry later" }, true);
  });
  // `on`, not `once`: a response closes once, and `once` costs a wrapper and a removal per request.
  res.on("close", done);
}

function readBody(deps: HandlerDeps, req: Req, res: Res, client: string, gzip: boolean): void {
  const limit = deps.maxBodyBytes;
  // Past the limit: answer 413 once and ignore the rest. An aborted or timed-out request never
  // ends (the server answers timeouts in its clientError handler).
  const chunks: Buffer[] = [];
  let size = 0;
  req.on("data", (chunk: Buffer) => {
    if (size > limit) return;
    size += chunk.length;
    if (size > limit) tooLarge(deps, res);
    else chunks.push(chunk);
  });
  req.on("end", () => {
    if (size > limit) return;
    const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
    if (gzip) {
      // Decompressed on the thread pool, never beyond MAX_BODY_BYTES (a zip bomb is a 413).
      zlib.gunzip(raw, { maxOutputLength: limit }, (err, plain) => {
        if (err) {
          if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") return tooLarge(deps, res);
          return fail(deps, res, 400, "malformed_json", 1, { field: "body", reason: "is not valid gzip" });
        }
        deps.gate.run(client, () => run(deps, req, res, plain));
      });
    } else deps.gate.run(client, () => run(deps, req, res, raw));
  });
}

function run(deps: HandlerDeps, req: Req, res: Res, raw: Buffer): void {
  // Gone while its turn came (queued in fair.ts): never acknowledged, so not applied either.
  if (res.destroyed) return;
  try {
    ingestBody(deps, res, raw);
  } catch (e) {
    internalError(deps, req, res, e);
  }
}

/** OpenMetrics when the scraper asks for it (Prometheus does, with a higher q than text). */
function formatOf(accept: string | undefined): Format {
  if (accept === undefined) return "text";
  for (const part of accept.split(",")) {
    const [type, ...params] = part.split(";").map((x) => x.trim().toLowerCase());
    const q = params.find((p) => p.startsWith("q="));
    if (type === "application/openmetrics-text" && (q === undefined || Number(q.slice(2)) > 0)) return "openmetrics";
  }
  return "text";
}

function wantsGzip(acceptEncoding: string | undefined): boolean {
  if (acceptEncoding === undefined) return false;
  return acceptEncoding.split(",").some((part) => {
    const [coding, ...params] = part.split(";").map((x) => x.trim().toLowerCase());
    const q = params.find((p) => p.startsWith("q="));
    return coding === "gzip" && (q === undefined || Number(q.slice(2)) > 0);
  });
}

async function getMetrics(deps: HandlerDeps, req: Req, res: Res): Promise<void> {
  if (deps.authorizeScrape !== null && !deps.authorizeScrape(req.headers.authorization)) {
    return json(res, 401, { error: "unauthorized", field: "authorization", reason: "must be \"Bearer <token>\" with the metrics token" }, true);
  }
  // A client that does not read its answer holds memory and a slot: cut it after WRITE_TIMEOUT_MS.
  const timer = setTimeout(() => res.destroy(), deps.writeTimeoutMs);
  res.on("close", () => clearTimeout(timer));
  const format = formatOf(req.headers.accept);
  const gzip = wantsGzip(req.headers["accept-encoding"]);
  const body = await deps.scraper.body(format, gzip);
  if (res.destroyed) return;
  deps.scrapeTurn(() => {
    // Gone while it waited for its turn (cut, timed out, or shutdown).
    if (res.destroyed) return;
    try {
      const headers: http.OutgoingHttpHeaders = { "Content-Type": CONTENT_TYPES[format], "Content-Length": body.length, Vary: "Accept, Accept-Encoding" };
      if (gzip) headers["Content-Encoding"] = "gzip";
      res.writeHead(200, headers);
      // HEAD: Node sends the headers only.
      res.end(body);
    } catch (e) {
      internalError(deps, req, res, e);
    }
  });
}

type Route = (deps: HandlerDeps, req: Req, res: Res) => void | Promise<void>;
interface RouteDef { methods: string[]; run: Route }

const health: RouteDef = { methods: ["GET", "HEAD"], run: (_d, _q, res) => json(res, 200, { status: "alive" }) };
const ready: RouteDef = {
  methods: ["GET", "HEAD"],
  run: (d, _q, res) => (d.ready() ? json(res, 200, { status: "ready" }) : json(res, 503, { status: "shutting_down" })),
};
const events: RouteDef = { methods: ["POST"], run: postEvents };

export type Listener = "scrape" | "ingest";

function routesOf(listener: Listener): Map<string, RouteDef> {
  const common: [string, RouteDef][] = [["/v1/events", events], ["/healthz", health], ["/readyz", ready]];
  if (listener === "ingest") return new Map(common);
  return new Map([["/metrics", { methods: ["GET", "HEAD"], run: getMetrics }], ...common]);
}

/** An unexpected exception: a 500, a log line without the message, and a counted rejection. */
function internalError(deps: HandlerDeps, req: Req, res: Res, e: unknown): void {
  deps.log.error("internal_error", errorFields(e));
  if (req.method === "POST") deps.reject("internal_error", 1);
  if (!res.headersSent) json(res, 500, { error: "internal_error", field: "server", reason: "unexpected error, see the exporter's log" }, true);
  else res.destroy();
}

/** The request listener of one listener. An exception never escapes: it becomes a 500 and a counted rejection. */
export function createHandler(deps: HandlerDeps, listener: Listener = "scrape"): http.RequestListener {
  const routes = routesOf(listener);
  const names = [...routes.keys()].join(", ");
  return (req, res) => {
    try {
      const url = req.url ?? "/";
      const q = url.indexOf("?");
      const r = routes.get(q === -1 ? url : url.slice(0, q));
      if (r === undefined) return json(res, 404, { error: "not_found", field: "path", reason: `must be one of ${names}` });
      if (!r.methods.includes(req.method ?? "")) {
        res.setHeader("Allow", r.methods.join(", "));
        return json(res, 405, { error: "method_not_allowed", field: "method", reason: `must be ${r.methods.join(" or ")}` });
      }
      if (!deps.ready()) res.setHeader("Connection", "close");
      r.run(deps, req, res)?.catch((e: unknown) => internalError(deps, req, res, e));
    } catch (e) {
      internalError(deps, req, res, e);
    }
  };
}
