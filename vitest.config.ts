import { defineConfig } from "vitest/config";
import { LongFirstSequencer } from "./test/sequencer.ts";

// Two projects. Most files only import the definitions and render or check them: they share their
// workers' module cache (`isolate: false`), so render, check and their libraries load once per
// worker instead of once per file (that import was a third of the suite's CPU time). Files that
// mock a module (vi.mock), define browser globals (@grafana/data needs `window`) or run live
// stacks keep a fresh module graph each.
const ISOLATED = [
  "test/alerts/routing/safety-guards.test.ts",
  "test/alerts/system.test.ts",
  "test/alerts/targets.test.ts",
  "test/dashboards/one-source.test.ts",
  "test/exporters/fixture-metric.test.ts",
  "test/scripts/kubernetes/generate.test.ts",
  "test/grafana/**/*.test.ts",
  "test/scripts/stack/**/*.test.ts",
  "test/scripts/report/**/*.test.ts",
  "test/scripts/maintenance/**/*.test.ts",
];

export default defineConfig({
  test: {
    setupFiles: ["test/setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The machine has 2 cores; the real-tool tests spawn processes of their own.
    maxWorkers: 3,
    // The long files start first, across both projects (test/sequencer.ts).
    sequence: { sequencer: LongFirstSequencer },
    projects: [
      { extends: true, test: { name: "isolated", include: ISOLATED } },
      { extends: true, test: { name: "shared", include: ["test/**/*.test.ts"], exclude: ISOLATED, isolate: false } },
    ],
  },
});
