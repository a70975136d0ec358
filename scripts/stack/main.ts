// The live stack alone, without generate and check: `tsx scripts/stack/main.ts [--scenario NAME]
// [--locale zh|en] [--base-port N]`. `npm start` runs the same function after its checks; the
// lifecycle tests start this one (it is quicker).
import { parseArgs } from "node:util";
import { LOCALES, type Locale } from "../../catalog/types.ts";
import { runStackUntilSignal } from "./run.ts";
import { newRunDir } from "./runs.ts";
import { scenario } from "./scenarios.ts";
import { parseBasePort } from "./ports.ts";

try {
  const { values } = parseArgs({
    options: {
      scenario: { type: "string", default: "normal" },
      locale: { type: "string", default: "zh" },
      "base-port": { type: "string", default: "19000" },
    },
    strict: true,
  });
  scenario(values.scenario);
  if (!LOCALES.includes(values.locale as Locale)) throw new Error(`unknown locale "${values.locale}" (known: ${LOCALES.join(", ")})`);
  const basePort = parseBasePort(values["base-port"]);
  await runStackUntilSignal({ scenario: values.scenario, locale: values.locale as Locale, basePort, dir: newRunDir().dir });
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
