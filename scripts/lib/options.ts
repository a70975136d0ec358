// Command-line options shared by generate, check and start: --env, --locale, --out.
import { parseArgs } from "node:util";
import path from "node:path";
import { defaultEnvironment, environment } from "../../catalog/environments.ts";
import { LOCALES, type Environment, type Locale } from "../../catalog/types.ts";

export interface CliOptions {
  env: Environment;
  locale: Locale;
  /** The generated folder; `generated/` of the repository unless --out says otherwise. */
  out: string;
}

export function repoRoot(): string {
  return path.resolve(import.meta.dirname, "..", "..");
}

type ExtraOptions = Record<string, { type: "string" | "boolean"; default?: string | boolean }>;

/** The shared options, plus `extra` ones of one command (their values in `extra`). */
export function parseCliOptions(argv: string[], extra: ExtraOptions = {}): CliOptions & { extra: Record<string, unknown> } {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...extra,
      env: { type: "string", default: defaultEnvironment() },
      locale: { type: "string", default: "zh" },
      out: { type: "string", default: path.join(repoRoot(), "generated") },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!LOCALES.includes(values.locale as Locale)) {
    throw new Error(`unknown locale "${values.locale}" (known: ${LOCALES.join(", ")})`);
  }
  const extras = Object.fromEntries(Object.keys(extra).map((k) => [k, (values as Record<string, unknown>)[k]]));
  return { env: environment(values.env as string), locale: values.locale as Locale, out: path.resolve(values.out as string), extra: extras };
}
