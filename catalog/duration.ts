// Prometheus durations ("90s", "15m", "1h30m", "3d") to seconds and back.
import type { Duration } from "./types.ts";

const UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };

export function seconds(duration: Duration): number {
  const parts = [...duration.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== duration) {
    throw new Error(`invalid duration "${duration}" (expected e.g. 30s, 5m, 1h30m)`);
  }
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNITS[p[2]!]!, 0);
}

/**
 * A duration times `factor`, in whole seconds, at least one: how a time-scaled demo bundle
 * (scripts/render/timescale.ts) writes every duration of its rules, and so what a rule that
 * computes with a window's length must multiply by there (alerts/promql.ts withRateFloor).
 */
export function scaledSeconds(d: Duration, factor: number): number {
  return Math.max(1, Math.round(seconds(d) * factor));
}

/** The shortest Prometheus duration for a whole number of seconds. */
export function duration(totalSeconds: number): Duration {
  if (!Number.isInteger(totalSeconds) || totalSeconds < 0) {
    throw new Error(`cannot write ${totalSeconds} seconds as a duration`);
  }
  if (totalSeconds === 0) return "0s";
  let rest = totalSeconds;
  let out = "";
  for (const [unit, size] of [["d", 86400], ["h", 3600], ["m", 60], ["s", 1]] as const) {
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return out;
}
