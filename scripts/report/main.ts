// npm run report -- --kind daily|weekly|monthly --prometheus URL --alertmanager URL [--out DIR]
//   [--at TIME] [--locale zh|en] [--env production] [--dashboards-url URL] [--time-scale 1]
// Exits non-zero, naming the URL, when Prometheus or Alertmanager does not answer; then nothing is written.
import path from "node:path";
import { parseArgs } from "node:util";
import { defaultEnvironment, environment } from "../../catalog/environments.ts";
import { LOCALES, type Locale } from "../../catalog/types.ts";
import { parseAt, parseKind } from "./period.ts";
import { Alertmanager, Prometheus } from "./sources.ts";

try {
  const { values } = parseArgs({
    options: {
      kind: { type: "string" }, prometheus: { type: "string" }, alertmanager: { type: "string" },
      out: { type: "string", default: "reports" }, at: { type: "string" }, locale: { type: "string", default: "zh" },
      env: { type: "string", default: defaultEnvironment() }, "dashboards-url": { type: "string" }, "time-scale": { type: "string", default: "1" },
    },
    strict: true,
  });
  const kind = parseKind(values.kind);
  for (const flag of ["prometheus", "alertmanager"] as const) {
    if (!values[flag] || !/^https?:\/\//.test(values[flag]!)) throw new Error(`--${flag} must be an http(s) URL, got "${values[flag] ?? ""}"`);
  }
  if (!LOCALES.includes(values.locale as Locale)) throw new Error(`unknown locale "${values.locale}" (known: ${LOCALES.join(", ")})`);
  const timeScale = Number(values["time-scale"]);
  if (!(timeScale > 0 && timeScale <= 1)) throw new Error(`--time-scale must be a number in (0, 1], got "${values["time-scale"]}"`);
  // Both sources answer, or the report stops here, naming the URL (before the heavier imports).
  await new Prometheus(values.prometheus!.replace(/\/$/, "")).ready();
  await new Alertmanager(values.alertmanager!.replace(/\/$/, "")).alerts();
  const { buildReport } = await import("./build.ts");
  const { writeReport } = await import("./write.ts");
  const report = await buildReport({
    kind, prometheus: values.prometheus!, alertmanager: values.alertmanager!, at: parseAt(values.at),
    locale: values.locale as Locale, timeScale,
    // Chart links go to the environment's Grafana, or to --dashboards-url (a local stack's static server).
    env: { ...environment(values.env!), ...(values["dashboards-url"] ? { grafanaUrl: values["dashboards-url"].replace(/\/$/, "") } : {}) },
  });
  const written = await writeReport(report, path.resolve(values.out!));
  for (const f of Object.values(written)) console.log(path.relative(process.cwd(), f));
} catch (e) {
  console.error(`report: ${(e as Error).message}`);
  process.exit(1);
}
