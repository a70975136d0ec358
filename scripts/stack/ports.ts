// Free loopback ports for the local stack. Defaults start above 19000, as the README says.
import net from "node:net";

function tryListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ host: "127.0.0.1", port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** `count` distinct free ports, the first ones found from `from` upwards. */
export async function freePorts(count: number, from = 19000): Promise<number[]> {
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
