// Time scaling for demos: the live stack (`npm start`) runs the local environment with every
// duration of the rules and of Alertmanager's timing divided by `timeScale`'s inverse, so a demo
// pages in a minute, not an hour. Only the rendering changes; names (e.g. `...:rate5m`) and the
// committed production bundle stay as they are. Scaled bundles carry no promtool tests: their
// tests are the production ones, on the same rules at scale 1.
import { parser } from "@prometheus-io/lezer-promql";
import { duration, scaledSeconds } from "../../catalog/duration.ts";

/** A duration times `factor` (catalog/duration.ts scaledSeconds), written as a duration. */
export function scaleDuration(d: string, factor: number): string {
  return duration(scaledSeconds(d, factor));
}

/** Every range, subquery and offset duration of a PromQL expression, scaled. */
export function scaleExpr(expr: string, factor: number): string {
  const spans: { from: number; to: number }[] = [];
  parser.parse(expr).iterate({
    enter(ref) {
      if (ref.name === "NumberDurationLiteralInDurationContext" && /[a-z]$/.test(expr.slice(ref.from, ref.to))) {
        spans.push({ from: ref.from, to: ref.to });
      }
    },
  });
  let out = expr;
  for (const { from, to } of spans.reverse()) out = out.slice(0, from) + scaleDuration(expr.slice(from, to), factor) + out.slice(to);
  return out;
}

interface RuleFile { groups: { rules: Record<string, unknown>[] }[] }

export function scaleRuleFile(doc: unknown, factor: number): unknown {
  const file = structuredClone(doc) as RuleFile;
  for (const group of file.groups) {
    for (const rule of group.rules) {
      rule.expr = scaleExpr(String(rule.expr), factor);
      if (typeof rule.for === "string") rule.for = scaleDuration(rule.for, factor);
    }
  }
  return file;
}

const ROUTE_TIMINGS = ["group_wait", "group_interval", "repeat_interval"];

function scaleRoute(route: Record<string, unknown>, factor: number): void {
  for (const key of ROUTE_TIMINGS) {
    if (typeof route[key] === "string") route[key] = scaleDuration(route[key] as string, factor);
  }
  for (const child of (route.routes as Record<string, unknown>[] | undefined) ?? []) scaleRoute(child, factor);
}

export function scaleAlertmanagerConfig(config: Record<string, unknown>, factor: number): Record<string, unknown> {
  const out = structuredClone(config);
  scaleRoute(out.route as Record<string, unknown>, factor);
  return out;
}
