// What a live stack looked like when a wait timed out: CI keeps only the test's output, so a
// timeout carries the state that explains it. Alert names, states, receivers, job names and
// numbers only (no label value of a user or a session: the stack has none to give).
import type { Stack } from "../../../scripts/stack/stack.ts";
import { json } from "./wait.ts";

/** wait.ts's `json`, with a timeout, and its error as the answer: a diagnosis never throws. */
async function get<T>(url: string): Promise<T | string> {
  return json<T>(url, { signal: AbortSignal.timeout(3000) }).catch((e: Error) => `${url}: ${e.message}`);
}

type Vector = { data: { result: { metric: Record<string, string>; value: [number, string] }[] } };

async function query(stack: Stack, expr: string): Promise<string> {
  const body = await get<Vector>(`${stack.urls.prometheus}/api/v1/query?query=${encodeURIComponent(expr)}`);
  if (typeof body === "string") return body;
  return body.data.result.map((r) => `${Object.values(r.metric).join("/") || expr}=${Number(r.value[1]).toPrecision(3)}`).join(", ") || "(empty)";
}

/** One line per part: Prometheus's alerts, Alertmanager's, what the sink received, scrapes, load. */
export async function diagnose(stack: Stack, since = 0): Promise<string> {
  const lines: string[] = [];
  const prom = await get<{ data: { alerts: { labels: Record<string, string>; state: string }[] } }>(`${stack.urls.prometheus}/api/v1/alerts`);
  lines.push(`prometheus alerts: ${typeof prom === "string" ? prom
    : prom.data.alerts.map((a) => `${a.labels.alertname}(${a.state})`).sort().join(", ") || "(none)"}`);
  const am = await get<{ labels: Record<string, string>; status: { state: string; silencedBy: string[]; inhibitedBy: string[] } }[]>(
    `${stack.urls.alertmanager}/api/v2/alerts`);
  lines.push(`alertmanager alerts: ${typeof am === "string" ? am : am.map((a) => {
    const why = [a.status.silencedBy.length ? `silenced ${a.status.silencedBy.length}` : "", a.status.inhibitedBy.length ? "inhibited" : ""].filter(Boolean).join(" ");
    return `${a.labels.alertname}(${a.status.state}${why ? `: ${why}` : ""})`;
  }).sort().join(", ") || "(none)"}`);
  const received = new Map<string, number>();
  for (const n of stack.sink.received.filter((x) => x.at >= since)) {
    for (const a of n.alerts) {
      const key = `${a.labels.alertname}(${a.status})→${n.receiver}`;
      received.set(key, (received.get(key) ?? 0) + 1);
    }
  }
  lines.push(`sink since the wait's start: ${[...received].map(([k, v]) => `${k}×${v}`).sort().join(", ") || "(nothing)"}`);
  lines.push(`up: ${await query(stack, "up")}`);
  lines.push(`scrape seconds: ${await query(stack, "scrape_duration_seconds")}`);
  lines.push(`rule group seconds: ${await query(stack, "max by (rule_group) (prometheus_rule_group_last_duration_seconds) > 0.5")}`);
  lines.push(`missed evaluations: ${await query(stack, "sum(prometheus_rule_group_iterations_missed_total)")}`);
  lines.push(`notifications failed: ${await query(stack, "sum(increase(alertmanager_notifications_failed_total[1m]))")}`);
  const f = stack.senderFailures();
  lines.push(`batches the exporter did not take: events ${f.events}, crises ${f.crises}`);
  lines.push(`stack processes running: ${stack.processes.filter((p) => p.running).length}/${stack.processes.length}`);
  for (const p of stack.processes.filter((x) => !x.running)) lines.push(`${p.spec.name} exited:\n${p.logTail(5)}`);
  const exporter = stack.processes.find((p) => p.spec.name === "business exporter");
  if (exporter) lines.push(`exporter log:\n${exporter.logTail(4)}`);
  return lines.join("\n  ");
}
