import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../exporters/config.ts";
import { tempDir } from "../helpers.ts";
import { TOKEN, tokenFile } from "./helpers.ts";

describe("exporter config", () => {
  it("has the documented defaults", () => {
    const c = loadConfig({ EXPORTER_TOKEN_FILE: tokenFile() });
    expect(c).toMatchObject({
      host: "127.0.0.1", port: 9464, token: TOKEN, maxBatch: 1000, maxBodyBytes: 1024 * 1024,
      headersTimeoutMs: 5000, requestTimeoutMs: 10000, keepAliveTimeoutMs: 5000, shutdownTimeoutMs: 4000,
      maxConnections: 1000, metricsMaxAgeMs: 1000, logIntervalMs: 60000, ingestPort: 9465, metricsToken: null,
      stateDir: null, stateIntervalMs: 1000, maxConnectionsPerClient: 64, maxPipelined: 32, writeTimeoutMs: 5000, abuseBanMs: 10000,
      scrapesPerTurn: 3,
    });
  });

  it("reads every variable", () => {
    const c = loadConfig({
      HOST: "0.0.0.0", PORT: "9999", INGEST_PORT: "9998", EXPORTER_TOKEN_FILE: tokenFile(), MAX_BATCH: "50", MAX_BODY_BYTES: "4096",
      METRICS_TOKEN_FILE: tokenFile("metrics-token-0123456789"), EXPORTER_STATE_DIR: "/var/lib/x", STATE_INTERVAL_MS: "500",
      MAX_CONNECTIONS_PER_CLIENT: "8", MAX_PIPELINED: "4", WRITE_TIMEOUT_MS: "700", SCRAPES_PER_TURN: "5",
      HEADERS_TIMEOUT_MS: "1000", REQUEST_TIMEOUT_MS: "2000", KEEP_ALIVE_TIMEOUT_MS: "3000",
      MAX_CONNECTIONS: "10", SHUTDOWN_TIMEOUT_MS: "4000", LOG_INTERVAL_MS: "500", METRICS_MAX_AGE_MS: "0",
    });
    expect(c).toMatchObject({
      host: "0.0.0.0", port: 9999, maxBatch: 50, maxBodyBytes: 4096, headersTimeoutMs: 1000,
      requestTimeoutMs: 2000, keepAliveTimeoutMs: 3000, maxConnections: 10, shutdownTimeoutMs: 4000, logIntervalMs: 500,
      metricsMaxAgeMs: 0, ingestPort: 9998, metricsToken: "metrics-token-0123456789", stateDir: "/var/lib/x",
      stateIntervalMs: 500, maxConnectionsPerClient: 8, maxPipelined: 4, writeTimeoutMs: 700, scrapesPerTurn: 5,
    });
  });

  it("refuses EXPORTER_ALLOW_NO_AUTH=1 unless HOST is a loopback address", () => {
    for (const host of ["127.0.0.1", "127.3.2.1", "::1", "localhost"]) {
      expect(loadConfig({ HOST: host, EXPORTER_ALLOW_NO_AUTH: "1" }).token, host).toBeNull();
    }
    for (const host of ["0.0.0.0", "10.0.0.5", "::", "exporter.internal"]) {
      expect(() => loadConfig({ HOST: host, EXPORTER_ALLOW_NO_AUTH: "1" }), host).toThrow(/EXPORTER_ALLOW_NO_AUTH=1 is refused with HOST=.*loopback/);
    }
  });

  it("refuses the same port for both listeners", () => {
    expect(() => loadConfig({ EXPORTER_TOKEN_FILE: tokenFile(), PORT: "9000", INGEST_PORT: "9000" })).toThrow(/INGEST_PORT \(9000\) must differ from PORT/);
  });

  it("refuses to start without a token file, naming both variables", () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    expect(() => loadConfig({})).toThrow(/EXPORTER_TOKEN_FILE is not set.*EXPORTER_ALLOW_NO_AUTH=1/);
  });

  it("runs without a token only with EXPORTER_ALLOW_NO_AUTH=1", () => {
    expect(loadConfig({ EXPORTER_ALLOW_NO_AUTH: "1" }).token).toBeNull();
    expect(() => loadConfig({ EXPORTER_ALLOW_NO_AUTH: "0" })).toThrow(/EXPORTER_TOKEN_FILE is not set/);
    expect(() => loadConfig({ EXPORTER_ALLOW_NO_AUTH: "yes" })).toThrow(/EXPORTER_ALLOW_NO_AUTH must be 1 or 0, got "yes"/);
  });

  it("names an unreadable, empty or short token file, never printing the token", () => {
    const dir = tempDir();
    expect(() => loadConfig({ EXPORTER_TOKEN_FILE: path.join(dir, "missing") })).toThrow(/EXPORTER_TOKEN_FILE: cannot read .*missing.*ENOENT/);
    fs.writeFileSync(path.join(dir, "empty"), "\n");
    expect(() => loadConfig({ EXPORTER_TOKEN_FILE: path.join(dir, "empty") })).toThrow(/EXPORTER_TOKEN_FILE: .* at least 16 characters/);
    fs.writeFileSync(path.join(dir, "short"), "s3cr3t\n");
    let message = "";
    try {
      loadConfig({ EXPORTER_TOKEN_FILE: path.join(dir, "short") });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/EXPORTER_TOKEN_FILE/);
    expect(message).not.toContain("s3cr3t");
  });

  it.each([
    ["PORT", "http", /PORT must be a whole number, got "http"/],
    ["PORT", "70000", /PORT must be between 0 and 65535, got 70000/],
    ["MAX_BATCH", "0", /MAX_BATCH must be between 1 and 100000, got 0/],
    ["MAX_BATCH", "-5", /MAX_BATCH must be a whole number, got "-5"/],
    ["MAX_BODY_BYTES", "1.5", /MAX_BODY_BYTES must be a whole number/],
    ["REQUEST_TIMEOUT_MS", "10", /REQUEST_TIMEOUT_MS must be between 100 and 600000/],
    ["HOST", "bad host!", /HOST must be an IP address or a host name, got "bad host!"/],
  ])("names the bad variable %s=%s", (name, value, message) => {
    expect(() => loadConfig({ EXPORTER_TOKEN_FILE: tokenFile(), [name]: value })).toThrow(message);
  });

  it("refuses a headers timeout longer than the request timeout", () => {
    expect(() => loadConfig({ EXPORTER_TOKEN_FILE: tokenFile(), HEADERS_TIMEOUT_MS: "20000", REQUEST_TIMEOUT_MS: "10000" }))
      .toThrow(/HEADERS_TIMEOUT_MS \(20000\) must not exceed REQUEST_TIMEOUT_MS \(10000\)/);
  });
});
