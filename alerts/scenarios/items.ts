// The items of issue 10 that the failure scenarios must cover, each with a firing scenario and a
// quiet neighbour (the coverage check, scripts/check/coverage.ts, reads them from here).
import type { FailureItem } from "./types.ts";

export function failureItems(): Record<FailureItem, string> {
  return {
    1: "failing agents", 2: "blind exporter", 3: "vanishing backend", 4: "backups", 5: "uptime",
    6: "login outages", 7: "LLM outages", 8: "disks and hosts", 9: "monitoring of the monitoring",
    10: "minimum traffic", 11: "histogram interpolation", 12: "minimum sample", 13: "strict targets",
    14: "priorities agree with dependencies", 15: "alert storms",
  };
}
