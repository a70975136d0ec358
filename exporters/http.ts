// The routes: POST /v1/events, GET /metrics, GET /healthz, GET /readyz. Checks run from cheap to
// dear (route, token, content type, declared length, body, JSON, schema) and the first failure
// answers with a JSON error naming the field and the reason. Every rejection is counted by reason.
import type http from "node:http";
import type { Authorizer } from "./auth.ts";
import type { Ingest } from "./ingest.ts";
import { errorFields, type IngestStats, type Logger } from "./log.ts";
import type { BodyValidator, FieldError } from "./schema.ts";
import type { Scraper } from "./scrape.ts";

export interface HandlerDeps {
  authorize: Authorizer;
  validate: BodyValidator;
  ingest: Ingest;
  scraper: Scraper;
  maxBodyBytes: number;
  /** Counts rejected events by reason (metric and log window). */
  reject(reason: string, events: number): void;
  stats: IngestStats;
  log: Logger;
  /** False once shutdown has begun. */
  ready(): boolean;
}

type Res = http.ServerResponse;

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

function ingestBody(deps: HandlerDeps, res: Res, raw: Buffer): void {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString("utf8"));
  } catch {
    // JSON.parse's message quotes the input: it is neither returned nor logged.
    return fail(deps, res, 400, "malformed_json", 1, { field: "body", reason: "is not valid JSON" });
  }
  const result = deps.validate(body);
  if (!result.ok) return fail(deps, res, 400, result.reason, result.events, result.error);
  deps.ingest.apply(result.events);
  deps.scraper.changed();
  deps.stats.accepted(result.events.length);
  res.writeHead(204);
  res.end();
}

// The hot path: two closures per request, as in the bare baseline server of the benchmark.
function postEvents(deps: HandlerDeps, req: http.IncomingMessage, res: Res): void {
  if (!deps.authorize(req.headers.authorization)) {
    return fail(deps, res, 401, "unauthorized", 1, { field: "authorization", reason: "must be \"Bearer <token>\" with the exporter's token" }, true);
  }
  if (!isJson(req.headers["content-type"])) {
    return fail(deps, res, 415, "unsupported_media_type", 1, { field: "content-type", reason: "must be application/json" }, true);
  }
  const limit = deps.maxBodyBytes;
  if (Number(req.headers["content-length"] ?? 0) > limit) return tooLarge(deps, res);
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
    try {
      ingestBody(deps, res, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    } catch (e) {
      internalError(deps, req, res, e);
    }
  });
}

async function getMetrics(deps: HandlerDeps, res: Res): Promise<void> {
  const parts = await deps.scraper.render();
  const length = parts.reduce((n, b) => n + b.length, 0);
  res.writeHead(200, { "Content-Type": deps.scraper.contentType, "Content-Length": length });
  for (const part of parts.slice(0, -1)) res.write(part);
  res.end(parts[parts.length - 1]);
}

const routes: Record<string, string> = { "/v1/events": "POST", "/metrics": "GET", "/healthz": "GET", "/readyz": "GET" };

function route(deps: HandlerDeps, req: http.IncomingMessage, res: Res): void | Promise<void> {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  const method = routes[path];
  if (!Object.hasOwn(routes, path) || method === undefined) {
    return json(res, 404, { error: "not_found", field: "path", reason: `must be one of ${Object.keys(routes).join(", ")}` });
  }
  if (req.method !== method) {
    res.setHeader("Allow", method);
    return json(res, 405, { error: "method_not_allowed", field: "method", reason: `must be ${method}` });
  }
  if (!deps.ready()) res.setHeader("Connection", "close");
  switch (path) {
    case "/v1/events": return postEvents(deps, req, res);
    case "/metrics": return getMetrics(deps, res);
    case "/healthz": return json(res, 200, { status: "alive" });
    default: return deps.ready() ? json(res, 200, { status: "ready" }) : json(res, 503, { status: "shutting_down" });
  }
}

/** An unexpected exception: a 500, a log line without the message, and a counted rejection. */
function internalError(deps: HandlerDeps, req: http.IncomingMessage, res: Res, e: unknown): void {
  deps.log.error("internal_error", errorFields(e));
  if (req.method === "POST") deps.reject("internal_error", 1);
  if (!res.headersSent) json(res, 500, { error: "internal_error", field: "server", reason: "unexpected error, see the exporter's log" }, true);
  else res.destroy();
}

/** The request listener. An exception never escapes: it becomes a 500 and a counted rejection. */
export function createHandler(deps: HandlerDeps): http.RequestListener {
  return (req, res) => {
    try {
      route(deps, req, res)?.catch((e: unknown) => internalError(deps, req, res, e));
    } catch (e) {
      internalError(deps, req, res, e);
    }
  };
}
