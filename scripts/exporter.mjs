// npm run exporter: the business exporter (exporters/main.ts), compiled by esbuild when its sources
// changed (scripts/lib/compiled.mjs), then run in this very process: Node's flags in package.json
// apply to it, and its pid is the exporter's.
import { runCompiled } from "./lib/compiled.mjs";

await runCompiled("exporters/main.ts");
