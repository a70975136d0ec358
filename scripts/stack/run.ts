// The main job of `npm start`: run the live stack, print where everything is, stop on Ctrl-C.
import path from "node:path";
import type { Locale } from "../../catalog/types.ts";
import { repoRoot } from "../lib/options.ts";
import { scenario as scenarioByName, scenarios } from "./scenarios.ts";
import { defaultTimeScale, portsClosed, startStack } from "./stack.ts";

export async function runStackUntilSignal(o: { scenario: string; locale: Locale }): Promise<void> {
  const chosen = scenarioByName(o.scenario); // names the unknown scenario before anything starts
  const dir = path.join(repoRoot(), ".stack", new Date().toISOString().replace(/[:.]/g, "-"));
  console.log(`\nStarting the live stack (scenario ${chosen.name}; data and logs in ${path.relative(process.cwd(), dir)}/) ...`);
  const stack = await startStack({ dir, scenario: chosen.name, locale: o.locale, print: (l) => console.log(l) });
  const scale = defaultTimeScale();
  console.log([
    "",
    "The live stack is up, every process on 127.0.0.1:",
    `  Prometheus         ${stack.urls.prometheus}`,
    `  Alertmanager       ${stack.urls.alertmanager}`,
    `  business exporter  ${stack.urls.exporter}/metrics`,
    `  node_exporter      ${stack.urls.nodeExporter}/metrics`,
    `  backend simulator  ${stack.urls.backend}/metrics`,
    `  webhook sink       ${stack.urls.sink} (notifications are printed below)`,
    `Rules run with every duration × ${scale} (the local demo scale); the production rules are unchanged.`,
    `Other scenarios: ${Object.keys(scenarios()).join(", ")} (npm start -- --scenario NAME).`,
    "Press Ctrl-C to stop.",
    "",
  ].join("\n"));
  await new Promise<void>((resolve) => {
    const stop = async () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      console.log("\nStopping the live stack ...");
      await stack.stop();
      console.log((await portsClosed(stack.urls)) ? "Stopped: no process and no port left." : "Stopped, but a port is still open.");
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
