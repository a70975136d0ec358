// npm run exporter: the business exporter (exporters/main.ts), compiled by esbuild when its sources
// changed (scripts/lib/exporter-bundle.mjs), then run in this very process: Node's flags in
// package.json apply to it, and its pid is the exporter's.
import { pathToFileURL } from "node:url";
import { exporterBundle } from "./lib/exporter-bundle.mjs";

await import(pathToFileURL(exporterBundle()).href);
