// Reading the targets: kept apart from the data in targets.ts so that a test can replace the data
// (vi.mock of targets()) and see every rule, text and panel follow.
import { type TargetName, targets } from "./targets.ts";

export function target(name: TargetName): number {
  return targets()[name].value;
}

/** A target as people read it: "80%", "99.9%", "2s". */
export function formatTarget(name: TargetName): string {
  const t = targets()[name];
  return t.unit === "ratio" ? `${Number((t.value * 100).toPrecision(6))}%` : `${t.value}s`;
}
