// npm start [-- --scenario NAME] [-- --no-stack]: generate, check, say what was generated and
// where, then run the live stack (scripts/stack/) until Ctrl-C.
import path from "node:path";
import { render } from "./render/index.ts";
import { writeBundle } from "./lib/bundle-io.ts";
import { parseCliOptions } from "./lib/options.ts";
import { formatResults, runChecks } from "./check/index.ts";
import { runStackUntilSignal } from "./stack/run.ts";
import { runScaleOutUntilSignal } from "./stack/scaleout-run.ts";

function describe(file: string): string {
  if (file.startsWith("prometheus/rules/")) return "Prometheus alerting and recording rules";
  if (file.startsWith("prometheus/tests/")) return "promtool unit tests";
  if (file === "prometheus/prometheus.yml") return "Prometheus config: scrape jobs, rule files, Alertmanagers";
  if (file === "alertmanager/alertmanager.yml") return "Alertmanager routing by priority";
  if (file.startsWith("alertmanager/templates/")) return "Alertmanager notification templates";
  if (file.startsWith("grafana/dashboards/")) return "Grafana dashboard";
  if (file.startsWith("grafana/provisioning/")) return "Grafana provisioning";
  if (file.startsWith("runbooks/")) return "runbook of the alert (Markdown)";
  return "";
}

async function main(): Promise<void> {
  const options = parseCliOptions(process.argv.slice(2), {
    scenario: { type: "string", default: "normal" },
    "no-stack": { type: "boolean", default: false },
    "base-port": { type: "string", default: "19000" },
    ha: { type: "boolean", default: false },
    "long-term": { type: "boolean", default: false },
  });
  const bundle = render(options);
  writeBundle(options.out, bundle);
  const rel = path.relative(process.cwd(), options.out) || ".";
  console.log(`Generated ${bundle.size} files into ${rel}/ (environment ${options.env.name}, locale ${options.locale}):`);
  for (const file of bundle.keys()) console.log(`  ${rel}/${file.padEnd(48)} ${describe(file)}`);
  console.log("\nChecks:");
  const results = runChecks({ dir: options.out, env: options.env, locale: options.locale });
  console.log(formatResults(results));
  const failed = results.reduce((n, r) => n + r.problems.length, 0);
  if (failed > 0) {
    console.error(`\n${failed} problem(s) found.`);
    process.exit(1);
  }
  console.log(`\nEvery check passed (${results.length} checks).`);
  if (options.extra["no-stack"]) return;
  const basePort = Number(options.extra["base-port"]);
  if (!Number.isInteger(basePort) || basePort < 1024 || basePort > 65000) {
    throw new Error(`--base-port must be a whole number from 1024 to 65000, got "${options.extra["base-port"]}"`);
  }
  const topology = options.extra.ha ? "ha" : options.extra["long-term"] ? "long-term" : undefined;
  if (options.extra.ha && options.extra["long-term"]) throw new Error("--ha and --long-term are two different stacks: choose one");
  if (topology) await runScaleOutUntilSignal({ topology, scenario: String(options.extra.scenario), locale: options.locale, basePort });
  else await runStackUntilSignal({ scenario: String(options.extra.scenario), locale: options.locale, basePort });
}

main().catch((e) => {
  console.error((e as Error).message);
  process.exit(1);
});
