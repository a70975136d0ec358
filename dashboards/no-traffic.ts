// A ratio with nothing to divide (0/0, e.g. `1 - failed/total` on an idle route at night) is NaN in
// Prometheus, and Grafana colours NaN with the base threshold step, which is red on every
// success-rate panel. Every stat, gauge, bar gauge and table column that shows a ratio
// (percentunit) therefore maps NaN and null (what a reducer makes of NaN) to "无流量" / "no
// traffic", in a neutral grey. Proven with Grafana's own display code in test/grafana/.
import type * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import type { DashboardContext } from "./types.ts";

export const NO_TRAFFIC_COLOR = "gray";

export function noTrafficText(ctx: DashboardContext): string {
  return ctx.locale === "zh" ? "无流量" : "no traffic";
}

/** Grafana's special value mapping: NaN and null → the text, in grey. */
export function noTrafficMapping(ctx: DashboardContext): dashboard.ValueMapping {
  return {
    type: "special" as dashboard.MappingType.SpecialValue,
    options: { match: "null+nan" as dashboard.SpecialValueMatch, result: { text: noTrafficText(ctx), color: NO_TRAFFIC_COLOR, index: 0 } },
  };
}

const JUDGED_KINDS = new Set(["stat", "gauge", "bargauge", "table"]);

interface PanelLike {
  type?: string;
  fieldConfig?: {
    defaults?: { unit?: string; mappings?: dashboard.ValueMapping[] };
    overrides?: { properties: { id: string; value?: unknown }[] }[];
  };
}

function ratio(unit: unknown): boolean {
  return unit === "percentunit" || unit === "percent";
}

/** Adds the mapping to every ratio of a built panel (its defaults, or each ratio column). */
export function addNoTraffic(panel: PanelLike, ctx: DashboardContext): void {
  if (!JUDGED_KINDS.has(panel.type ?? "") || !panel.fieldConfig) return;
  const mapping = noTrafficMapping(ctx);
  const d = panel.fieldConfig.defaults ?? {};
  if (ratio(d.unit)) d.mappings = [...(d.mappings ?? []), mapping];
  for (const o of panel.fieldConfig.overrides ?? []) {
    if (!o.properties.some((p) => p.id === "unit" && ratio(p.value))) continue;
    const existing = o.properties.find((p) => p.id === "mappings");
    if (existing) existing.value = [...(existing.value as dashboard.ValueMapping[]), mapping];
    else o.properties.push({ id: "mappings", value: [mapping] });
  }
}
