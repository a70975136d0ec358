// The only code that writes generated/. It replaces the folder in one step: the new tree is
// written beside it, then swapped in by rename, so a failure leaves the old tree untouched.
import fs from "node:fs";
import path from "node:path";
import type { Bundle } from "../render/index.ts";

/**
 * Top-level folders of `out` that a bundle without any file in them leaves as they are: the
 * Kubernetes tree (`--target kubernetes`) is written on its own, and writing the Prometheus bundle
 * (`npm start`, the tests) keeps it.
 */
const KEPT_UNLESS_WRITTEN = ["kubernetes"];

export function writeBundle(out: string, bundle: Bundle): void {
  const parent = path.dirname(out);
  const stamp = `${process.pid}-${Date.now()}`;
  const staging = path.join(parent, `${path.basename(out)}.tmp-${stamp}`);
  const old = path.join(parent, `${path.basename(out)}.old-${stamp}`);
  fs.mkdirSync(parent, { recursive: true });
  try {
    for (const [rel, content] of bundle) {
      const file = path.join(staging, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  for (const kept of KEPT_UNLESS_WRITTEN) {
    const written = [...bundle.keys()].some((rel) => rel.startsWith(`${kept}/`));
    if (!written && fs.existsSync(path.join(out, kept))) fs.cpSync(path.join(out, kept), path.join(staging, kept), { recursive: true });
  }
  // Two renames on one filesystem: between them `out` is absent for microseconds, never half-written.
  const hadOld = fs.existsSync(out);
  if (hadOld) fs.renameSync(out, old);
  try {
    fs.renameSync(staging, out);
  } catch (e) {
    if (hadOld) fs.renameSync(old, out);
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  if (hadOld) fs.rmSync(old, { recursive: true, force: true });
}

/** Every file under `dir`, as the same kind of map that render returns. */
export function readBundle(dir: string): Bundle {
  const files: [string, string][] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else files.push([child, fs.readFileSync(path.join(dir, child), "utf8")]);
    }
  };
  if (fs.existsSync(dir)) walk("");
  files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(files);
}
