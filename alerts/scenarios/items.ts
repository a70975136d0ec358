// The items that the failure scenarios must cover (issue 10's 1–15, then issue 13's data tier and the
// crisis pipeline), each with a firing scenario and a quiet neighbour (the coverage check,
// scripts/check/coverage.ts, reads them from here).
import type { FailureItem } from "./types.ts";

export function failureItems(): Record<FailureItem, string> {
  return {
    1: "failing agents", 2: "blind exporter", 3: "vanishing backend", 4: "backups", 5: "uptime",
    6: "login outages", 7: "LLM outages", 8: "disks and hosts", 9: "monitoring of the monitoring",
    10: "minimum traffic", 11: "histogram interpolation", 12: "minimum sample", 13: "strict targets",
    14: "priorities agree with dependencies", 15: "alert storms",
    16: "PostgreSQL", 17: "Redis", 18: "reachability and certificates", 19: "probe uptime SLI",
    20: "restore drills and dumps", 21: "crisis pipeline",
  };
}
