// The production-shaped series of bench:scale: the backend's HTTP histogram, node_exporter's
// series on every node, the business exporter's whole allow-listed label space, and the
// Prometheus/Alertmanager self-metrics the rules read. Each group of lines shares one computation
// per timestamp (a histogram's buckets come from one count). Values are smooth and deterministic:
// counters grow with a daily cycle, gauges swing around a level; nothing here is random.
import { histogramBuckets } from "../../../catalog/buckets.ts";
import { defaultJobs } from "../../../catalog/selectors.ts";
import { labelSpace } from "../../../exporters/series.ts";
import { metrics } from "../../../catalog/metrics.ts";
import { backendBuckets } from "../../stack/backend-sim.ts";

/**
 * How far back a group is stored at the dense interval: the short window, a day, or a week (+ tail);
 * `recent`: only as far back as the rules read it (history.ts), for series no panel reads.
 */
export type History = "short" | "day" | "long" | "recent";

export interface Group {
  /** `name{labels} ` of each line, in order. */
  prefixes: string[];
  history: History;
  /** For `recent` groups: how far back (s) from the end of the data they are dense. */
  back?: number;
  /** A recorded series of a group with a longer interval: its step (s), when longer than the plan's. */
  every?: number;
  /** Writes the value of each line at Unix time `t` (seconds) into `out`. */
  values(t: number, out: number[]): void;
}

export interface Shape {
  instances: number;
  routes: number;
  methods: number;
  statuses: number;
  nodes: number;
  cpus: number;
  /** Start of the history (Unix s): counters are 0 there. */
  origin: number;
  /** Extra node_exporter metric names (e.g. read by the peer's rules), one generic series per node and device. */
  extraNodeMetrics?: string[];
}

const DAY = 86_400;
const W = (2 * Math.PI) / DAY;
const AMP = 0.4;

/** ∫ (1 + AMP·cos(W·s + φ)) ds from origin to t: a counter of rate 1 at the daily mean. */
function daily(t: number, origin: number, phase = 0): number {
  return t - origin + (AMP / W) * (Math.sin(W * t + phase) - Math.sin(W * origin + phase));
}
const swing = (t: number, phase = 0) => Math.cos(W * t + phase);

const esc = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
function prefix(name: string, labels: Record<string, string>): string {
  const body = Object.entries(labels).map(([k, v]) => `${k}="${esc(v)}"`).join(",");
  return `${name}{${body}} `;
}

/** A standard normal CDF (Abramowitz–Stegun 7.1.26), for log-normal latency shares. */
function phi(x: number): number {
  const s = x < 0 ? -1 : 1;
  const z = Math.abs(x) / Math.SQRT2;
  const k = 1 / (1 + 0.3275911 * z);
  const e = 1 - ((((1.061405429 * k - 1.453152027) * k + 1.421413741) * k - 0.284496736) * k + 0.254829592) * k * Math.exp(-z * z);
  return 0.5 * (1 + s * e);
}
const lognormalCdf = (x: number, median: number, sigma: number) => phi(Math.log(x / median) / sigma);

/** A cumulative histogram group: buckets, +Inf, _sum, _count from one smooth count. */
function histogram(name: string, labels: Record<string, string>, bounds: number[], rate: number, median: number, origin: number, phase: number, history: History = "short"): Group {
  const cdf = bounds.map((b) => lognormalCdf(b, median, 0.7));
  const mean = median * Math.exp(0.7 * 0.7 / 2);
  const prefixes = [
    ...bounds.map((b) => prefix(`${name}_bucket`, { ...labels, le: String(b) })),
    prefix(`${name}_bucket`, { ...labels, le: "+Inf" }),
    prefix(`${name}_sum`, labels),
    prefix(`${name}_count`, labels),
  ];
  const n = bounds.length;
  return {
    prefixes, history,
    values(t, out) {
      const count = Math.floor(rate * daily(t, origin, phase));
      for (let i = 0; i < n; i++) out[i] = Math.floor(count * cdf[i]!);
      out[n] = count;
      out[n + 1] = Math.round(count * mean * 1000) / 1000;
      out[n + 2] = count;
    },
  };
}

function counter(name: string, labels: Record<string, string>, rate: number, origin: number, phase = 0, history: History = "short"): Group {
  return { prefixes: [prefix(name, labels)], history, values: (t, out) => { out[0] = Math.floor(rate * daily(t, origin, phase)); } };
}

function gauge(name: string, labels: Record<string, string>, level: (t: number) => number, history: History = "short"): Group {
  return { prefixes: [prefix(name, labels)], history, values: (t, out) => { out[0] = level(t); } };
}

const ROUTE_NAMES = [
  "chat/messages", "chat/sessions", "chat/sessions/{id}", "chat/sessions/{id}/messages", "chat/stream",
  "users/me", "users/me/settings", "users/me/privacy", "auth/login", "auth/refresh", "auth/logout",
  "feedback", "agents", "agents/{id}", "mood/checkins", "mood/diary", "mood/diary/{id}", "journal",
  "journal/{id}", "exercises/breathing", "exercises/meditation", "sleep/stories", "cbt/thought-records",
  "gratitude", "goals", "goals/{id}", "habits", "articles", "articles/{id}", "assessments/phq9",
  "assessments/gad7", "crisis/resources", "safety-plan", "counsellors", "bookings", "summaries",
  "exports", "reminders", "notifications", "subscriptions",
];
const METHODS = ["GET", "POST", "PUT", "DELETE"];
const STATUSES: [code: string, share: number][] = [
  ["200", 0.93], ["201", 0.02], ["204", 0.01], ["400", 0.01], ["401", 0.01], ["404", 0.015], ["500", 0.003], ["503", 0.002],
];

/** The `instance` label of the i-th backend instance (0-based). */
export const backendInstance = (i: number) => `backend-${String(i + 1).padStart(2, "0")}:8080`;

/** The backend histogram: instances × routes × methods × statuses, each with every bucket. */
export function httpGroups(shape: Shape): Group[] {
  const job = defaultJobs().backend;
  const bounds = backendBuckets();
  const perInstance = 20; // requests per second per instance, at the daily mean
  const routes = Array.from({ length: shape.routes }, (_, i) => ROUTE_NAMES[i % ROUTE_NAMES.length] + (i >= ROUTE_NAMES.length ? `/v${Math.floor(i / ROUTE_NAMES.length)}` : ""));
  const routeWeight = routes.map((_, i) => 1 / (i + 1));
  const rw = routeWeight.reduce((a, b) => a + b, 0);
  const statuses = STATUSES.slice(0, shape.statuses);
  const out: Group[] = [];
  for (let i = 0; i < shape.instances; i++) {
    const instance = backendInstance(i);
    routes.forEach((route, r) => {
      const median = r === 0 ? 1.2 : 0.02 + 0.4 * ((r * 7) % 11) / 11;
      METHODS.slice(0, shape.methods).forEach((method, m) => {
        const methodShare = m === r % shape.methods ? 0.85 : 0.15 / Math.max(1, shape.methods - 1);
        for (const [code, share] of statuses) {
          const rate = (perInstance * routeWeight[r]! / rw) * methodShare * share;
          out.push(histogram("http_server_request_duration_seconds",
            { job, instance, http_request_method: method, http_route: `/api/v1/${route}`, http_response_status_code: code },
            bounds, rate, median, shape.origin, i * 0.1));
        }
      });
    });
  }
  return out;
}

const MODES: [mode: string, share: number][] = [
  ["user", 0.2], ["system", 0.06], ["iowait", 0.02], ["irq", 0.004], ["softirq", 0.01], ["steal", 0.004], ["nice", 0.002],
];
const MOUNTS = [
  { device: "/dev/vda1", fstype: "ext4", mountpoint: "/", size: 100e9, used: 0.55 },
  { device: "/dev/vdb", fstype: "xfs", mountpoint: "/data", size: 500e9, used: 0.6 },
  { device: "/dev/vda15", fstype: "vfat", mountpoint: "/boot/efi", size: 0.1e9, used: 0.06 },
  { device: "tmpfs", fstype: "tmpfs", mountpoint: "/run", size: 3.2e9, used: 0.01 },
];

/** node_exporter's series on every node, the ones our rules and panels read and the peer's extras. */
export function nodeGroups(shape: Shape): Group[] {
  const job = defaultJobs().node;
  const o = shape.origin;
  const out: Group[] = [];
  for (let n = 0; n < shape.nodes; n++) {
    const instance = `node-${String(n + 1).padStart(2, "0")}:9100`;
    const base = { job, instance };
    const ph = n * 0.37;
    for (let c = 0; c < shape.cpus; c++) {
      let busy = 0;
      for (const [mode, share] of MODES) {
        busy += share;
        out.push(counter("node_cpu_seconds_total", { ...base, cpu: String(c), mode }, share, o, ph));
      }
      // idle is what the busy modes leave: its rate is 1 − busy·(1 + AMP·cos), never negative.
      const b = busy;
      out.push({ prefixes: [prefix("node_cpu_seconds_total", { ...base, cpu: String(c), mode: "idle" })], history: "short",
        values: (t, v) => { v[0] = Math.floor((t - o) - b * daily(t, o, ph)); } });
    }
    const mem = 32 * 2 ** 30;
    out.push(gauge("node_memory_MemTotal_bytes", base, () => mem));
    out.push(gauge("node_memory_MemAvailable_bytes", base, (t) => Math.round(mem * (0.45 + 0.1 * swing(t, ph)))));
    for (const fs of MOUNTS) {
      const labels = { ...base, device: fs.device, fstype: fs.fstype, mountpoint: fs.mountpoint };
      // Each node's data disk fills at its own pace; a few reach the forecast horizon.
      const fill = fs.mountpoint === "/data" ? (n % 5) * 0.004 / DAY : 0;
      out.push(gauge("node_filesystem_size_bytes", labels, () => fs.size, "long"));
      out.push(gauge("node_filesystem_avail_bytes", labels, (t) => Math.round(fs.size * (1 - fs.used - fill * (t - o) - 0.002 * swing(t, ph))), "long"));
      out.push(gauge("node_filesystem_readonly", labels, () => 0, "long"));
    }
    for (const device of ["eth0", "lo"]) {
      out.push(counter("node_network_receive_bytes_total", { ...base, device }, device === "lo" ? 2e5 : 5e6, o, ph));
      out.push(counter("node_network_transmit_bytes_total", { ...base, device }, device === "lo" ? 2e5 : 4e6, o, ph));
    }
    out.push(gauge("node_netstat_Tcp_CurrEstab", base, (t) => Math.round(300 + 100 * swing(t, ph))));
    for (const [name, lag] of [["node_load1", 0], ["node_load5", 0.02], ["node_load15", 0.05]] as const) {
      out.push(gauge(name, base, (t) => Math.round(shape.cpus * (0.3 + 0.12 * swing(t - lag * DAY, ph)) * 100) / 100));
    }
    for (const name of shape.extraNodeMetrics ?? []) {
      const devices = /disk/.test(name) ? ["vda", "vdb"] : /network/.test(name) ? ["eth0", "lo"] : [""];
      for (const device of devices) {
        const labels = device ? { ...base, device } : base;
        out.push(/_total$|_seconds_total|pgmajfault/.test(name) ? counter(name, labels, 10, o, ph) : gauge(name, labels, (t) => Math.round(1e6 * (2 + swing(t, ph)))));
      }
    }
  }
  return out;
}

/** The business exporter's whole label space (exporters/series.ts), histograms with their buckets. */
export function businessGroups(shape: Shape): Group[] {
  const job = defaultJobs().businessExporter;
  const base = { job, instance: "business-exporter-1:9464" };
  const space = labelSpace();
  const buckets = histogramBuckets();
  const o = shape.origin;
  const out: Group[] = [];
  for (const def of metrics().filter((m) => m.source === "business_exporter")) {
    (space[def.name] ?? []).forEach((labels, i) => {
      const l = { ...base, ...labels };
      const ph = i * 0.13;
      if (def.type === "histogram") {
        const b = buckets[def.name]!;
        out.push(histogram(def.name, l, b, 0.5 / (1 + i % 7), def.name.includes("quality") ? 0.8 : b[Math.floor(b.length / 3)]!, o, ph));
      } else if (def.type === "counter") {
        out.push(counter(def.name, l, 0.2 / (1 + i % 5), o, ph, def.name === "xinliya_feedback_ratings_total" ? "day" : "short"));
      } else if (def.name.startsWith("xinliya_backup_last_success")) {
        out.push(gauge(def.name, l, (t) => t - 2 * 3600 - (t % DAY) * 0.01));
      } else if (def.name.startsWith("xinliya_backup")) {
        out.push(gauge(def.name, l, () => 1));
      } else {
        out.push(gauge(def.name, l, (t) => Math.round(2000 * (1 + 0.5 * swing(t, ph))), "long"));
      }
    });
  }
  return out;
}

/** `up` of every target and the Prometheus and Alertmanager self-metrics that rules and panels read. */
export function platformGroups(shape: Shape, ruleGroups: string[]): Group[] {
  const j = defaultJobs();
  const o = shape.origin;
  const targets: [string, string][] = [
    ...Array.from({ length: shape.nodes }, (_, n) => [j.node, `node-${String(n + 1).padStart(2, "0")}:9100`] as [string, string]),
    ...Array.from({ length: shape.instances }, (_, i) => [j.backend, backendInstance(i)] as [string, string]),
    [j.businessExporter, "business-exporter-1:9464"], [j.prometheus, "prometheus-1:9090"],
    [j.alertmanager, "alertmanager-1:9093"], [j.alertmanager, "alertmanager-2:9093"],
  ];
  const out: Group[] = targets.map(([job, instance]) => gauge("up", { job, instance }, () => 1));
  for (const group of ruleGroups) {
    const l = { job: j.prometheus, instance: "prometheus-1:9090", rule_group: group };
    out.push(counter("prometheus_rule_evaluations_total", l, 1 / 30, o));
    out.push(counter("prometheus_rule_evaluation_failures_total", l, 0, o));
  }
  for (const instance of ["alertmanager-1:9093", "alertmanager-2:9093"]) {
    for (const integration of ["email", "pagerduty", "slack", "webhook", "opsgenie", "wechat"]) {
      const l = { job: j.alertmanager, instance, integration };
      out.push(counter("alertmanager_notifications_total", l, 0.01, o));
      out.push(counter("alertmanager_notifications_failed_total", l, 0, o));
    }
  }
  return out;
}

export function allGroups(shape: Shape, ruleGroups: string[]): Group[] {
  return [...httpGroups(shape), ...nodeGroups(shape), ...businessGroups(shape), ...platformGroups(shape, ruleGroups)];
}

export const seriesOf = (groups: Group[]) => groups.reduce((n, g) => n + g.prefixes.length, 0);
