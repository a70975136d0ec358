// The rendered dashboards of a bundle, with their panels found by the stable keys of the
// definitions (alerts link to the same keys). Ids come from buildDashboard, JSON from render.
import { environment } from "../../catalog/environments.ts";
import type { Locale } from "../../catalog/types.ts";
import { buildDashboard } from "../../dashboards/common.ts";
import { dashboards } from "../../dashboards/index.ts";
import { dashboardPanels } from "../../scripts/lib/expressions.ts";
import { render } from "../../scripts/render/index.ts";
import { options } from "../helpers.ts";

export type Panel = Record<string, any>;

export interface Built {
  uid: string;
  json: Record<string, any>;
  keys: string[];
  panel(key: string): Panel;
}

// Built once per bundle and locale: the tests that move targets look up many panels of one bundle.
const memo = new WeakMap<Map<string, string>, Map<Locale, Map<string, Built>>>();

export function built(locale: Locale = "zh", bundle = render(options("production", locale))): Map<string, Built> {
  const byLocale = memo.get(bundle) ?? new Map<Locale, Map<string, Built>>();
  memo.set(bundle, byLocale);
  const known = byLocale.get(locale);
  if (known) return known;
  const out = build(locale, bundle);
  byLocale.set(locale, out);
  return out;
}

function build(locale: Locale, bundle: Map<string, string>): Map<string, Built> {
  const ctx = { env: environment("production"), locale };
  const out = new Map<string, Built>();
  for (const def of dashboards(ctx)) {
    const { panelIds } = buildDashboard(def, ctx);
    const json = JSON.parse(bundle.get(`grafana/dashboards/${def.uid}.json`)!);
    const panel = (key: string) => {
      const found = dashboardPanels(json).find((p) => p.id === panelIds[key]);
      if (!found) throw new Error(`${def.uid}: no panel with key ${key}`);
      return found as Panel;
    };
    out.set(def.uid, { uid: def.uid, json, keys: Object.keys(panelIds), panel });
  }
  return out;
}

/** Every threshold step value of a panel: its defaults and its overrides (table columns, stat values). */
export function thresholdValues(p: Panel): number[] {
  const steps = [
    ...(p.fieldConfig?.defaults?.thresholds?.steps ?? []),
    ...(p.fieldConfig?.overrides ?? []).flatMap((o: Panel) =>
      o.properties.filter((x: Panel) => x.id === "thresholds").flatMap((x: Panel) => x.value.steps)),
  ];
  return steps.map((s: { value: number | null }) => s.value).filter((v): v is number => v !== null);
}

export function exprsOf(p: Panel): string[] {
  return (p.targets ?? []).map((t: { expr: string }) => t.expr);
}
