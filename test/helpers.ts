// Shared test helpers: temporary folders and rendered bundles.
import path from "node:path";
import { environment } from "../catalog/environments.ts";
import type { EnvironmentName, Locale } from "../catalog/types.ts";
import { tempDir } from "./tempdirs.ts";
import { writeBundle } from "../scripts/lib/bundle-io.ts";
import { type RenderOptions, render } from "../scripts/render/index.ts";

export { tempDir } from "./tempdirs.ts";

export function options(env: EnvironmentName = "production", locale: Locale = "zh"): RenderOptions {
  return { env: environment(env), locale };
}

/** Renders into a fresh temporary folder and returns the folder's path (the `generated` inside it). */
export function renderTo(opts: RenderOptions = options()): string {
  const out = path.join(tempDir(), "generated");
  writeBundle(out, render(opts));
  return out;
}
