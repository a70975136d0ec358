// The field config registry that Grafana's panels build from the standard options (in Grafana:
// public/app/core/components/OptionsUI/registry.tsx), with @grafana/data's own processors, and the
// custom options (`custom.*`) that a panel plugin declares, kept as they are.
import type { FieldConfigOptionsRegistry, FieldConfigPropertyItem } from "@grafana/data";
import { grafanaData } from "./grafana-data.ts";

/** Standard field config ids and the @grafana/data processor Grafana uses for each. */
function standardItems(): FieldConfigPropertyItem[] {
  const gd = grafanaData();
  const item = (id: string, process: FieldConfigPropertyItem["process"], shouldApply: (f: { type: string }) => boolean = () => true) =>
    ({ id, path: id, name: id, process, shouldApply, override: () => null, editor: () => null }) as unknown as FieldConfigPropertyItem;
  const numeric = (f: { type: string }) => f.type === "number";
  return [
    item("displayName", gd.displayNameOverrideProcessor),
    item("unit", gd.unitOverrideProcessor, numeric),
    item("fieldMinMax", gd.booleanOverrideProcessor, numeric),
    item("min", gd.numberOverrideProcessor, numeric),
    item("max", gd.numberOverrideProcessor, numeric),
    item("decimals", gd.numberOverrideProcessor, numeric),
    item("thresholds", gd.thresholdsOverrideProcessor, numeric),
    item("mappings", gd.valueMappingsOverrideProcessor),
    item("color", gd.identityOverrideProcessor, numeric),
    item("noValue", gd.stringOverrideProcessor),
    item("links", gd.dataLinksOverrideProcessor),
    item("filterable", gd.booleanOverrideProcessor),
  ];
}

/** Registry of the standard options plus the given custom ids (`custom.cellOptions` ...). */
export function fieldConfigRegistry(customIds: Iterable<string>): FieldConfigOptionsRegistry {
  const gd = grafanaData();
  const custom = [...new Set(customIds)].map((id) => ({
    id, path: id.slice("custom.".length), name: id, isCustom: true,
    process: gd.identityOverrideProcessor, shouldApply: () => true, override: () => null, editor: () => null,
  }) as unknown as FieldConfigPropertyItem);
  return new gd.FieldConfigOptionsRegistry(() => [...standardItems(), ...custom]);
}

export function isStandardProperty(id: string): boolean {
  return id.startsWith("custom.") || standardItems().some((i) => i.id === id);
}

/** Every unit id of Grafana's unit picker. */
export function grafanaUnits(): Set<string> {
  const out = new Set<string>();
  for (const category of grafanaData().getValueFormats()) {
    for (const u of category.submenu) out.add(u.value);
  }
  return out;
}

/** A unit Grafana knows: one of its picker or a custom `prefix:`/`suffix:`/... form. */
export function isGrafanaUnit(unit: string): boolean {
  return grafanaUnits().has(unit) || /^(prefix|suffix|si|count|currency|time|bool):/.test(unit);
}
