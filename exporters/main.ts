// npm run exporter: the business exporter as a process. Configuration from the environment
// (config.ts); JSON-lines logs on stdout; SIGTERM or SIGINT stop it gracefully with exit code 0.
import { ConfigError, loadConfig } from "./config.ts";
import { errorFields, jsonLogger } from "./log.ts";
import { createExporter } from "./server.ts";
import { StateError } from "./state.ts";

const log = jsonLogger();
// tsx turns on source-mapped stack traces; each one costs ~0.1–0.5 ms, and a flood of aborted
// pipelined requests creates thousands of errors (ECONNRESET) per second. Frames in our logs point
// into the transpiled code instead (tsx keeps lines close to the source).
process.setSourceMapsEnabled(false);
// A short capture keeps an error cheap; our logs keep 5 frames (errorFields) anyway.
Error.stackTraceLimit = 5;

function configOrExit() {
  try {
    return loadConfig();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    // The message names the variable; it never holds the token.
    log.error("config_error", { message: e.message });
    process.stderr.write(`exporter: ${e.message}\n`);
    process.exit(2);
  }
}

const config = configOrExit();
if (config.token === null) {
  log.warn("auth_disabled", { message: "EXPORTER_ALLOW_NO_AUTH=1: anyone who reaches this port can post events" });
}
function exporterOrExit() {
  try {
    return createExporter(config, log);
  } catch (e) {
    if (!(e instanceof StateError)) throw e;
    // The message names the state file and the entry; it holds no payload value.
    log.error("state_error", { message: e.message });
    process.stderr.write(`exporter: ${e.message}\n`);
    process.exit(2);
  }
}
const exporter = exporterOrExit();

// A bug must not take the exporter down: request errors become 500s in http.ts; anything that
// escapes elsewhere is logged (without its message) and the process goes on.
process.on("uncaughtException", (e) => log.error("uncaught_exception", errorFields(e)));
process.on("unhandledRejection", (e) => log.error("unhandled_rejection", errorFields(e)));

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    exporter.shutdown(signal).then((graceful) => process.exit(graceful ? 0 : 1));
  });
}

exporter.listen().catch((e: NodeJS.ErrnoException) => {
  log.error("listen_error", { ...errorFields(e), host: config.host, port: config.port, ingest_port: config.ingestPort });
  process.stderr.write(`exporter: cannot listen on ${config.host}:${config.port} (PORT) and ${config.ingestPort} (INGEST_PORT): ${e.code ?? e.name}\n`);
  process.exit(2);
});
