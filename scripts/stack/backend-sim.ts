// The simulated Xinliya API: it serves `http_server_request_duration_seconds` on its own /metrics,
// named as the OpenTelemetry HTTP conventions say, as the real backend would, for realistic routes.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Gauge, Histogram, Registry } from "prom-client";
import { metricByName } from "../../catalog/metrics.ts";
import { backendHistogramBuckets } from "../../catalog/buckets.ts";
import type { Scenario } from "./scenarios.ts";
import { startGenAiSim } from "./genai-sim.ts";

const ROUTES: [method: string, route: string, weight: number][] = [
  ["POST", "/api/v1/chat/messages", 40],
  ["GET", "/api/v1/chat/sessions", 15],
  ["POST", "/api/v1/chat/sessions", 5],
  ["GET", "/api/v1/users/me", 15],
  ["POST", "/api/v1/auth/login", 5],
  ["POST", "/api/v1/feedback", 5],
  ["GET", "/api/v1/agents", 10],
  ["GET", "/healthz", 5],
];

export interface BackendSim {
  port: number;
  setScenario(s: Scenario): void;
  close(): Promise<void>;
}

/**
 * The bucket bounds OpenTelemetry recommends for `http.server.request.duration`, plus the API
 * latency target, so that p95 against 2 s is read at an exact bound.
 */
export function backendBuckets(): number[] {
  return backendHistogramBuckets();
}

/**
 * The one-off failures of a scenario (`failedRequests`, a quiet night's one or two): a 500 on the
 * chat route, whose series the backend exposes at zero from the start (as an instrumentation that
 * registers its label sets does), so Prometheus sees each failure as an increase.
 */
const FAILURE = { http_request_method: "POST", http_route: "/api/v1/chat/messages", http_response_status_code: "500" };

export function startBackendSim(port: number, initial: Scenario, buckets = backendBuckets()): Promise<BackendSim> {
  const def = metricByName("http_server_request_duration_seconds")!;
  const registry = new Registry();
  const histogram = new Histogram({ name: def.name, help: def.help, labelNames: [...def.labels], buckets, registers: [registry] });
  histogram.zero(FAILURE);
  const started = metricByName("process_start_time_seconds")!;
  new Gauge({ name: started.name, help: started.help, registers: [registry] }).set(Math.floor(Date.now() / 1000));
  let current = initial;
  // Failures wait for a scrape after the scenario starts: one not yet seen at zero would not count.
  let pendingFailures = initial.failedRequests;
  let scraped = false;
  let due = 0;
  const genai = startGenAiSim(registry, () => current);
  const total = ROUTES.reduce((n, r) => n + r[2], 0);
  const tickMs = 250;
  const timer = setInterval(() => {
    due += (current.apiRequestsPerSecond * tickMs) / 1000;
    const n = Math.floor(due);
    due -= n;
    for (let i = 0; i < n; i++) {
      let pick = Math.random() * total;
      const [method, route] = ROUTES.find((r) => (pick -= r[2]) < 0) ?? ROUTES[0]!;
      const status = Math.random() < current.serverErrorShare ? "503" : Math.random() < 0.02 ? "404" : "200";
      const seconds = Math.random() < current.slowShare ? current.slowSeconds : 0.02 + Math.random() * 0.3;
      histogram.observe({ http_request_method: method, http_route: route, http_response_status_code: status }, seconds);
    }
    if (pendingFailures > 0 && scraped) {
      histogram.observe(FAILURE, 0.05 + Math.random() * 0.1);
      pendingFailures--;
    }
  }, tickMs);
  const server = http.createServer(async (req, res) => {
    if (req.url === "/metrics") {
      scraped = true;
      res.writeHead(200, { "content-type": registry.contentType }).end(await registry.metrics());
    } else {
      res.writeHead(req.url === "/healthz" ? 200 : 404).end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve({
      port: (server.address() as AddressInfo).port,
      setScenario: (s) => { current = s; pendingFailures = s.failedRequests; scraped = false; },
      close: () => new Promise((r) => { clearInterval(timer); genai.stop(); server.closeAllConnections(); server.close(() => r()); }),
    }));
  });
}
