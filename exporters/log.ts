// JSON-lines logging. A line carries an event name and fields that the exporter's code chooses:
// counts, durations, reasons from the catalog, the listening address. Never a payload value: no
// request body, no label value that a client sent, no error message (which may quote input).
import { rejectionReasons } from "../catalog/allowlists.ts";

export type LogValue = number | boolean | string | Record<string, number>;
export type LogFields = Record<string, LogValue>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export type LineWriter = (line: string) => void;

export function jsonLogger(write: LineWriter = (line) => process.stdout.write(line)): Logger {
  const emit = (level: string, event: string, fields: LogFields = {}) => {
    write(`${JSON.stringify({ time: new Date().toISOString(), level, event, ...fields })}\n`);
  };
  return {
    info: (event, fields) => emit("info", event, fields),
    warn: (event, fields) => emit("warn", event, fields),
    error: (event, fields) => emit("error", event, fields),
  };
}

/** Where an unexpected error happened, without its message: the stack frames only. */
export function errorFields(e: unknown): LogFields {
  if (!(e instanceof Error)) return { error: typeof e };
  const frames = (e.stack ?? "").split("\n").filter((l) => /^\s+at /.test(l)).slice(0, 5).map((l) => l.trim());
  const code = (e as NodeJS.ErrnoException).code;
  return { error: e.name, ...(typeof code === "string" ? { code } : {}), stack: frames.join(" | ") };
}

/** Ingest counts over one log interval, written as one line and reset. */
export class IngestStats {
  private requests = 0;
  private events = 0;
  private rejected: Record<string, number> = {};

  accepted(events: number): void {
    this.requests += 1;
    this.events += events;
  }

  rejectedEvents(reason: string, events: number): void {
    this.rejected[reason] = (this.rejected[reason] ?? 0) + events;
  }

  /** The counts since the last flush, with every known reason present, then zeroes them. */
  flush(): LogFields {
    const rejected: Record<string, number> = {};
    for (const reason of rejectionReasons()) rejected[reason] = this.rejected[reason] ?? 0;
    const fields = { accepted_requests: this.requests, accepted_events: this.events, rejected_events: rejected };
    this.requests = 0;
    this.events = 0;
    this.rejected = {};
    return fields;
  }
}
