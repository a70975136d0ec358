// Free loopback ports for the local stack. Defaults start above 19000, as the README says.
import type http from "node:http";
import net from "node:net";

/** An in-process server of the stack, listening on loopback. */
export interface Listening {
  url: string;
  port: number;
  /** Ends open keep-alive connections too, so the port is free when it resolves. */
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:port (0: a port the kernel picks); rejects when the port is taken. */
export function listenLoopback(server: http.Server, port: number): Promise<Listening> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const actual = (server.address() as net.AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${actual}`,
        port: actual,
        close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
      });
    });
  });
}

function tryListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ host: "127.0.0.1", port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** `count` distinct ports the kernel picks (port 0), held open together so they differ. */
async function ephemeralPorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => new Promise<net.Server>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ host: "127.0.0.1", port: 0, exclusive: true }, () => resolve(server));
  })));
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/**
 * `count` distinct free ports: the first ones found from `from` upwards, or, with `from` 0,
 * ports the kernel picks (what the tests use: no fixed port, no clash with a running stack).
 */
export async function freePorts(count: number, from = 19000): Promise<number[]> {
  if (from === 0) return ephemeralPorts(count);
  const ports: number[] = [];
  for (let port = from; ports.length < count && port < 65535; port++) {
    if (await tryListen(port)) ports.push(port);
  }
  if (ports.length < count) throw new Error(`only ${ports.length} free ports found from ${from}`);
  return ports;
}

/** True once something accepts TCP connections on 127.0.0.1:port. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });
}

/** `--base-port`: 1024–65000, or 0 for ports the kernel picks. */
export function parseBasePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || (port !== 0 && (port < 1024 || port > 65000))) {
    throw new Error(`--base-port must be 0 (ports the kernel picks) or a whole number from 1024 to 65000, got "${value}"`);
  }
  return port;
}
