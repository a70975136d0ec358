// npm start [-- --scenario NAME] [-- --no-stack] [-- --base-port N]: generate, check, say what was
// generated and where, then run the live stack (scripts/stack/) until Ctrl-C. Flags are checked
// first; only the committed bundle (production, zh) is written to generated/, any other
// environment or locale into the run folder `.stack/<time>/bundle/`.
// Only light modules are imported up front, so a bad flag is refused in a moment.
import path from "node:path";
import { destinationProblem, startDestination } from "./lib/destination.ts";
import { parseCliOptions } from "./lib/options.ts";
import { parseBasePort } from "./stack/ports.ts";
import { newRunDir } from "./stack/runs.ts";
import { scenario } from "./stack/scenarios.ts";

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
  // Configuration errors first, before generate and check run.
  const chosen = scenario(String(options.extra.scenario));
  if (options.extra.ha && options.extra["long-term"]) throw new Error("--ha and --long-term are two different stacks: choose one");
  const basePort = parseBasePort(String(options.extra["base-port"]));
  // A run folder when the stack runs or the bundle may not go to generated/.
  const run = options.extra["no-stack"] && !destinationProblem(options) ? undefined : newRunDir();
  for (const old of run?.removed ?? []) console.log(`Removed an old run folder: ${path.relative(process.cwd(), old)}`);
  const out = run ? startDestination(options, run.dir) : options.out;
  const { render } = await import("./render/index.ts");
  const { writeBundle } = await import("./lib/bundle-io.ts");
  const { formatResults, runChecks } = await import("./check/index.ts");
  const { runStackUntilSignal } = await import("./stack/run.ts");
  const bundle = render(options);
  writeBundle(out, bundle);
  const rel = path.relative(process.cwd(), out) || ".";
  console.log(`Generated ${bundle.size} files into ${rel}/ (environment ${options.env.name}, locale ${options.locale}):`);
  for (const file of bundle.keys()) console.log(`  ${rel}/${file.padEnd(48)} ${describe(file)}`);
  console.log("\nChecks:");
  const results = runChecks({ dir: out, env: options.env, locale: options.locale });
  console.log(formatResults(results));
  const failed = results.reduce((n, r) => n + r.problems.length, 0);
  if (failed > 0) {
    console.error(`\n${failed} problem(s) found.`);
    process.exit(1);
  }
  console.log(`\nEvery check passed (${results.length} checks).`);
  if (options.extra["no-stack"]) return;
  const topology = options.extra.ha ? "ha" : options.extra["long-term"] ? "long-term" : undefined;
  if (topology) {
    const { runScaleOutUntilSignal } = await import("./stack/scaleout-run.ts");
    await runScaleOutUntilSignal({ topology, scenario: chosen.name, locale: options.locale, basePort });
  } else {
    await runStackUntilSignal({ scenario: chosen.name, locale: options.locale, basePort, dir: run!.dir });
  }
}

main().catch((e) => {
  console.error((e as Error).message);
  process.exit(1);
});
