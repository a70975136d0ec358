// How often the heaviest rule groups are evaluated (issue 17, round 5). The pass over every raw
// bucket series of the backend histogram (alerts/api-buckets.ts: 614 400 series at production's
// 30 instances × 40 routes × 4 methods × 8 status codes) took 5–7 % of a 30 s interval per shard,
// ~13 s of CPU every 30 s in all, beside the panels' queries on the same two cores. Evaluated at
// twice the environment's evaluation interval (1m in production, the mixins' default), its
// records are at most one such interval older when ApiLatencyHigh (`for` 10m) and the latency
// panels read them: the alert pages up to one evaluation interval later (README, "Cost at
// production scale").
import { duration, seconds } from "./duration.ts";
import type { Duration, Environment } from "./types.ts";

/** The raw bucket pass's groups evaluate every this many of the environment's evaluation intervals. */
export function rawPassEvaluations(): number {
  return 2;
}

/** The rule file `interval` of the raw bucket pass's groups in `env`. */
export function rawPassInterval(env: Environment): Duration {
  return duration(seconds(env.evaluationInterval) * rawPassEvaluations());
}
