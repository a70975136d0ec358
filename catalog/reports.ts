// Numbers of the inspection reports (scripts/report/) that the alerts do not have.

/**
 * A resource is "to watch" (关注 / 观察) when its peak comes within this share of its threshold
 * (CPU 70 % against 80 %): the ops guide's thresholds are alarms, the report looks a step ahead.
 */
export function watchMargin(): number {
  return 0.1;
}

/** Traffic, users or LLM calls growing faster than this share from one period to the next are "to watch". */
export function growthWatchShare(): number {
  return 0.5;
}
