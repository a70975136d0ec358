// The local webhook sink: receives Alertmanager's webhook notifications, keeps them for the e2e
// tests, and prints each alert in readable Chinese (receiver, priority, alert, summary, links).
// It shows labels and annotations of our own rules only, which never carry user content.
import http from "node:http";
import { type Listening, listenLoopback } from "./ports.ts";

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

export interface Sink extends Listening {
  received: Notification[];
}

const MAX_BODY = 1 << 20;

/** The labels that tell one incident from another (the routing's group_by, README "Routing"). */
const CULPRIT_LABELS = ["instance", "agent", "provider", "backup", "job"] as const;

/**
 * One block per alert: receiver, priority, alert, state, summary, the description (value and
 * culprit), the culprit labels, the links. The Watchdog heartbeat is one status line.
 */
export function describeNotification(n: Notification): string[] {
  return n.alerts.map((a) => {
    const state = a.status === "firing" ? "触发" : "已恢复";
    if (a.labels.alertname === "Watchdog") {
      const time = new Date(n.at).toISOString().slice(11, 19);
      return `[心跳] Watchdog ${a.status === "firing" ? "正常" : "已停止"} · 接收方 ${n.receiver} · ${time} UTC`;
    }
    const priority = a.labels.priority ?? "无优先级";
    const culprit = CULPRIT_LABELS.filter((l) => a.labels[l]).map((l) => `${l}=${a.labels[l]}`).join(" ");
    return [
      `[通知] 接收方 ${n.receiver} | ${priority} | ${a.labels.alertname ?? "?"}（${state}）`,
      `  摘要：${a.annotations.summary ?? ""}`,
      `  详情：${a.annotations.description ?? "（无描述）"}`,
      ...(culprit ? [`  对象：${culprit}`] : []),
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

export async function startSink(port: number, print: (line: string) => void = () => undefined): Promise<Sink> {
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
  return { ...(await listenLoopback(server, port)), received };
}
