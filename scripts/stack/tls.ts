// TLS for the local stack: a CA and a server certificate for 127.0.0.1 made by `openssl` at start,
// and the simulated backend's public health endpoint served over HTTPS with it. The endpoint can be
// stopped while the process stays up (`api-unreachable`) and restarted with a short-lived
// certificate (`cert-expiring`).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";

export interface Certificates {
  caFile: string;
  certFile: string;
  keyFile: string;
}

// ECDSA P-256 keys: an RSA-2048 key took openssl about 0.26 s of CPU to make (two or three per stack),
// a P-256 key 5 ms; blackbox_exporter, Node and Chromium all take either.
const NEW_KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"];

function openssl(args: string[], cwd: string): void {
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"], timeout: 30_000 });
}

/** A CA (once per folder) and a server certificate for 127.0.0.1 valid `days` days, signed by it. */
export function makeCertificates(dir: string, days: number): Certificates {
  fs.mkdirSync(dir, { recursive: true });
  const caFile = path.join(dir, "ca.pem");
  if (!fs.existsSync(caFile)) {
    openssl(["req", "-x509", ...NEW_KEY, "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "3650",
      "-subj", "/O=Xinliya local stack/CN=Xinliya local CA"], dir);
  }
  const name = `server-${days}d`;
  fs.writeFileSync(path.join(dir, `${name}.ext`), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
  openssl(["req", ...NEW_KEY, "-nodes", "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", "/O=Xinliya local stack/CN=127.0.0.1"], dir);
  openssl(["x509", "-req", "-in", `${name}.csr`, "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", `${name}.pem`,
    "-days", String(days), "-extfile", `${name}.ext`], dir);
  return { caFile, certFile: path.join(dir, `${name}.pem`), keyFile: path.join(dir, `${name}.key`) };
}

export interface HttpsEndpoint {
  url: string;
  port: number;
  /** Stops serving (connections refused); the backend process itself stays up. */
  stop(): Promise<void>;
  /** Serves again on the same port, with these certificates. */
  start(certs: Certificates): Promise<void>;
  close(): Promise<void>;
}

export async function startHttpsEndpoint(port: number, certs: Certificates): Promise<HttpsEndpoint> {
  let server: https.Server | undefined;
  const listen = (c: Certificates) => new Promise<void>((resolve, reject) => {
    const s = https.createServer({ cert: fs.readFileSync(c.certFile), key: fs.readFileSync(c.keyFile) }, (req, res) => {
      res.writeHead(req.url === "/healthz" ? 200 : 404, { "content-type": "application/json" }).end(req.url === "/healthz" ? '{"status":"ok"}' : "");
    });
    s.once("error", reject);
    s.listen(port, "127.0.0.1", () => { server = s; resolve(); });
  });
  const stop = () => new Promise<void>((resolve) => {
    const s = server;
    server = undefined;
    if (!s) return resolve();
    s.closeAllConnections();
    s.close(() => resolve());
  });
  await listen(certs);
  const actual = (server!.address() as AddressInfo).port;
  port = actual;
  return {
    url: `https://127.0.0.1:${actual}/healthz`, port: actual,
    stop,
    start: async (c) => { await stop(); await listen(c); },
    close: stop,
  };
}
