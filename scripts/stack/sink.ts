// The local webhook sink: receives Alertmanager's webhook notifications, keeps them for the e2e
// tests, and prints each alert in readable Chinese (receiver, priority, alert, summary, links).
// It shows labels and annotations of our own rules only, which never carry user content.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface SinkAlert {
  status: "firing" | "resolved";
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface Notification {
  /** The receiver the routing meant: the last path segment of the webhook URL. */
  receiver: string;
  status: "firing" | "resolved";
  alerts: SinkAlert[];
  at: number;
  /** The sending Alertmanager's --web.external-url (which peer of a cluster sent it). */
  externalUrl?: string;
}

export interface Sink {
  url: string;
  port: number;
  received: Notification[];
  close(): Promise<void>;
}

const MAX_BODY = 1 << 20;

export function describeNotification(n: Notification): string[] {
  return n.alerts.map((a) => {
    const state = a.status === "firing" ? "触发" : "已恢复";
    const priority = a.labels.priority ?? "无优先级";
    return [
      `[通知] 接收方 ${n.receiver} | ${priority} | ${a.labels.alertname ?? "?"}（${state}）`,
      `  摘要：${a.annotations.summary ?? ""}`,
      `  运行手册：${a.annotations.runbook_url ?? "无"}  仪表盘：${a.annotations.dashboard_url ?? "无"}`,
    ].join("\n");
  });
}

function parse(receiver: string, body: string): Notification {
  const payload = JSON.parse(body) as { status?: string; alerts?: SinkAlert[]; externalURL?: string };
  const alerts = (payload.alerts ?? []).map((a) => ({
    status: a.status === "resolved" ? "resolved" as const : "firing" as const,
    labels: { ...a.labels },
    annotations: { ...a.annotations },
  }));
  return { receiver, status: payload.status === "resolved" ? "resolved" : "firing", alerts, at: Date.now(), externalUrl: payload.externalURL };
}

export function startSink(port: number, print: (line: string) => void = () => undefined): Promise<Sink> {
  const received: Notification[] = [];
  const server = http.createServer((req, res) => {
    if (req.method !== "POST") {
      res.writeHead(req.url === "/healthz" ? 200 : 405).end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on("end", () => {
      const receiver = (req.url ?? "/").split("?")[0]!.split("/").filter(Boolean).pop() ?? "unknown";
      try {
        const n = parse(receiver, Buffer.concat(chunks).toString("utf8"));
        received.push(n);
        for (const line of describeNotification(n)) print(line);
        res.writeHead(200).end();
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const actual = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${actual}`,
        port: actual,
        received,
        close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
      });
    });
  });
}
