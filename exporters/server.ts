// The exporter as a value: stores, validation, ingest, state and routes wired to two HTTP
// listeners, each with its own connection slots, so that scrapers (or anyone who floods
// /metrics) cannot take the connections the backend posts on:
//  - scrape listener (PORT): /metrics, health, and POST /v1/events for compatibility;
//  - ingest listener (INGEST_PORT): POST /v1/events and health.
// Limits on both: headers and request timeouts (checked every 250 ms), a write timeout for
// /metrics answers, a cap of connections in all and per client address, a cap of pipelined
// requests per connection, and each client's fair share of the POST work (fair.ts). main.ts runs it as a process; tests run it in-process on port 0.
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Duplex } from "node:stream";
import { createAuthorizer } from "./auth.ts";
import { createFairGate } from "./fair.ts";
import { createRation } from "./ration.ts";
import type { ExporterConfig } from "./config.ts";
import { createHandler, type Listener } from "./http.ts";
import { createIngest } from "./ingest.ts";
import { errorFields, IngestStats, type Logger } from "./log.ts";
import { createMetrics, type ExporterMetrics } from "./metrics.ts";
import { compileValidator } from "./schema.ts";
import { createScraper, type Scraper } from "./scrape.ts";
import { openState, type Persister } from "./state.ts";
import { rejectionMetric } from "../catalog/business-events.ts";

export interface Exporter {
  server: http.Server;
  ingestServer: http.Server;
  metrics: ExporterMetrics;
  scraper: Scraper;
  /** Listens on both ports; resolves with the scrape listener's address (the ingest port is logged too). */
  listen(): Promise<AddressInfo>;
  ingestAddress(): AddressInfo;
  /** Stops accepting, answers the POSTs in flight (cut after shutdownTimeoutMs), writes the state; true when nothing was cut. */
  shutdown(reason: string): Promise<boolean>;
}

function answerRaw(socket: Duplex, status: string, body: object): void {
  const text = JSON.stringify(body);
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
}

interface Conn { waiting: number; posts: number; closing: boolean }

export function createExporter(config: ExporterConfig, log: Logger): Exporter {
  const metrics = createMetrics();
  const stats = new IngestStats();
  const own = rejectionMetric();
  const rejected = metrics.store(own.metric);
  const reasonIndex = metrics.lookup(own.metric);
  const internal = reasonIndex("internal_error");
  // Refuses a corrupt or foreign state file before anything listens (StateError names the file).
  const state: Persister | null = config.stateDir === null ? null : openState(config.stateDir, metrics.stores, log, config.stateIntervalMs);
  const scraper = createScraper(metrics, config.metricsMaxAgeMs, undefined, state === null ? undefined : () => state.persist());
  let accepting = true;

  const reject = (reason: string, events: number) => {
    const index = reasonIndex(reason);
    rejected.add(index >= 0 ? index : internal, events);
    state?.changed();
    stats.rejectedEvents(reason, events);
  };

  const deps = {
    authorize: createAuthorizer(config.token),
    authorizeScrape: config.metricsToken === null ? null : createAuthorizer(config.metricsToken),
    validate: compileValidator(config.maxBatch),
    ingest: createIngest(metrics),
    scraper,
    gate: createFairGate(config.maxPostsPerClient, config.maxConnectionsPerClient),
    maxBodyBytes: config.maxBodyBytes,
    writeTimeoutMs: config.writeTimeoutMs,
    scrapeTurn: createRation(config.scrapesPerTurn),
    reject,
    applied: () => state?.changed(),
    stats,
    log,
    ready: () => accepting,
    cut: (socket: Socket) => cut(socket),
  };

  const conns = new Map<Socket, Conn>();
  // Client addresses that pipelined scrapes or past MAX_PIPELINED, refused at connect until then.
  const banned = new Map<string, number>();
  const cut = (socket: Socket) => {
    const client = socket.remoteAddress ?? "?";
    banned.set(client, Date.now() + config.abuseBanMs);
    // Its other connections too, before Node parses what they already sent.
    for (const other of conns.keys()) if (other.remoteAddress === client) other.destroy();
    socket.destroy();
  };
  const settle = (socket: Socket, c: Conn) => {
    if (c.closing && c.posts === 0) socket.end();
  };

  function make(listener: Listener): http.Server {
    const handler = createHandler(deps, listener);
    const server = http.createServer({
      // Node checks the timeouts below on this interval (default 30 s, far too lenient for them).
      connectionsCheckingInterval: Math.min(250, config.headersTimeoutMs),
    }, (req, res) => {
      const socket = req.socket;
      // The rest of a pipelined chunk after the connection was cut: Node parses it anyway.
      if (socket.destroyed) return;
      const c = conns.get(socket);
      if (c !== undefined) {
        c.waiting++;
        const post = req.method === "POST";
        if (post) c.posts++;
        // 'close' follows every response: finished, or its connection gone. (`on` with a flag:
        // `once` costs a wrapper and a listener removal per request.)
        let open = true;
        res.on("close", () => {
          if (!open) return;
          open = false;
          c.waiting--;
          if (post) c.posts--;
          settle(socket, c);
        });
        // Prometheus never pipelines scrapes; other requests may pipeline up to MAX_PIPELINED.
        const scrape = req.url?.startsWith("/metrics") === true;
        if ((scrape && c.waiting > 1) || c.waiting > config.maxPipelined) {
          cut(socket);
          return;
        }
      }
      handler(req, res);
    });
    server.headersTimeout = config.headersTimeoutMs;
    server.requestTimeout = config.requestTimeoutMs;
    server.keepAliveTimeout = config.keepAliveTimeoutMs;
    server.maxConnections = config.maxConnections;
    const perClient = new Map<string, number>();
    // Before Node's own listener: a refused connection gets no parser.
    server.prependListener("connection", (socket: Socket) => {
      const client = socket.remoteAddress ?? "?";
      const n = (perClient.get(client) ?? 0) + 1;
      const until = banned.get(client);
      if (until !== undefined && until <= Date.now()) banned.delete(client);
      if (n > config.maxConnectionsPerClient || !accepting || (until !== undefined && until > Date.now())) {
        socket.destroy();
        return;
      }
      perClient.set(client, n);
      conns.set(socket, { waiting: 0, posts: 0, closing: false });
      socket.once("close", () => {
        conns.delete(socket);
        const left = (perClient.get(client) ?? 1) - 1;
        if (left === 0) perClient.delete(client);
        else perClient.set(client, left);
      });
    });
    server.on("clientError", (err: NodeJS.ErrnoException, socket: Duplex) => {
      if (err.code === "ERR_HTTP_REQUEST_TIMEOUT") reject("timeout", 1);
      if (!socket.writable || err.code === "ECONNRESET") {
        socket.destroy();
        return;
      }
      if (err.code === "ERR_HTTP_REQUEST_TIMEOUT") {
        answerRaw(socket, "408 Request Timeout", { error: "timeout", field: "request", reason: "not received in time" });
      } else if (err.code === "HPE_HEADER_OVERFLOW") {
        answerRaw(socket, "431 Request Header Fields Too Large", { error: "bad_request", field: "headers", reason: "too large" });
      } else {
        answerRaw(socket, "400 Bad Request", { error: "bad_request", field: "request", reason: "is not valid HTTP/1.1" });
      }
    });
    return server;
  }

  const server = make("scrape");
  const ingestServer = make("ingest");
  const interval = setInterval(() => log.info("ingest", stats.flush()), config.logIntervalMs);
  interval.unref();

  const listenOne = (s: http.Server, port: number) => new Promise<AddressInfo>((resolve, reject) => {
    s.once("error", reject);
    s.listen(port, config.host, () => {
      s.off("error", reject);
      resolve(s.address() as AddressInfo);
    });
  });

  return {
    server,
    ingestServer,
    metrics,
    scraper,
    async listen() {
      const address = await listenOne(server, config.port);
      const ingest = await listenOne(ingestServer, config.ingestPort).catch((e: unknown) => {
        server.close();
        throw e;
      });
      log.info("start", {
        host: address.address, port: address.port, ingest_port: ingest.port, auth: config.token !== null,
        metrics_auth: config.metricsToken !== null, state: config.stateDir ?? "none", max_batch: config.maxBatch, max_body_bytes: config.maxBodyBytes,
      });
      if (state === null) log.warn("state_not_persisted", { message: "EXPORTER_STATE_DIR is not set: counters restart from zero after a restart" });
      return address;
    },
    ingestAddress: () => ingestServer.address() as AddressInfo,
    async shutdown(reason) {
      accepting = false;
      clearInterval(interval);
      // POSTs parked by fair.ts, body unread, are answered 503 now; the admitted ones are applied.
      deps.gate.close();
      log.info("stopping", { signal: reason });
      const started = Date.now();
      let forced = false;
      await new Promise<void>((resolve) => {
        let open = 2;
        const force = setTimeout(() => {
          forced = true;
          for (const socket of conns.keys()) socket.destroy();
        }, config.shutdownTimeoutMs);
        const closed = () => {
          if (--open > 0) return;
          clearTimeout(force);
          resolve();
        };
        server.close(closed);
        ingestServer.close(closed);
        // Scrapes and idle connections are cut now; a POST in flight is answered first.
        for (const [socket, c] of conns) {
          c.closing = true;
          if (c.posts === 0) socket.destroy();
        }
      });
      try {
        await state?.stop();
      } catch (e) {
        log.error("state_write_error", errorFields(e));
      }
      log.info("ingest", stats.flush());
      log.info("stop", { signal: reason, graceful: !forced, ms: Date.now() - started });
      return !forced;
    },
  };
}
