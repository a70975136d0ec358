// The exporter as a value: metrics, validation, ingest and routes wired to one HTTP server with
// the slowloris guards (headers and request timeouts checked every 250 ms, a connection cap).
// main.ts runs it as a process; tests run it in-process on port 0.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { createAuthorizer } from "./auth.ts";
import type { ExporterConfig } from "./config.ts";
import { createHandler } from "./http.ts";
import { createIngest } from "./ingest.ts";
import { errorFields, IngestStats, type Logger } from "./log.ts";
import { createMetrics, type ExporterMetrics } from "./metrics.ts";
import { compileValidator } from "./schema.ts";
import { createScraper } from "./scrape.ts";

export interface Exporter {
  server: http.Server;
  metrics: ExporterMetrics;
  /** Listens on the configured host and port; resolves with the bound address. */
  listen(): Promise<AddressInfo>;
  /** Stops accepting, lets requests in flight finish (cut after shutdownTimeoutMs); true when nothing was cut. */
  shutdown(reason: string): Promise<boolean>;
}

function answerRaw(socket: Duplex, status: string, body: object): void {
  const text = JSON.stringify(body);
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
}

export function createExporter(config: ExporterConfig, log: Logger): Exporter {
  const metrics = createMetrics();
  const scraper = createScraper(metrics, config.metricsMaxAgeMs);
  const stats = new IngestStats();
  const rejected = metrics.counter("xinliya_exporter_rejected_events_total");
  const reasonIndex = metrics.lookup("xinliya_exporter_rejected_events_total");
  const internal = reasonIndex("internal_error");
  let accepting = true;

  const reject = (reason: string, events: number) => {
    const index = reasonIndex(reason);
    rejected.add(index >= 0 ? index : internal, events);
    scraper.changed();
    stats.rejectedEvents(reason, events);
  };

  const server = http.createServer({
    // Node checks the timeouts below on this interval (default 30 s, far too lenient for them).
    connectionsCheckingInterval: Math.min(250, config.headersTimeoutMs),
  }, createHandler({
    authorize: createAuthorizer(config.token),
    validate: compileValidator(config.maxBatch),
    ingest: createIngest(metrics),
    scraper,
    maxBodyBytes: config.maxBodyBytes,
    reject,
    stats,
    log,
    ready: () => accepting,
  }));
  server.headersTimeout = config.headersTimeoutMs;
  server.requestTimeout = config.requestTimeoutMs;
  server.keepAliveTimeout = config.keepAliveTimeoutMs;
  server.maxConnections = config.maxConnections;

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

  const interval = setInterval(() => log.info("ingest", stats.flush()), config.logIntervalMs);
  interval.unref();

  return {
    server,
    metrics,
    listen() {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(config.port, config.host, () => {
          server.off("error", reject);
          const address = server.address() as AddressInfo;
          log.info("start", { host: address.address, port: address.port, auth: config.token !== null, max_batch: config.maxBatch, max_body_bytes: config.maxBodyBytes });
          resolve(address);
        });
      });
    },
    shutdown(reason) {
      accepting = false;
      clearInterval(interval);
      log.info("stopping", { signal: reason });
      return new Promise((resolve) => {
        const started = Date.now();
        let forced = false;
        const force = setTimeout(() => {
          forced = true;
          server.closeAllConnections();
        }, config.shutdownTimeoutMs);
        // Connections that finish their last response become idle: close them as they do.
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        server.close((err) => {
          clearTimeout(force);
          clearInterval(sweep);
          log.info("ingest", stats.flush());
          if (err) log.error("stop_error", errorFields(err));
          log.info("stop", { signal: reason, graceful: !forced, ms: Date.now() - started });
          resolve(!forced);
        });
        server.closeIdleConnections();
      });
    },
  };
}
