// The catalog's targets with some values moved, for tests that change a target and watch every
// rule, text, test and panel follow. Used from a vi.mock factory:
//   const state = vi.hoisted(() => ({ moved: {} as Record<string, number> }));
//   vi.mock("../../catalog/targets.ts", async (original) =>
//     (await import("../movable-targets.ts")).movableTargets(original, () => state.moved));
import type { TargetName } from "../catalog/targets.ts";

type TargetsModule = typeof import("../catalog/targets.ts");

export async function movableTargets(importOriginal: <T>() => Promise<T>, moved: () => Record<string, number>): Promise<TargetsModule> {
  const real = await importOriginal<TargetsModule>();
  return {
    ...real,
    targets: () => {
      const t = real.targets();
      for (const [name, value] of Object.entries(moved())) t[name as TargetName] = { ...t[name as TargetName], value };
      return t;
    },
  };
}
