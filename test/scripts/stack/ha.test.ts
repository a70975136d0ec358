// High availability, live (`npm start -- --ha`): two Prometheus replicas (replica=a|b, the label
// dropped on the way to Alertmanager) and three Alertmanagers in one gossip cluster on 127.0.0.1.
// What Alertmanager's HA promises, played for real: one alert, one notification per receiver; the
// sending peer SIGKILLed, the next alert still once; one Prometheus SIGKILLed, it still pages; a
// silence made on one peer holds on the others; the Watchdog of both replicas, deduplicated.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notificationPolicy } from "../../../catalog/notifications.ts";
import { seconds } from "../../../catalog/duration.ts";
import { REPLICA_LABEL } from "../../../scripts/render/scaleout.ts";
import { portsClosed } from "../../../scripts/stack/stack.ts";
import { HA_GROUP_INTERVAL_FLOOR_S, type ScaleOutStack, startScaleOut } from "../../../scripts/stack/scaleout.ts";
import type { Notification } from "../../../scripts/stack/sink.ts";
import { tempDir } from "../../tempdirs.ts";
import { expectNoDataTierPages } from "./no-data-tier.ts";
import { json, waitFor } from "./wait.ts";

/** Peers are killed here: a probe that throws counts as "not yet"; polled every 250 ms. */
const poll = <T,>(what: string, ms: number, probe: () => T | undefined | Promise<T | undefined>) => waitFor(what, ms, probe, { everyMs: 250, ignoreErrors: true });

const TIME_SCALE = 1 / 40;
const PEER_TIMEOUT_S = 1;
/** After the first notification of an alert, long enough for the last peer (position 2) to have sent its copy. */
const SETTLE_MS = (2 * PEER_TIMEOUT_S + 2) * 1000;

let ha: ScaleOutStack;
let silenceId: string;

type AmAlert = { labels: Record<string, string>; status: { state: string; silencedBy: string[] } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const firing = (alert: string): Notification[] =>
  ha.sink.received.filter((n) => n.alerts.some((a) => a.labels.alertname === alert && a.status === "firing"));
/**
 * Notifications of an alert per receiver and per alert (its label set): an agent alert is per agent,
 * so several agents make several incidents, each of which must be notified once.
 */
const perReceiver = (alert: string): Record<string, Record<string, number>> => {
  const counts: Record<string, Record<string, number>> = {};
  for (const n of firing(alert)) {
    for (const a of n.alerts.filter((x) => x.labels.alertname === alert && x.status === "firing")) {
      const key = Object.entries(a.labels).filter(([k]) => ["agent", "job", "instance", "provider"].includes(k)).map(([k, v]) => `${k}=${v}`).sort().join(",");
      (counts[n.receiver] ??= {})[key] = ((counts[n.receiver] ??= {})[key] ?? 0) + 1;
    }
  }
  return counts;
};
/** Every (receiver, incident) pair was notified exactly once, and every receiver got every incident. */
function expectExactlyOnce(alert: string, receivers: string[]): void {
  const counts = perReceiver(alert);
  expect(Object.keys(counts).sort()).toEqual(receivers);
  const incidents = new Set(Object.values(counts).flatMap((c) => Object.keys(c)));
  for (const r of receivers) expect(counts[r], r).toEqual(Object.fromEntries([...incidents].map((i) => [i, 1])));
}
const liveAms = () => Object.entries(ha.alertmanagers).filter(([name]) => ha.processes.get(name)?.running);
const amAlerts = (url: string, alert: string) => json<AmAlert[]>(`${url}/api/v2/alerts?filter=${encodeURIComponent(`alertname="${alert}"`)}`);

async function firstDelivery(alert: string, receivers: string[]): Promise<void> {
  await poll(`${alert} on ${receivers.join(", ")}`, 60_000, () => receivers.every((r) => perReceiver(alert)[r]) || undefined);
}

/** The receivers the policy names for a priority (the catalog's contract, as in the routing tests). */
function receiversOf(priority: "P1" | "P2"): string[] {
  return [...notificationPolicy().priorities[priority].notify].sort();
}

beforeAll(async () => {
  ha = await startScaleOut({
    dir: path.join(tempDir("xinliya-ha-"), "ha"), topology: "ha", timeScale: TIME_SCALE, basePort: 0,
    peerTimeout: `${PEER_TIMEOUT_S * 1000}ms`, scenarios: ["latency-spike", "llm-outage"],
  });
  // A silence made on the third peer only, before LlmApiDown can fire.
  const now = Date.now();
  silenceId = (await json<{ silenceID: string }>(`${ha.alertmanagers["am-3"]}/api/v2/silences`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({
      matchers: [{ name: "alertname", value: "LlmApiDown", isRegex: false, isEqual: true }],
      startsAt: new Date(now).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(),
      createdBy: "ha.test", comment: "made on am-3 only",
    }),
  })).silenceID;
}, 60_000);

afterAll(async () => {
  await ha?.stop();
});

describe("HA stack: 2 Prometheus replicas, 3 Alertmanagers in one cluster", () => {
  it("forms one gossip cluster of three, and each Prometheus sends to all three", async () => {
    for (const [name, url] of Object.entries(ha.alertmanagers)) {
      const status = await poll(`${name} sees 3 peers`, 20_000, async () => {
        const s = await json<{ cluster: { status: string; peers: unknown[] } }>(`${url}/api/v2/status`);
        return s.cluster.peers.length === 3 && s.cluster.status === "ready" ? s : undefined;
      });
      expect(status.cluster.peers).toHaveLength(3);
    }
    for (const [replica, url] of Object.entries(ha.prometheus)) {
      // Both replicas scrape both (job prometheus): select this replica's own series.
      const self = `prometheus_notifications_sent_total{instance="${new URL(url).host}"} > 0`;
      const sentTo = await poll(`replica ${replica} sent to 3 Alertmanagers`, 20_000, async () => {
        const r = await json<{ data: { result: { metric: { alertmanager: string } }[] } }>(`${url}/api/v1/query?query=${encodeURIComponent(self)}`);
        return r.data.result.length === 3 ? r.data.result.map((s) => new URL(s.metric.alertmanager).port).sort() : undefined;
      });
      expect(sentTo).toEqual(Object.values(ha.alertmanagers).map((u) => new URL(u).port).sort());
    }
  });

  it("one alert from both replicas is one alert at every peer, without the replica label", async () => {
    for (const [, url] of liveAms()) {
      const alerts = await poll("Watchdog at the peer", 10_000, async () => {
        const a = await amAlerts(url, notificationPolicy().watchdog.alertname);
        return a.length > 0 ? a : undefined;
      });
      expect(alerts).toHaveLength(1); // two replicas, two copies, one alert: `replica` was dropped
      expect(alerts[0]!.labels).not.toHaveProperty(REPLICA_LABEL);
      expect(alerts[0]!.labels.environment).toBe("local");
    }
  });

  it("a silence created on one peer holds on the others", async () => {
    for (const [name, url] of liveAms()) {
      const s = await poll(`silence on ${name}`, 10_000, async () => {
        const all = await json<{ id: string; status: { state: string } }[]>(`${url}/api/v2/silences`);
        return all.find((x) => x.id === silenceId && x.status.state === "active");
      });
      expect(s.id).toBe(silenceId);
    }
  });

  it("one firing alert reaches each receiver exactly once, from one peer", async () => {
    const receivers = receiversOf("P1");
    await firstDelivery("ApiLatencyHigh", receivers);
    await sleep(SETTLE_MS);
    const counts = perReceiver("ApiLatencyHigh");
    console.log(`[ha] ApiLatencyHigh notifications per receiver, 3 peers up: ${JSON.stringify(counts)}`);
    expectExactlyOnce("ApiLatencyHigh", receivers);
    expect(new Set(firing("ApiLatencyHigh").map((n) => n.externalUrl)).size).toBe(1);
  }, 90_000);

  it("the silenced alert fires, is suppressed by that silence on every peer, and is never delivered", async () => {
    for (const [name, url] of liveAms()) {
      const a = await poll(`LlmApiDown suppressed on ${name}`, 30_000, async () => (await amAlerts(url, "LlmApiDown")).find((x) => x.status.state === "suppressed"));
      expect(a.status.silencedBy).toEqual([silenceId]);
    }
    expect(firing("LlmApiDown")).toEqual([]);
  }, 40_000);

  let amKilledAt = 0;
  let promKilledAt = 0;
  it("with the peer that sent SIGKILLed, the next alert is still delivered exactly once", async () => {
    const sender = firing("ApiLatencyHigh")[0]!.externalUrl!;
    const victim = Object.entries(ha.alertmanagers).find(([, u]) => u === sender)![0];
    await ha.kill(victim);
    amKilledAt = Date.now();
    expect(ha.processes.get(victim)!.running).toBe(false);
    // The next two alerts are armed now (their `for` is 15 s at this scale), and one Prometheus goes too.
    // Not an agent alert: LlmApiDown (silenced, yet still active) inhibits the agents' symptoms.
    ha.setScenario("latency-spike", "llm-outage", "error-burst", "auth-attack");
    await sleep(1000);
    await ha.kill("prometheus-a");
    promKilledAt = Date.now();
    // Until every survivor has declared the dead peer failed, two survivors can both believe they
    // are next in line and both send (README, "High availability"): the cluster notices first.
    for (const [name, url] of liveAms()) {
      await poll(`${name} sees the peer gone`, 15_000, async () =>
        (await json<{ cluster: { peers: unknown[] } }>(`${url}/api/v2/status`)).cluster.peers.length === 2 || undefined);
    }
    const noticedAt = Date.now();
    console.log(`[ha] the survivors dropped ${victim} from the cluster ${((noticedAt - amKilledAt) / 1000).toFixed(1)} s after its SIGKILL`);
    const receivers = receiversOf("P1");
    await firstDelivery("ApiSuccessRateLow", receivers);
    await sleep(SETTLE_MS);
    const counts = perReceiver("ApiSuccessRateLow");
    console.log(`[ha] ApiSuccessRateLow notifications per receiver, ${victim} SIGKILLed: ${JSON.stringify(counts)}`);
    expectExactlyOnce("ApiSuccessRateLow", receivers);
    console.log(`[ha] ApiSuccessRateLow sent at ${firing("ApiSuccessRateLow").map((n) => `${((n.at - amKilledAt) / 1000).toFixed(1)}s@${n.externalUrl?.split(":").pop()}`).join(", ")} (after the SIGKILL)`);
    expect(Math.min(...firing("ApiSuccessRateLow").map((n) => n.at))).toBeGreaterThan(noticedAt);
    expect(firing("ApiSuccessRateLow").every((n) => n.externalUrl !== sender)).toBe(true);
  }, 90_000);

  it("with one Prometheus SIGKILLed, the alert still pages, once, and the firing ones do not resolve", async () => {
    expect(ha.processes.get("prometheus-a")!.running).toBe(false);
    const receivers = receiversOf("P2");
    await firstDelivery("AuthFailuresHigh", receivers);
    await sleep(SETTLE_MS);
    const counts = perReceiver("AuthFailuresHigh");
    console.log(`[ha] AuthFailuresHigh notifications per receiver, prometheus-a and one peer SIGKILLed: ${JSON.stringify(counts)}`);
    expectExactlyOnce("AuthFailuresHigh", receivers);
    expect(Math.min(...firing("AuthFailuresHigh").map((n) => n.at))).toBeGreaterThan(promKilledAt);
    const resolved = ha.sink.received.filter((n) => n.alerts.some((a) => a.labels.alertname === "ApiLatencyHigh" && a.status === "resolved"));
    expect(resolved).toEqual([]);
  }, 90_000);

  it("the Watchdog of both replicas reaches the dead man's switch deduplicated", () => {
    const wd = ha.sink.received.filter((n) => n.receiver === "deadmans-switch");
    // Alertmanager sends a repeat at the first flush after repeat_interval: every group_interval (floored in HA).
    const gi = Math.max(seconds(notificationPolicy().watchdog.groupInterval) * TIME_SCALE, HA_GROUP_INTERVAL_FLOOR_S);
    const repeat = Math.ceil((seconds(notificationPolicy().watchdog.repeatInterval) * TIME_SCALE) / gi) * gi;
    const span = (wd.at(-1)!.at - wd[0]!.at) / 1000;
    const cycles = Math.ceil(span / repeat) + 1;
    const times = wd.map((n) => `${((n.at - amKilledAt) / 1000).toFixed(1)}s@${n.externalUrl?.split(":").pop()}`);
    console.log(`[ha] Watchdog: ${wd.length} notifications in ${span.toFixed(1)} s, repeat ${repeat} s (${cycles} cycles); at (relative to the peer's SIGKILL) ${times.join(", ")}`);
    expect(wd.length).toBeGreaterThanOrEqual(3);
    for (const n of wd) {
      expect(n.alerts).toHaveLength(1);
      expect(n.alerts[0]!.labels.alertname).toBe(notificationPolicy().watchdog.alertname);
      expect(n.alerts[0]!.labels).not.toHaveProperty(REPLICA_LABEL);
    }
    // Without the cluster each of the three peers would notify every cycle (3 × cycles); with it,
    // at most one notification per repeat interval, whichever peer sends it.
    expect(wd.length).toBeLessThanOrEqual(cycles + 1);
    for (let i = 1; i < wd.length; i++) expect(wd[i]!.at - wd[i - 1]!.at, `gap ${i}`).toBeGreaterThan((repeat * 1000) / 2);
  });

  it("runs no data tier: scrapes no data-tier job, and no alert about one reaches a receiver", () => {
    expectNoDataTierPages(ha);
  });

  it("leaves no process and no port", async () => {
    await ha.stop();
    expect([...ha.processes.values()].every((p) => !p.running)).toBe(true);
    expect(await portsClosed(ha.urls as never)).toBe(true);
  });
});
