// The benchmark's baseline: a bare Node http server that reads the body, JSON.parses it and
// answers 204, nothing else. Prints {"port": N} once it listens on 127.0.0.1 (port 0: any free one).
import http from "node:http";
import type { AddressInfo } from "node:net";

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    try {
      JSON.parse(Buffer.concat(chunks).toString("utf8"));
      res.writeHead(204);
    } catch {
      res.writeHead(400);
    }
    res.end();
  });
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
