// Runs a TypeScript entry compiled once into node_modules/.cache/xinliya/ (issue 17, round 5):
// loading ~200 modules through tsx's hooks took about two thirds of `npm run generate`, and an
// exporter start cost 0.64 s of CPU through tsx against 0.2 s compiled (the stacks and the
// exporter's tests start 26 of them per `npm test`).
// The bundle (esbuild, the compiler tsx itself uses; the npm packages bundled too, which spares
// Node's CommonJS loader ~0.2 s) is rebuilt when one of our sources it holds, package-lock.json or
// tsconfig.json has another modification time or size than when it was built, or when it is
// missing; the entry then runs with the same argv.
// Plain JavaScript, so that node runs it without a loader.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..", "..");
const cacheDir = path.join(root, "node_modules", ".cache", "xinliya");

/** CommonJS packages in an ES module bundle call `require`: the bundle's own. */
const BANNER = "import { createRequire as __xinliyaRequire } from 'node:module'; const require = __xinliyaRequire(import.meta.url);";

/** Each file's modification time and size: any change to either, either way, rebuilds. */
const EXTRA = ["package-lock.json", "tsconfig.json"];
function stamp(files) {
  return Object.fromEntries(files.map((f) => {
    const st = fs.statSync(path.join(root, f), { throwIfNoEntry: false });
    return [f, st ? [st.mtimeMs, st.size] : null];
  }));
}

/** Whether the bundle at `out` was built from the files as they are now (its `meta`). */
function fresh(out, meta) {
  if (!fs.existsSync(out) || !fs.existsSync(meta)) return false;
  const { stamps } = JSON.parse(fs.readFileSync(meta, "utf8"));
  if (!stamps) return false;
  const now = stamp(Object.keys(stamps));
  return Object.entries(stamps).every(([f, v]) => JSON.stringify(now[f]) === JSON.stringify(v));
}

async function build(entry, out, meta) {
  const { build: esbuild } = await import("esbuild");
  fs.mkdirSync(cacheDir, { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  const started = Date.now();
  const result = await esbuild({
    entryPoints: [path.join(root, entry)], outfile: tmp, bundle: true, platform: "node", format: "esm",
    target: "node20", metafile: true, logLevel: "error", absWorkingDir: root, banner: { js: BANNER },
    // The bundle lives elsewhere: repoRoot() (scripts/lib/options.ts) must still see scripts/lib/.
    define: { "import.meta.dirname": JSON.stringify(path.join(root, "scripts", "lib")) },
  });
  // Any other reference to the module's own place would see the cache's: refuse it, by name.
  const text = fs.readFileSync(tmp, "utf8");
  if (text.split("import.meta").length !== 2 || /\b__(dirname|filename)\b/.test(text)) {
    fs.rmSync(tmp, { force: true });
    throw new Error(`${entry}: a module it imports reads import.meta, __dirname or __filename (only repoRoot()'s import.meta.dirname is compiled); run it with tsx`);
  }
  // Our sources only: the packages change with package-lock.json.
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith("node_modules/"));
  const stamps = stamp([...inputs, ...EXTRA]);
  fs.renameSync(tmp, out);
  // A source saved while esbuild read it: this bundle runs now, and the next run builds again.
  if (Object.values(stamps).some((v) => v && v[0] > started - 1000)) fs.rmSync(meta, { force: true });
  else {
    fs.writeFileSync(`${meta}.${process.pid}.tmp`, JSON.stringify({ entry, stamps }, null, 1));
    fs.renameSync(`${meta}.${process.pid}.tmp`, meta);
  }
}

/** Builds in flight in this process, by entry: callers at once (two stacks starting together) share one. */
const building = new Map();

/** The compiled `entry` (a path from the repository's root, e.g. `exporters/main.ts`), built first if stale. */
export async function compiledEntry(entry) {
  const name = entry.replace(/[\\/]/g, "_").replace(/\.ts$/, "");
  const out = path.join(cacheDir, `${name}.mjs`);
  const meta = path.join(cacheDir, `${name}.inputs.json`);
  // Another process may build at the same time: its temporary files carry its own pid.
  if (!building.has(entry) && !fresh(out, meta)) {
    building.set(entry, build(entry, out, meta).finally(() => building.delete(entry)));
  }
  await building.get(entry);
  return out;
}

/** Runs `entry` compiled, in this process (its argv and Node flags are this process's). */
export async function runCompiled(entry) {
  await import(pathToFileURL(await compiledEntry(entry)).href);
}
