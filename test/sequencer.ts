// The order in which vitest hands test files to its workers. Its own sequencer runs the projects
// one after the other (isolated before shared) and, without a results cache (a fresh clone, CI),
// orders files by size: the slowest file, check.test.ts, then starts last and runs alone at the
// end. Here the files known to be long start first, whatever their project, and the rest follow in
// vitest's own order (by recorded duration when there is a cache). The weights are seconds of one
// quiet run (README, "Test time"); a file missing from the list only starts later, it still runs.
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** The long files, longest first: live stacks, promtool's unit tests, renders of every target. */
export const LONG_FILES = [
  "test/scripts/check.test.ts",
  "test/scripts/stack/paging.e2e.test.ts",
  "test/scripts/stack/lifecycle.test.ts",
  "test/scripts/stack/ha.test.ts",
  "test/alerts/targets.test.ts",
  "test/scripts/report/live.test.ts",
  "test/scripts/stack/e2e.test.ts",
  "test/scripts/stack/longterm.test.ts",
  "test/scripts/kubernetes/generate.test.ts",
  "test/scripts/stack/data-e2e.test.ts",
  "test/scripts/stack/safety-e2e.test.ts",
  "test/scripts/stack/dataplane.e2e.test.ts",
  "test/dashboards/one-source.test.ts",
  "test/alerts/routing/routes.test.ts",
  "test/exporters/attacks.test.ts",
  "test/exporters/durability.test.ts",
  "test/exporters/privacy.test.ts",
];

export class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = LONG_FILES.findIndex((name) => f.moduleId.endsWith(`/${name}`));
      return i === -1 ? LONG_FILES.length : i;
    };
    return base.map((f, i) => ({ f, i, r: rank(f) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.f);
  }
}
