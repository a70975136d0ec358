import { defineConfig } from "vitest/config";
import { LongFirstSequencer } from "./test/sequencer.ts";

// Four projects. Most files only import the definitions and render or check them: they share their
// workers' module cache (`isolate: false`), so render, check and their libraries load once per
// worker instead of once per file (that import was a third of the suite's CPU time). Files that
// mock a module (vi.mock) or send signals to their own process (the lifecycle test) keep a fresh
// module graph each (`ISOLATED`). Files that load @grafana/data, which needs `window` and
// `navigator` defined (the data-plane tests, and the previews that the report test opens), share
// one among themselves (`BROWSER`), and so do the other live-stack files (`LIVE`): a fresh graph
// cost each of them 2–3 s of CPU to import the stack, render and check again (README, "Test time").
const ISOLATED = [
  "test/alerts/routing/safety-guards.test.ts",
  "test/alerts/system.test.ts",
  "test/alerts/targets.test.ts",
  "test/dashboards/one-source.test.ts",
  "test/exporters/fixture-metric.test.ts",
  "test/scripts/kubernetes/generate.test.ts",
  "test/scripts/stack/lifecycle.test.ts",
];
const BROWSER = [
  "test/grafana/**/*.test.ts",
  "test/scripts/report/**/*.test.ts",
  "test/scripts/stack/dataplane.e2e.test.ts",
];
const LIVE = [
  "test/scripts/stack/**/*.test.ts",
  "test/scripts/maintenance/**/*.test.ts",
];

export default defineConfig({
  test: {
    setupFiles: ["test/setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The machine has 2 cores; the real-tool tests spawn processes of their own.
    maxWorkers: 3,
    // The long files start first, across the projects (test/sequencer.ts).
    sequence: { sequencer: LongFirstSequencer },
    projects: [
      { extends: true, test: { name: "isolated", include: ISOLATED } },
      { extends: true, test: { name: "browser", include: BROWSER, exclude: ISOLATED, isolate: false } },
      { extends: true, test: { name: "live", include: LIVE, exclude: [...ISOLATED, ...BROWSER], isolate: false } },
      { extends: true, test: { name: "shared", include: ["test/**/*.test.ts"], exclude: [...ISOLATED, ...BROWSER, ...LIVE], isolate: false } },
    ],
  },
});
