// Records what @grafana/prometheus's own transformV2 makes of the transform cases, into
// test/grafana/fixtures/transform-v2.json, which test/grafana/prom-frames.test.ts compares with our
// reproduction. Not part of the build: @grafana/prometheus needs @grafana/runtime and React at
// import time, so it is installed outside the project, e.g.
//   mkdir /tmp/gp && cd /tmp/gp && npm init -y && npm i --legacy-peer-deps --ignore-scripts @grafana/prometheus@13.2.3
//   npx tsx scripts/grafana/record-transform-fixture.ts /tmp/gp/node_modules
// @grafana/runtime is replaced by a stub whose getDataSourceSrv throws: transformV2 calls it only
// to link exemplars to a tracing datasource, which these cases never do.
import fs from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";
import { backendFrames } from "./prom-frames.ts";
import { plainFrames, transformCases } from "./transform-cases.ts";

const modules = process.argv[2];
if (!modules || !fs.existsSync(path.join(modules, "@grafana/prometheus"))) {
  console.error("usage: tsx scripts/grafana/record-transform-fixture.ts <node_modules holding @grafana/prometheus>");
  process.exit(2);
}
const stub = path.join(path.dirname(modules), "grafana-runtime-stub.cjs");
fs.writeFileSync(stub, "exports.getDataSourceSrv = () => { throw new Error('no datasource service outside Grafana'); };\n");
const ownData = createRequire(import.meta.url).resolve("@grafana/data");
const m = Module as unknown as { _resolveFilename: (r: string, ...a: unknown[]) => string };
const resolve = m._resolveFilename;
m._resolveFilename = function (request: string, ...rest: unknown[]) {
  if (request === "@grafana/runtime") return stub;
  // Our pinned @grafana/data, so that both sides run the same data-frame code.
  if (request === "@grafana/data") return ownData;
  return resolve.call(this, request, ...rest);
};
const req = createRequire(path.join(modules, "x.js"));
const version = (req("@grafana/prometheus/package.json") as { version: string }).version;
const { transformV2 } = req(path.join(modules, "@grafana/prometheus/dist/cjs/result_transformer.cjs"));
const recorded = transformCases().map((c) => {
  const frames = c.targets.flatMap((t) => backendFrames(t, c.answers[t.refId]!));
  const out = transformV2({ data: frames }, { targets: c.targets, app: "dashboard" }, {});
  return { name: c.name, frames: plainFrames(out.data) };
});
const file = path.join(import.meta.dirname, "../../test/grafana/fixtures/transform-v2.json");
fs.writeFileSync(file, `${JSON.stringify({ library: `@grafana/prometheus ${version}`, cases: recorded }, null, 1)}\n`);
console.log(`recorded ${recorded.length} cases from @grafana/prometheus ${version} into ${file}`);
