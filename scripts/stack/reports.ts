// Placeholder, replaced below.
import type { Stack } from "./stack.ts";
export function startStackReports(_stack: Stack, _print: (l: string) => void): { stop(): void } {
  return { stop: () => undefined };
}
