// npm run generate [-- --env production --locale zh --out generated]
import { render } from "./render/index.ts";
import { writeBundle } from "./lib/bundle-io.ts";
import { parseCliOptions } from "./lib/options.ts";
import path from "node:path";
import { destinationProblem } from "./lib/destination.ts";

try {
  const options = parseCliOptions(process.argv.slice(2));
  const problem = destinationProblem(options);
  if (problem) throw new Error(problem);
  const bundle = render(options);
  writeBundle(options.out, bundle);
  console.log(`generated ${bundle.size} files into ${path.relative(process.cwd(), options.out) || "."} (env ${options.env.name}, locale ${options.locale})`);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
