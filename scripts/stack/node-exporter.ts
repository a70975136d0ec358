// The stack's node_exporter runs the collectors whose series the catalog declares, and no other:
// scraped every second, its ~30 default collectors were a tenth of the test suite's CPU time
// (README, "Test time"), for series no rule, panel or report reads. The list follows the
// catalog: a node_exporter metric without a collector below stops the stack with its name.
import { metrics } from "../../catalog/metrics.ts";

/** Metric-name prefix → the node_exporter collector that exposes it. */
const COLLECTOR_OF: [prefix: string, collector: string][] = [
  ["node_cpu_", "cpu"],
  ["node_memory_", "meminfo"],
  ["node_filesystem_", "filesystem"],
  ["node_network_", "netdev"],
  ["node_netstat_", "netstat"],
  ["node_load", "loadavg"],
  ["node_vmstat_", "vmstat"],
  ["node_timex_", "timex"],
  ["node_textfile_", "textfile"],
];

/** Series node_exporter exposes whatever its collectors are. */
const ALWAYS = ["node_scrape_collector_"];

/** The collectors the catalog's node_exporter metrics need, and textfile (the backup jobs write there). */
export function nodeCollectors(): string[] {
  const out = new Set(["textfile"]);
  for (const m of metrics().filter((x) => x.source === "node_exporter")) {
    if (ALWAYS.some((p) => m.name.startsWith(p))) continue;
    const hit = COLLECTOR_OF.find(([p]) => m.name.startsWith(p));
    if (!hit) throw new Error(`catalog/metrics.ts: node_exporter metric ${m.name} has no collector in scripts/stack/node-exporter.ts`);
    out.add(hit[1]);
  }
  return [...out].sort();
}

/** node_exporter's flags for the stack: its address, the catalog's collectors, the textfile folder. */
export function nodeExporterArgs(port: number, textfileDir?: string): string[] {
  return [
    `--web.listen-address=127.0.0.1:${port}`,
    "--collector.disable-defaults",
    ...nodeCollectors().map((c) => `--collector.${c}`),
    ...(textfileDir ? [`--collector.textfile.directory=${textfileDir}`] : []),
  ];
}
