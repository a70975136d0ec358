// What a person sees on one panel: Grafana's own code, @grafana/data, runs the panel's
// transformations (transformDataFrame), its field config and overrides (applyFieldOverrides), the
// reducers of stats and gauges (getFieldDisplayValues) and the value formatters, over the frames
// the Prometheus datasource would hand it (prom-frames.ts). Then it says what is wrong.
import type { DataFrame, Field, FieldConfigSource, MatcherConfig } from "@grafana/data";
import { fieldConfigRegistry, isGrafanaUnit, isStandardProperty } from "./field-config.ts";
import { grafanaData } from "./grafana-data.ts";
import { type PromData, type PromTarget, panelFrames } from "./prom-frames.ts";

export interface PanelJson {
  id?: number;
  type?: string;
  title?: string;
  targets?: (PromTarget & { instant?: boolean; range?: boolean })[];
  transformations?: { id: string; options?: Record<string, unknown> }[];
  fieldConfig?: FieldConfigSource;
  options?: { reduceOptions?: { calcs?: string[]; values?: boolean; fields?: string }; sortBy?: { displayName: string }[] };
}

export interface Cell {
  field: string;
  raw: unknown;
  text: string;
  /** Resolved colour (hex or rgb), undefined when the panel does not colour this value. */
  color?: string;
}

export interface PanelView {
  frames: DataFrame[];
  /** Field display names, per frame. */
  columns: string[][];
  /** Every displayed number: table cells, stat/gauge values, the last value of each series. */
  cells: Cell[];
  problems: string[];
}

function lastValue<T>(source: { subscribe: (o: { next: (v: T) => void; error: (e: unknown) => void; complete: () => void }) => unknown }): Promise<T> {
  return new Promise((resolve, reject) => {
    let last: T | undefined;
    source.subscribe({ next: (v) => { last = v; }, error: reject, complete: () => resolve(last as T) });
  });
}

/** Field names a transformation expects in its input (filterFieldsByName, organize). */
function namedFields(t: { id: string; options?: Record<string, unknown> }): string[] {
  const o = t.options ?? {};
  if (t.id === "filterFieldsByName") return ((o.include as { names?: string[] } | undefined)?.names) ?? [];
  if (t.id === "organize") return [...Object.keys(o.indexByName ?? {}), ...Object.keys(o.renameByName ?? {})];
  return [];
}

function customIds(fc: FieldConfigSource): string[] {
  const fromDefaults = Object.keys(fc.defaults?.custom ?? {}).map((k) => `custom.${k}`);
  const fromOverrides = (fc.overrides ?? []).flatMap((o) => o.properties.map((p) => p.id)).filter((id) => id.startsWith("custom."));
  return [...fromDefaults, ...fromOverrides];
}

/** Grafana's `red` (and its shades), the colour of a failure. */
function isRed(color: string | undefined): boolean {
  if (!color) return false;
  const theme = grafanaData().createTheme();
  const reds = ["red", "dark-red", "semi-dark-red", "light-red", "super-light-red"].map((c) => theme.visualization.getColorByName(c).toLowerCase());
  return reds.includes(color.toLowerCase());
}

export async function viewPanel(panel: PanelJson, answers: Map<string, PromData>): Promise<PanelView> {
  const gd = grafanaData();
  const theme = gd.createTheme();
  const where = `panel "${panel.title}"`;
  const problems: string[] = [];
  const fieldConfig: FieldConfigSource = panel.fieldConfig ?? { defaults: {}, overrides: [] };
  const input = panelFrames(panel.targets ?? [], answers);
  const hasRows = input.some((f) => f.length > 0);
  // A query that answered nothing (an `offset 7d` on a young Prometheus, a forecast with no falling
  // disk) has no frame, and Grafana shows no column for it: what names that column is not checked.
  const silent = new Set((panel.targets ?? []).map((t) => t.refId).filter((r) => !input.some((f) => f.refId === r && f.length > 0)));
  const silentName = (n: string) => [...silent].some((r) => n === `Value #${r}`);
  const silentTitles = new Set((fieldConfig.overrides ?? [])
    .filter((o) => o.matcher.id === "byName" && silentName(String(o.matcher.options)))
    .flatMap((o) => o.properties.filter((p) => p.id === "displayName").map((p) => String(p.value))));

  // Fields each transformation names must exist in what it receives.
  let frames = input;
  for (const t of panel.transformations ?? []) {
    const names = new Set(frames.flatMap((f) => f.fields.map((x) => x.name)));
    for (const n of namedFields(t)) {
      if (hasRows && !names.has(n) && !silentName(n)) problems.push(`${where}: transformation ${t.id} names field "${n}", which Grafana does not produce (it has ${[...names].join(", ")})`);
    }
    frames = await lastValue<DataFrame[]>(gd.transformDataFrame([t as never], frames) as never);
  }

  for (const o of fieldConfig.overrides ?? []) {
    for (const p of o.properties) if (!isStandardProperty(p.id)) problems.push(`${where}: override property "${p.id}" is unknown to Grafana`);
  }
  const registry = fieldConfigRegistry(customIds(fieldConfig));
  const shown = gd.applyFieldOverrides({ data: frames, fieldConfig, fieldConfigRegistry: registry, replaceVariables: (s: string) => s, theme, timeZone: "utc" });

  // Every override must match a field (Grafana's own matchers).
  if (hasRows) {
    for (const o of fieldConfig.overrides ?? []) {
      // A query that answered nothing (e.g. `offset 7d` on a young Prometheus) has no frame to match.
      const silentRef = o.matcher.id === "byFrameRefID" && silent.has(String(o.matcher.options));
      if (silentRef || (o.matcher.id === "byName" && silentName(String(o.matcher.options)))) continue;
      // The house palette (dashboards/colours.ts) colours every outcome a panel may show; an
      // outcome without a series now (no timeout tonight) matches nothing until it appears.
      if (o.matcher.id === "byRegexp" && o.properties.every((p) => p.id === "color")) continue;
      const matcher = gd.getFieldMatcher(o.matcher as MatcherConfig);
      const hit = shown.some((frame) => frame.fields.some((f) => matcher(f, frame, shown)));
      if (!hit) problems.push(`${where}: override ${o.matcher.id} "${String(o.matcher.options)}" matches no field`);
    }
  }

  const columns = shown.map((frame) => frame.fields.map((f) => gd.getFieldDisplayName(f, frame, shown)));
  // A data link's ${__data.fields.X} must name a field of the row (its name or display name), or
  // Grafana leaves the variable empty and the drill-down opens an unfiltered view.
  if (hasRows) {
    const known = new Set([...columns.flat(), ...shown.flatMap((f) => f.fields.map((x) => x.name))]);
    const links = [...(fieldConfig.defaults?.links ?? []), ...(fieldConfig.overrides ?? []).flatMap((o) => o.properties.filter((p) => p.id === "links").flatMap((p) => p.value as { url: string }[]))];
    for (const l of links) {
      for (const m of String(l.url).matchAll(/\$\{__data\.fields\.([\w]+)\}/g)) {
        if (!known.has(m[1]!)) problems.push(`${where}: data link names field "${m[1]}", which the rows do not have (${[...known].join(", ")})`);
      }
    }
  }
  if (hasRows && panel.type === "table") {
    for (const s of panel.options?.sortBy ?? []) {
      if (!columns.flat().includes(s.displayName) && !silentTitles.has(s.displayName)) problems.push(`${where}: sorts by "${s.displayName}", which is no column (${columns.flat().join(", ")})`);
    }
  }

  const units = [fieldConfig.defaults?.unit, ...(fieldConfig.overrides ?? []).flatMap((o) => o.properties.filter((p) => p.id === "unit").map((p) => p.value as string))];
  for (const u of units) if (u && !isGrafanaUnit(u)) problems.push(`${where}: unit "${u}" is not a Grafana unit`);

  const cells = displayedCells(panel, shown, fieldConfig);
  const judged = panel.type !== "timeseries" && panel.type !== "heatmap";
  for (const c of judged ? cells : []) {
    if (/\bNaN\b/.test(c.text)) problems.push(`${where}: ${c.field} shows "${c.text}"${isRed(c.color) ? ", painted red" : ""}`);
    else if (typeof c.raw === "number" && Number.isNaN(c.raw) && isRed(c.color)) problems.push(`${where}: ${c.field} paints NaN ("${c.text}") red`);
  }
  return { frames: shown, columns, cells, problems };
}

function displayedCells(panel: PanelJson, frames: DataFrame[], fieldConfig: FieldConfigSource): Cell[] {
  const gd = grafanaData();
  const theme = gd.createTheme();
  const cell = (name: string, raw: unknown, f: Field): Cell => {
    const d = f.display ? f.display(raw) : gd.getDisplayProcessor({ field: f, theme })(raw);
    return { field: name, raw, text: gd.formattedValueToString(d), color: d.color };
  };
  if (panel.type === "stat" || panel.type === "gauge" || panel.type === "bargauge") {
    const reduceOptions = { calcs: ["lastNotNull"], ...panel.options?.reduceOptions };
    return gd.getFieldDisplayValues({ data: frames, reduceOptions, fieldConfig, replaceVariables: (s: string) => s, theme, timeZone: "utc" })
      .map((v) => ({ field: v.display.title ?? v.name, raw: v.display.numeric, text: gd.formattedValueToString(v.display), color: v.display.color }));
  }
  const out: Cell[] = [];
  for (const frame of frames) {
    for (const f of frame.fields) {
      if (f.type !== "number") continue;
      const name = gd.getFieldDisplayName(f, frame, frames);
      const values = panel.type === "table" ? [...f.values] : f.values.length ? [f.values[f.values.length - 1]] : [];
      for (const v of values) out.push(cell(name, v, f));
    }
  }
  return out;
}
