// npm run check [-- --env production --locale zh --out generated]
import { formatResults, runChecks } from "./check/index.ts";
import { parseCliOptions } from "./lib/options.ts";

try {
  const options = parseCliOptions(process.argv.slice(2));
  const results = runChecks({ dir: options.out, env: options.env, locale: options.locale });
  console.log(formatResults(results));
  const failed = results.reduce((n, r) => n + r.problems.length, 0);
  if (failed > 0) {
    console.error(`\ncheck failed: ${failed} problem(s)`);
    process.exit(1);
  }
  console.log(`\nevery check passed (${results.length} checks)`);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
