// Grafana's own data plane, @grafana/data (pinned in package.json), loaded for Node the three ways
// it needs (checked on 13.2.3, Node 20):
// 1. the CommonJS build: the ESM build's named import from `moment-timezone` fails under Node;
// 2. the standard transformers registered by hand (in Grafana, the app registers them at start-up);
// 3. `window` and `navigator` defined AFTER loading: defined before, the library takes Node for a
//    browser at import time; the date formatters read `navigator.language` when they run.
import { createRequire } from "node:module";

type GrafanaData = typeof import("@grafana/data");

let loaded: GrafanaData | undefined;

/** The @grafana/data module, ready to transform frames and format values. Loaded once. */
export function grafanaData(): GrafanaData {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const gd = require("@grafana/data") as GrafanaData;
  const g = globalThis as Record<string, unknown>;
  if (g.window === undefined) g.window = globalThis;
  if (g.navigator === undefined) g.navigator = { language: "zh-CN", languages: ["zh-CN", "en-US"], userAgent: "node" };
  // standardTransformers lists some transformers under two names (joinByField is also
  // seriesToColumns): the registry refuses a duplicate id, so keep one entry per id.
  const transformers = [...new Map(Object.values(gd.standardTransformers).map((t) => [t.id, t])).values()];
  gd.standardTransformersRegistry.setInit(() => transformers.map((t) => ({
    id: t.id,
    name: t.name,
    description: t.description,
    // Grafana 13's registry loads each transformer lazily, through a promise.
    transformation: async () => t,
    // What only Grafana's transformation editor uses.
    editor: () => null, imageDark: "", imageLight: "",
  })));
  loaded = gd;
  return gd;
}

/** Grafana's dark theme, which colours thresholds and value mappings ("red" → its hex). */
export function grafanaTheme() {
  return grafanaData().createTheme();
}
