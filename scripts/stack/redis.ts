// Redis for the local stack: redis-server on 127.0.0.1 and a free port, with a small maxmemory
// (allkeys-lru, the cache policy) so that `cache-memory` reaches it quickly, its RDB in the stack's
// folder; redis_exporter beside it; and a minimal RESP client for the traffic simulator.
import net from "node:net";
import path from "node:path";
import fs from "node:fs";
import { ManagedProcess } from "./processes.ts";

/** Small on purpose: `cache-memory` fills it in seconds. */
export const REDIS_MAXMEMORY_BYTES = 16 * 1024 * 1024;

export function startRedis(o: { dir: string; port: number; logFile: string }): ManagedProcess {
  fs.mkdirSync(o.dir, { recursive: true });
  return ManagedProcess.start({
    name: "redis", command: "/usr/bin/redis-server", logFile: o.logFile,
    args: [
      "--bind", "127.0.0.1", "--port", String(o.port), "--dir", o.dir, "--daemonize", "no",
      "--maxmemory", String(REDIS_MAXMEMORY_BYTES), "--maxmemory-policy", "allkeys-lru",
      "--save", "30 1", "--appendonly", "no", "--maxclients", "100", "--protected-mode", "yes",
    ],
    ready: async () => {
      const c = await RespClient.connect(o.port);
      try { return (await c.command("PING")) === "PONG"; } finally { c.close(); }
    },
  });
}

export function startRedisExporter(o: { redisPort: number; port: number; logFile: string }): ManagedProcess {
  return ManagedProcess.start({
    name: "redis_exporter", command: "/usr/bin/prometheus-redis-exporter", logFile: o.logFile,
    args: [`-redis.addr=redis://127.0.0.1:${o.redisPort}`, `-web.listen-address=127.0.0.1:${o.port}`],
    ready: async () => /^redis_up 1$/m.test(await (await fetch(`http://127.0.0.1:${o.port}/metrics`, { signal: AbortSignal.timeout(2000) })).text()),
  });
}

type Reply = string | number | null | Reply[] | Error;

/** Just enough RESP2 for GET, SET, FLUSHALL and PING: commands are answered in order. */
export class RespClient {
  private buffer = Buffer.alloc(0);
  private waiting: ((r: Reply) => void)[] = [];

  private constructor(private socket: net.Socket) {
    socket.on("data", (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const parsed = parseReply(this.buffer, 0);
        if (!parsed) break;
        this.buffer = this.buffer.subarray(parsed.end);
        this.waiting.shift()?.(parsed.value);
      }
    });
    socket.on("error", () => undefined);
    socket.on("close", () => { for (const w of this.waiting.splice(0)) w(new Error("connection closed")); });
  }

  static connect(port: number): Promise<RespClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: "127.0.0.1", port }, () => resolve(new RespClient(socket)));
      socket.once("error", reject);
    });
  }

  command(...args: (string | Buffer)[]): Promise<Reply> {
    const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
    for (const a of args) {
      const b = typeof a === "string" ? Buffer.from(a) : a;
      parts.push(Buffer.from(`$${b.length}\r\n`), b, Buffer.from("\r\n"));
    }
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.socket.write(Buffer.concat(parts));
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

function parseReply(buf: Buffer, at: number): { value: Reply; end: number } | undefined {
  const eol = buf.indexOf("\r\n", at);
  if (eol < 0) return undefined;
  const line = buf.toString("utf8", at + 1, eol);
  switch (String.fromCharCode(buf[at]!)) {
    case "+": return { value: line, end: eol + 2 };
    case "-": return { value: new Error(line), end: eol + 2 };
    case ":": return { value: Number(line), end: eol + 2 };
    case "$": {
      const n = Number(line);
      if (n < 0) return { value: null, end: eol + 2 };
      if (buf.length < eol + 2 + n + 2) return undefined;
      return { value: buf.toString("utf8", eol + 2, eol + 2 + n), end: eol + 2 + n + 2 };
    }
    case "*": {
      const n = Number(line);
      const items: Reply[] = [];
      let end = eol + 2;
      for (let i = 0; i < n; i++) {
        const item = parseReply(buf, end);
        if (!item) return undefined;
        items.push(item.value);
        end = item.end;
      }
      return { value: items, end };
    }
    default: throw new Error(`unexpected RESP reply ${JSON.stringify(line)}`);
  }
}

export function redisDataDir(stackDir: string): string {
  return path.join(stackDir, "redis");
}
