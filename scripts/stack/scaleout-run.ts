// `npm start -- --ha` and `npm start -- --long-term`: run a scale-out stack (scaleout.ts) until Ctrl-C.
import path from "node:path";
import type { Locale } from "../../catalog/types.ts";
import { repoRoot } from "../lib/options.ts";
import { type Topology, startScaleOut } from "./scaleout.ts";
import { scenario as scenarioByName } from "./scenarios.ts";
import { defaultTimeScale, portsClosed } from "./stack.ts";

export async function runScaleOutUntilSignal(o: { topology: Topology; scenario: string; locale: Locale; basePort: number }): Promise<void> {
  const chosen = scenarioByName(o.scenario); // names the unknown scenario before anything starts
  const dir = path.join(repoRoot(), ".stack", `${o.topology}-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  console.log(`\nStarting the ${o.topology} stack (scenario ${chosen.name}; data and logs in ${path.relative(process.cwd(), dir)}/) ...`);
  const stack = await startScaleOut({ dir, topology: o.topology, scenarios: [chosen.name], locale: o.locale, basePort: o.basePort, timeScale: defaultTimeScale(), print: (l) => console.log(l) });
  const pad = (s: string) => s.padEnd(20);
  console.log([
    "",
    `The ${o.topology} stack is up, every process on 127.0.0.1:`,
    ...Object.entries(stack.urls).map(([name, url]) => `  ${pad(name)} ${url}`),
    o.topology === "ha"
      ? "Two Prometheus replicas (external label replica=a|b, dropped on the way to Alertmanager) send to all three Alertmanagers, one gossip cluster."
      : "Prometheus remote-writes to VictoriaMetrics; vmalert evaluates the rules on VictoriaMetrics and sends to Alertmanager. Grafana's datasource is VictoriaMetrics.",
    `Rules run with every duration × ${defaultTimeScale()} (the local demo scale). Press Ctrl-C to stop.`,
    "",
  ].join("\n"));
  await new Promise<void>((resolve) => {
    const stop = async () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      console.log("\nStopping ...");
      await stack.stop();
      console.log((await portsClosed(stack.urls as never)) ? "Stopped: no process and no port left." : "Stopped, but a port is still open.");
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
