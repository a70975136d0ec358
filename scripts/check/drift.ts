// Drift: the committed generated/ must be byte-identical to what render produces now.
import type { Bundle } from "../render/index.ts";
import type { Problem } from "../lib/problems.ts";

export function driftProblems(expected: Bundle, actual: Bundle, dirLabel = "generated"): Problem[] {
  const problems: Problem[] = [];
  for (const [path, content] of expected) {
    const found = actual.get(path);
    if (found === undefined) problems.push({ where: `${dirLabel}/${path}`, message: "missing: run `npm run generate`" });
    else if (found !== content) {
      problems.push({ where: `${dirLabel}/${path}`, message: `stale or edited by hand (${firstDifference(content, found)}): run \`npm run generate\`` });
    }
  }
  for (const path of actual.keys()) {
    if (!expected.has(path)) problems.push({ where: `${dirLabel}/${path}`, message: "extra: no definition generates this file" });
  }
  return problems;
}

function firstDifference(expected: string, actual: string): string {
  const a = expected.split("\n");
  const b = actual.split("\n");
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `first difference at line ${i + 1}`;
  }
  return "differs";
}
