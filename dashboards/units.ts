// Grafana unit ids that our panels may use (a subset of Grafana's unit registry,
// packages/grafana-data/src/valueFormats/categories.ts). The lint rejects any other unit, and the
// panel helpers accept only these, so a misspelt unit fails the type check already.
const UNITS = [
  "none", "short", "percent", "percentunit", "sci", "locale", "string",
  "s", "ms", "µs", "ns", "m", "h", "d", "dtdurations", "dtdhms", "clocks", "dateTimeAsIso", "dateTimeFromNow",
  "bytes", "decbytes", "bits", "decbits", "kbytes", "mbytes", "gbytes",
  "Bps", "bps", "binBps", "binbps", "KBs", "MBs", "pps",
  "reqps", "rps", "ops", "opm", "rpm", "wps", "iops", "hertz",
  "ratio", "bool", "bool_yes_no", "bool_on_off",
] as const;

export type GrafanaUnit = (typeof UNITS)[number];

export function grafanaUnits(): Set<string> {
  return new Set(UNITS);
}
