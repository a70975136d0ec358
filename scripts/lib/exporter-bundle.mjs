// The business exporter compiled into one ES module by esbuild, the way a production build ships
// it: no TypeScript loader at run time. tsx transpiles each of the exporter's ~60 files as Node
// loads them, which costs about 0.5 s of CPU and tens of MB per start (0.64 s against 0.09 s
// measured on this machine); the stack, the exporter's process tests and `npm run exporter` start
// it often. Plain JavaScript so that `npm run exporter` needs no loader either.
//
// The bundle lives in node_modules/.cache/xinliya/ (never committed) and is rebuilt when the
// content of any file it was built from changes: each build records the SHA-256 of its inputs.
// Packages stay external (resolved from node_modules at run time, as with tsx). Builds write to
// a temporary name and rename, so processes starting at once never read half a file.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const ENTRY = "exporters/main.ts";

const sha = (file) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

function fresh(root, out, manifest) {
  try {
    const inputs = JSON.parse(fs.readFileSync(manifest, "utf8"));
    if (!fs.existsSync(out) || Object.keys(inputs).length === 0) return false;
    return Object.entries(inputs).every(([file, hash]) => sha(path.join(root, file)) === hash);
  } catch {
    return false;
  }
}

/** The path of the compiled exporter, built first if it is missing or older than a source. */
export function exporterBundle(root = ROOT) {
  const dir = path.join(root, "node_modules", ".cache", "xinliya");
  const out = path.join(dir, "exporter.mjs");
  const manifest = path.join(dir, "exporter.inputs.json");
  if (fresh(root, out, manifest)) return out;
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  // esbuild is loaded only to build: a start with a fresh bundle does not pay for it.
  const { buildSync } = createRequire(import.meta.url)("esbuild");
  const result = buildSync({
    absWorkingDir: root, entryPoints: [ENTRY], outfile: tmp, bundle: true, platform: "node", format: "esm",
    target: "node20", packages: "external", metafile: true, logLevel: "silent",
  });
  const inputs = Object.fromEntries(Object.keys(result.metafile.inputs).sort().map((f) => [f, sha(path.join(root, f))]));
  fs.writeFileSync(`${manifest}.${process.pid}.tmp`, JSON.stringify(inputs, null, 2));
  fs.renameSync(`${manifest}.${process.pid}.tmp`, manifest);
  fs.renameSync(tmp, out);
  return out;
}
