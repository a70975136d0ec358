// Shared test helpers: temporary folders and rendered bundles.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { environment } from "../catalog/environments.ts";
import type { EnvironmentName, Locale } from "../catalog/types.ts";
import { writeBundle } from "../scripts/lib/bundle-io.ts";
import { type RenderOptions, render } from "../scripts/render/index.ts";

const created: string[] = [];

/** A fresh temporary folder, removed after the test file by test/setup.ts. */
export function tempDir(prefix = "xinliya-test-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function options(env: EnvironmentName = "production", locale: Locale = "zh"): RenderOptions {
  return { env: environment(env), locale };
}

/** Renders into a fresh temporary folder and returns the folder's path (the `generated` inside it). */
export function renderTo(opts: RenderOptions = options()): string {
  const out = path.join(tempDir(), "generated");
  writeBundle(out, render(opts));
  return out;
}
