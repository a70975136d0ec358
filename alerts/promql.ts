// Small PromQL builders shared by the rule domains.
import { scaledSeconds, seconds } from "../catalog/duration.ts";
import { rateWindow } from "../catalog/targets.ts";
import { pageMinEvents } from "../catalog/thresholds.ts";

/**
 * `part / whole`, where a missing `part` (no failure has ever been counted, so its series does not
 * exist yet) counts as 0 instead of making the whole ratio vanish.
 */
export function ratio(part: string, whole: string): string {
  return `(${part} or 0 * ${whole}) / ${whole}`;
}

/** `a|b|c`, for a label matcher `=~`. */
export function anyOf(values: readonly (string | number)[]): string {
  return values.join("|");
}

/** `p95` for 0.95. */
export function quantileName(q: number): string {
  return `p${Math.round(q * 100)}`;
}

/**
 * The paging traffic floor as a count: at least pageMinEvents() (catalog/thresholds.ts) events of `counter` (a
 * `_count` or `_total` selector) in `window`, aggregated `by` the alert's labels. Meant after
 * `and on (by)`: one failed request on a quiet night is not enough events to page.
 */
export function minEvents(counter: string, by: string, window: string): string {
  return `sum by (${by}) (increase(${counter}[${window}])) >= ${pageMinEvents()}`;
}

/**
 * The same floor from a recorded per-second rate over `window`, already summed `by` the alert's
 * labels: increase() over a window is the rate times its seconds, so this holds exactly when
 * minEvents would, without another pass over the raw counter (bench:scale, round 5: the API's
 * three floors were three passes over 38 400 raw `_count` series).
 */
export function withRateFloor(expr: string, rate: string, by: string, window: string, timeScale?: number): string {
  return `(${expr}) and on (${by}) ${rateFloor(rate, window, timeScale)}`;
}

function rateFloor(rate: string, window: string, timeScale?: number): string {
  return `${rate} * ${floorSeconds(window, timeScale)} >= ${pageMinEvents()}`;
}

/**
 * The floor over a long `window` (the fast burn's 1h and 6h) from `rate`, a per-second rate
 * recorded over rateWindow(), already summed `by` the alert's labels, instead of increase() over
 * `window` of every raw counter (bench:scale, round 5: `xinliya.slo` at 5.41 %, its floors a pass
 * over 6 h of the raw 5xx `_count` series). Met by either of two counts:
 *
 * - The rate's mean over the window times the seconds it covers there. The mean, not
 *   `sum_over_time` times the evaluation interval: a sum counts samples, so it needs the interval
 *   of the group that records `rate` written again here (30s in production, 1m in the promtool
 *   files that test these very rules) and undercounts whenever an evaluation is skipped (a slow
 *   group: issue 17). The seconds covered, not the window's: where the record began inside the
 *   window (a new Prometheus), the mean of that part times the whole window counts events that
 *   never happened (a quiet night's two failures 40 minutes into a history read as 18 over 6 h:
 *   scenario "quiet night", alerts/scenarios/api.ts). They are the time since the record's first
 *   sample in the window (a subquery at the default resolution over one series per job), at most
 *   the window's seconds (floorSeconds: the renderer scales `[window]`, and the cap with it).
 *   An approximation of increase(): each sample is the rate over the 5 minutes before it, so the
 *   window's first samples reach 5 minutes before it and its last 5 minutes weigh less, up to
 *   none for a burst that has just begun.
 * - The last rate window's count, as withRateFloor: a long window holds at least the events of its
 *   last 5 minutes, so this floor is never met later than the 5-minute one would be.
 */
export function withMeanRateFloor(expr: string, rate: string, by: string, window: string, timeScale?: number): string {
  const covered = `clamp_max(time() - min_over_time(timestamp(${rate})[${window}:]), ${floorSeconds(window, timeScale)})`;
  const mean = `avg_over_time(${rate}[${window}]) * ${covered} >= ${pageMinEvents()}`;
  return `(${expr}) and on (${by}) (${rateFloor(rate, rateWindow(), timeScale)} or ${mean})`;
}

/**
 * The window's seconds, scaled as a time-scaled demo bundle scales the window of increase(), so
 * that the demo stack's floor stays the count of events in its scaled window, as with minEvents.
 */
export function floorSeconds(window: string, timeScale?: number): number {
  return timeScale ? scaledSeconds(window, timeScale) : seconds(window);
}

/** `X and on (by) floor`. */
export function withFloor(expr: string, counter: string, by: string, window: string): string {
  return `(${expr}) and on (${by}) ${minEvents(counter, by, window)}`;
}

/**
 * A matcher of the histogram bucket whose upper bound is `bound`. Clients write an integral bound
 * as `2` or `2.0` (Prometheus 2 keeps the text as exposed), so both spellings match.
 */
export function leMatcher(bound: number): string {
  return Number.isInteger(bound) ? `le=~"${leRegex(bound)}"` : `le="${bound}"`;
}

/** The `le` values of the bucket at `bound` as a regex, both spellings of an integral bound, the dot literal. */
export function leRegex(bound: number): string {
  const text = String(bound).replace(".", "[.]");
  return Number.isInteger(bound) ? `${text}|${text}[.]0` : text;
}
