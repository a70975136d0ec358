// What `npm start` prints once the stack is up: every URL to look at (README, "What to look at").
import path from "node:path";
import { scenarios } from "./scenarios.ts";
import { previewMaxAgeMs } from "./previews.ts";
import { reportIntervalMs } from "./reports.ts";
import { defaultTimeScale, type Stack } from "./stack.ts";

export function stackBanner(stack: Stack): string {
  const u = stack.urls;
  const rel = path.relative(process.cwd(), stack.dir) || ".";
  return [
    "",
    "The live stack is up, every process on 127.0.0.1:",
    `  Prometheus         ${u.prometheus}  (alerts: ${u.prometheus}/alerts, queries: ${u.prometheus}/graph)`,
    `  Alertmanager       ${u.alertmanager}  (no web UI in Debian's package: amtool alert --alertmanager.url=${u.alertmanager})`,
    `  runbooks           ${u.static}/runbooks/`,
    `  dashboards         ${u.grafana ?? `${u.static}/d/`}${u.grafana ? "" : "  (panels and their queries, linked to Prometheus)"}`,
    `  reports            ${u.static}/reports/  (a daily report of this stack every ${reportIntervalMs(defaultTimeScale()) / 60_000} min, files in ${rel}/reports/)`,
    `  previews           ${u.static}/previews/  (each dashboard, rendered again when requested: HTML older than ${previewMaxAgeMs("html", defaultTimeScale()) / 60_000} min, PNG older than ${previewMaxAgeMs("png", defaultTimeScale()) / 60_000} min; files in ${rel}/previews/)`,
    `  business exporter  ${u.exporter}/metrics`,
    `  node_exporter      ${u.nodeExporter}/metrics`,
    `  backend simulator  ${u.backend}/metrics`,
    `  webhook sink       ${u.sink} (notifications are printed below)`,
    `Rules run with every duration × ${defaultTimeScale()} (the local demo scale); the production rules are unchanged.`,
    `Other scenarios: ${Object.keys(scenarios()).join(", ")} (npm start -- --scenario NAME).`,
    "Press Ctrl-C to stop.",
    "",
  ].join("\n");
}
