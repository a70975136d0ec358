// The backend histogram's buckets, recorded in shards (bench:scale, issue 17, round 4). At 30
// instances × 40 routes × 4 methods × 8 codes the histogram has 614 400 bucket series, and one
// rate over all of them took 5–6 s per evaluation: 20 % of the 30 s interval, twice (per instance
// and per route). Here ONE pass over the raw buckets keeps both (job, instance, method, route, le),
// and the per-instance and per-route bucket records are summed from it; the pass is split by `le`
// over SHARDS groups, which Prometheus evaluates each at its own offset in the interval, so that
// each group reads 1/SHARDS of the buckets. The last shard takes every `le` the others do not
// (`!~`), so that a bucket the catalog does not list is still recorded, exactly once.
import { backendHistogramBuckets } from "../catalog/buckets.ts";
import { rawPassInterval } from "../catalog/evaluation.ts";
import { jobMatcher } from "../catalog/selectors.ts";
import { rateWindow } from "../catalog/targets.ts";
import { apiRecordNames } from "./api.ts";
import { leRegex } from "./promql.ts";
import type { RecordDef, RuleContext, RuleGroupDef } from "./types.ts";

/** Groups the raw bucket pass is split over: 2 bounds each over the catalog's 15 and +Inf. */
export const SHARDS = 8;

/** The `le` matcher of each shard: disjoint, and together every `le` there is. */
export function shardMatchers(): string[] {
  const bounds = backendHistogramBuckets();
  const per = Math.ceil((bounds.length + 1) / SHARDS);
  const sets = Array.from({ length: SHARDS - 1 }, (_, i) => bounds.slice(i * per, (i + 1) * per)).filter((s) => s.length > 0);
  const own = sets.map((s) => `le=~"${s.map(leRegex).join("|")}"`);
  return [...own, `le!~"${sets.flat().map(leRegex).join("|")}"`];
}

const domain = (i: number) => `api-buckets-${i + 1}`;
const group = (i: number) => `xinliya.api_buckets_${i + 1}`;

/** The shard groups, for the `reads` of every domain that reads the bucket records. */
export function apiBucketReads(): { domain: string; group: string }[] {
  return shardMatchers().map((_, i) => ({ domain: domain(i), group: group(i) }));
}

function shardRecords(ctx: RuleContext, le: string): RecordDef[] {
  const n = apiRecordNames();
  const job = jobMatcher(ctx.env, "backend");
  const mine = `${n.bucketsByInstanceRoute}{${le}}`;
  return [
    { kind: "record", record: n.bucketsByInstanceRoute, expr: `sum by (job, instance, http_request_method, http_route, le) (rate(http_server_request_duration_seconds_bucket{${job}, ${le}}[${rateWindow()}]))` },
    { kind: "record", record: n.bucketsByInstance, expr: `sum by (job, instance, le) (${mine})` },
    { kind: "record", record: n.bucketsByRoute, expr: `sum by (job, http_request_method, http_route, le) (${mine})` },
  ];
}

/**
 * One domain (rule file, group) per shard. No alert here: the API's and the SLO's failure
 * scenarios, which load these groups first, page through the records.
 */
export function apiBucketDomains(): { file: string; build: (ctx: RuleContext) => RuleGroupDef }[] {
  return shardMatchers().map((le, i) => ({
    file: "alerts/api-buckets.ts",
    // Less often than the other groups (catalog/evaluation.ts): the raw pass is the heaviest work.
    build: (ctx: RuleContext) => ({ domain: domain(i), group: group(i), interval: rawPassInterval(ctx.env), rules: shardRecords(ctx, le), tests: [] }),
  }));
}
