// The capacity dashboard's disk trend (bench:scale, issue 17, round 4): the least-squares line of
// each real filesystem's free bytes over capacityForecastLookback (7 d), its slope and its value
// now, recorded once per evaluation. The table "time until each disk is full" read 7 d of every
// filesystem three times per refresh (2.3 s p99 at 30 nodes); now it reads 2 × 90 series. A group
// of its own: its two 7 d reads run beside the system group, not in it. No alert reads them.
import { capacityForecastLookback } from "../catalog/dashboards.ts";
import { realFilesystems } from "./system.ts";
import type { RuleContext, RuleGroupDef } from "./types.ts";

export function capacityRecordNames() {
  const w = capacityForecastLookback();
  return {
    /** Bytes per second (negative while the free space falls). */
    slope: `instance_mountpoint:node_filesystem_avail_bytes:deriv${w}`,
    /** The line's value now: predict_linear(…, 0). */
    fitted: `instance_mountpoint:node_filesystem_avail_bytes:predict_linear${w}_0s`,
  };
}

export function capacityRules(ctx: RuleContext): RuleGroupDef {
  const n = capacityRecordNames();
  const avail = `node_filesystem_avail_bytes{${realFilesystems(ctx)}}[${capacityForecastLookback()}]`;
  return {
    domain: "capacity", group: "xinliya.capacity", tests: [],
    rules: [
      { kind: "record", record: n.slope, expr: `deriv(${avail})` },
      { kind: "record", record: n.fitted, expr: `predict_linear(${avail}, 0)` },
    ],
  };
}
