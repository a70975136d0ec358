// The exporter's configuration, from environment variables only. Every bad value is an error that
// names its variable; nothing starts on a half-read configuration.
import fs from "node:fs";
import net from "node:net";

export interface ExporterConfig {
  host: string;
  /** The scrape listener: GET /metrics (and, for compatibility, POST /v1/events). */
  port: number;
  /** The ingest listener: POST /v1/events only, so that scrapes cannot take its connections. */
  ingestPort: number;
  /** The bearer token that GET /metrics needs; null: /metrics is open (METRICS_TOKEN_FILE unset). */
  metricsToken: string | null;
  /** Where the state file lives (EXPORTER_STATE_DIR); null: nothing survives a restart (warned). */
  stateDir: string | null;
  /** Least time between two state snapshots while events arrive. */
  stateIntervalMs: number;
  /** Connections one client address may hold on each listener. */
  maxConnectionsPerClient: number;
  /** Requests a connection may have waiting for their answers (pipelining) before it is cut. */
  maxPipelined: number;
  /** POSTs of one client address admitted at once (fair.ts); more wait, their bodies unread. */
  maxPostsPerClient: number;
  /** Scrape answers written per turn of the event loop (ration.ts); the rest wait for the next turn. */
  scrapesPerTurn: number;
  /** Time a response may take to be written to a client that does not read it. */
  writeTimeoutMs: number;
  /** How long a client address that pipelined scrapes (or past MAX_PIPELINED) is refused. */
  abuseBanMs: number;
  /** The bearer token that POST /v1/events needs; null only with EXPORTER_ALLOW_NO_AUTH=1. */
  token: string | null;
  maxBatch: number;
  maxBodyBytes: number;
  /** Time a client has to send the request headers (slowloris guard). */
  headersTimeoutMs: number;
  /** Time a client has to send the whole request, body included. */
  requestTimeoutMs: number;
  /** Idle time after which a keep-alive connection is closed. */
  keepAliveTimeoutMs: number;
  /** Connections beyond this are refused at once. */
  maxConnections: number;
  /** After SIGTERM, how long requests in flight may take before connections are cut. */
  shutdownTimeoutMs: number;
  /** How old the business part of a scrape may be when events keep arriving (scrape.ts). */
  metricsMaxAgeMs: number;
  /** Interval of the ingest-count log line. */
  logIntervalMs: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function host(env: Env): string {
  const value = env.HOST ?? "127.0.0.1";
  const hostname = /^[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*$/;
  if (net.isIP(value) === 0 && !hostname.test(value)) {
    throw new ConfigError(`HOST must be an IP address or a host name, got "${value}"`);
  }
  return value;
}

/** 127.0.0.0/8, ::1, localhost: the only addresses where running without a token is allowed. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function readToken(name: string, file: string): string {
  let content: string;
  try {
    content = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigError(`${name}: cannot read "${file}" (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  const value = content.trim();
  if (value.length < 16) throw new ConfigError(`${name}: the token in "${file}" must have at least 16 characters`);
  if (/\s/.test(value)) throw new ConfigError(`${name}: the token in "${file}" must be one line without spaces`);
  return value;
}

function token(env: Env, hostValue: string): string | null {
  const file = env.EXPORTER_TOKEN_FILE;
  const allowNoAuth = env.EXPORTER_ALLOW_NO_AUTH;
  if (allowNoAuth !== undefined && allowNoAuth !== "" && allowNoAuth !== "0" && allowNoAuth !== "1") {
    throw new ConfigError(`EXPORTER_ALLOW_NO_AUTH must be 1 or 0, got "${allowNoAuth}"`);
  }
  if (file === undefined || file === "") {
    if (allowNoAuth === "1") {
      if (!isLoopback(hostValue)) {
        throw new ConfigError(`EXPORTER_ALLOW_NO_AUTH=1 is refused with HOST=${hostValue}: without a token, only a loopback HOST (127.0.0.1, ::1, localhost) is allowed`);
      }
      return null;
    }
    throw new ConfigError(
      "EXPORTER_TOKEN_FILE is not set: set it to a file holding the bearer token for POST /v1/events, "
      + "or set EXPORTER_ALLOW_NO_AUTH=1 to run without authentication (local stack only)");
  }
  return readToken("EXPORTER_TOKEN_FILE", file);
}

/** Reads the configuration; throws a ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): ExporterConfig {
  const hostValue = host(env);
  const metricsFile = env.METRICS_TOKEN_FILE;
  const stateDir = env.EXPORTER_STATE_DIR;
  const config: ExporterConfig = {
    host: hostValue,
    port: integer(env, "PORT", 9464, 0, 65535),
    ingestPort: integer(env, "INGEST_PORT", 9465, 0, 65535),
    token: token(env, hostValue),
    metricsToken: metricsFile === undefined || metricsFile === "" ? null : readToken("METRICS_TOKEN_FILE", metricsFile),
    stateDir: stateDir === undefined || stateDir === "" ? null : stateDir,
    stateIntervalMs: integer(env, "STATE_INTERVAL_MS", 1_000, 100, 1_000),
    maxConnectionsPerClient: integer(env, "MAX_CONNECTIONS_PER_CLIENT", 64, 1, 100_000),
    maxPipelined: integer(env, "MAX_PIPELINED", 32, 1, 10_000),
    maxPostsPerClient: integer(env, "MAX_POSTS_PER_CLIENT", 8, 1, 10_000),
    scrapesPerTurn: integer(env, "SCRAPES_PER_TURN", 3, 1, 100_000),
    writeTimeoutMs: integer(env, "WRITE_TIMEOUT_MS", 5_000, 100, 600_000),
    abuseBanMs: integer(env, "ABUSE_BAN_MS", 10_000, 0, 3_600_000),
    maxBatch: integer(env, "MAX_BATCH", 1000, 1, 100_000),
    maxBodyBytes: integer(env, "MAX_BODY_BYTES", 1024 * 1024, 1024, 64 * 1024 * 1024),
    headersTimeoutMs: integer(env, "HEADERS_TIMEOUT_MS", 5_000, 100, 600_000),
    requestTimeoutMs: integer(env, "REQUEST_TIMEOUT_MS", 10_000, 100, 600_000),
    keepAliveTimeoutMs: integer(env, "KEEP_ALIVE_TIMEOUT_MS", 5_000, 100, 600_000),
    maxConnections: integer(env, "MAX_CONNECTIONS", 1_000, 1, 100_000),
    shutdownTimeoutMs: integer(env, "SHUTDOWN_TIMEOUT_MS", 4_000, 0, 600_000),
    metricsMaxAgeMs: integer(env, "METRICS_MAX_AGE_MS", 1_000, 0, 60_000),
    logIntervalMs: integer(env, "LOG_INTERVAL_MS", 60_000, 100, 3_600_000),
  };
  if (config.port !== 0 && config.port === config.ingestPort) {
    throw new ConfigError(`INGEST_PORT (${config.ingestPort}) must differ from PORT`);
  }
  // Node refuses a headers timeout longer than the request timeout; say so in our words.
  if (config.headersTimeoutMs > config.requestTimeoutMs) {
    throw new ConfigError(
      `HEADERS_TIMEOUT_MS (${config.headersTimeoutMs}) must not exceed REQUEST_TIMEOUT_MS (${config.requestTimeoutMs})`);
  }
  return config;
}
