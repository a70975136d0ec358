import { describe, expect, it } from "vitest";
import { SHARDS, shardMatchers } from "../../alerts/api-buckets.ts";
import { backendHistogramBuckets } from "../../catalog/buckets.ts";

/** Whether `le` matches a shard's matcher, anchored as Prometheus anchors regex matchers. */
function matches(matcher: string, le: string): boolean {
  const m = /^le(=~|!~)"(.*)"$/.exec(matcher)!;
  const hit = new RegExp(`^(?:${m[2]})$`).test(le);
  return m[1] === "=~" ? hit : !hit;
}

describe("the API's bucket shards", () => {
  it("put every le, the catalog's (either spelling), +Inf and an unknown one, in exactly one shard", () => {
    const shards = shardMatchers();
    expect(shards).toHaveLength(SHARDS);
    const les = [...backendHistogramBuckets().flatMap((b) => (Number.isInteger(b) ? [String(b), `${b}.0`] : [String(b)])), "+Inf", "3", "0x5"];
    for (const le of les) expect(shards.filter((m) => matches(m, le)), le).toHaveLength(1);
  });

  it("spread the catalog's bounds evenly: no shard holds more than two of them and +Inf", () => {
    const bounds = [...backendHistogramBuckets().map(String), "+Inf"];
    for (const m of shardMatchers()) expect(bounds.filter((le) => matches(m, le)).length).toBeLessThanOrEqual(2);
  });
});
