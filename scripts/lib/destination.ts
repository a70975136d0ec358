// Where `npm start` and `npm run generate` write a bundle. `generated/` holds only the committed
// bundle (production, Chinese); any other environment or locale goes elsewhere, never over it.
import path from "node:path";
import { defaultEnvironment } from "../../catalog/environments.ts";
import type { CliOptions } from "./options.ts";
import { repoRoot } from "./options.ts";

export function committedDir(): string {
  return path.join(repoRoot(), "generated");
}

/** True for the bundle that is committed in `generated/`. */
export function isCommittedBundle(o: Pick<CliOptions, "env" | "locale">): boolean {
  return o.env.name === defaultEnvironment() && o.locale === "zh";
}

/** Problem with writing this bundle to `o.out`, if any: only the committed bundle may go to generated/. */
export function destinationProblem(o: CliOptions): string | undefined {
  if (path.resolve(o.out) !== committedDir() || isCommittedBundle(o)) return undefined;
  return `generated/ holds only the committed bundle (--env ${defaultEnvironment()} --locale zh); `
    + `--env ${o.env.name} --locale ${o.locale} needs --out DIR (e.g. --out /tmp/${o.env.name}-${o.locale})`;
}

/** `npm start`: the committed bundle goes to `o.out`; any other into the stack's run folder. */
export function startDestination(o: CliOptions, runDir: string): string {
  return destinationProblem(o) ? path.join(runDir, "bundle") : o.out;
}
