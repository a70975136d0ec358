// The exposition text of the business stores and of prom-client's runtime metrics (read through
// its public getMetricsAsJSON()), in either format Prometheus negotiates:
//  - Prometheus text 0.0.4 (`text/plain; version=0.0.4`);
//  - OpenMetrics 1.0 (`application/openmetrics-text; version=1.0.0`): counter families are
//    named without `_total`, their sample keeps it, and the text ends with `# EOF`.
import type { MetricObjectWithValues, MetricValue, MetricValueWithName } from "prom-client";
import { labelText, type MetricStore } from "./store.ts";

export type Format = "text" | "openmetrics";

export const CONTENT_TYPES: Record<Format, string> = {
  text: "text/plain; version=0.0.4; charset=utf-8",
  openmetrics: "application/openmetrics-text; version=1.0.0; charset=utf-8",
};

function num(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Number.POSITIVE_INFINITY) return "+Inf";
  if (v === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(v);
}

function help(text: string, format: Format): string {
  const t = text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
  return format === "openmetrics" ? t.replace(/"/g, "\\\"") : t;
}

function header(name: string, type: string, text: string, format: Format): string {
  const family = format === "openmetrics" && type === "counter" ? name.replace(/_total$/, "") : name;
  return `# HELP ${family} ${help(text, format)}\n# TYPE ${family} ${type}\n`;
}

const braces = (labels: string) => (labels === "" ? "" : `{${labels}}`);
const join = (a: string, b: string) => (a === "" ? b : b === "" ? a : `${a},${b}`);

/** One store's family: HELP, TYPE and every present sample. */
export function renderStore(s: MetricStore, format: Format): string {
  let out = header(s.name, s.kind, s.help, format);
  if (s.kind !== "histogram") {
    for (let i = 0; i < s.labels.length; i++) {
      const v = s.values[i]!;
      if (s.kind === "gauge" && Number.isNaN(v)) continue;
      out += `${s.name}${braces(s.labels[i]!)} ${num(v)}\n`;
    }
    return out;
  }
  const width = s.bounds.length + 1;
  const les = [...s.bounds.map(num), "+Inf"].map((le) => `le="${le}"`);
  for (let i = 0; i < s.labels.length; i++) {
    const labels = s.labels[i]!;
    let cumulative = 0;
    for (let b = 0; b < width; b++) {
      cumulative += s.counts[i * width + b]!;
      out += `${s.name}_bucket{${join(labels, les[b]!)}} ${cumulative}\n`;
    }
    out += `${s.name}_sum${braces(labels)} ${num(s.sums[i]!)}\n${s.name}_count${braces(labels)} ${cumulative}\n`;
  }
  return out;
}

export function renderStores(stores: readonly MetricStore[], format: Format): string {
  return stores.map((s) => renderStore(s, format)).join("");
}

type RuntimeValue = MetricValue<string> | MetricValueWithName<string>;

/** prom-client's metrics as JSON (its public API) → exposition text. */
export function renderRuntime(families: readonly MetricObjectWithValues<RuntimeValue>[], format: Format): string {
  let out = "";
  for (const f of families) {
    const type = String(f.type);
    out += header(f.name, type, f.help, format);
    for (const v of f.values) {
      const name = "metricName" in v && v.metricName ? v.metricName : f.name;
      const entries = Object.entries(v.labels ?? {}).filter(([, x]) => x !== undefined);
      const names = entries.map(([k]) => k);
      const set = Object.fromEntries(entries.map(([k, x]) => [k, typeof x === "number" ? num(x) : String(x)]));
      out += `${name}${braces(labelText(names, set))} ${num(v.value)}\n`;
    }
  }
  return out;
}
