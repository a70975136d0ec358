// Fixed Prometheus answers, per target, that exercise each step of the datasource's transform:
// a one-query table, a two-query table, unsorted times, NaN, a heatmap and a plain time series.
import type { PromData, PromTarget } from "./prom-frames.ts";

export interface TransformCase {
  name: string;
  targets: PromTarget[];
  answers: Record<string, PromData>;
}

const vector = (rows: [Record<string, string>, string][], t = 1_700_000_000): PromData =>
  ({ resultType: "vector", result: rows.map(([metric, v]) => ({ metric, value: [t, v] as [number, string] })) });

export function transformCases(): TransformCase[] {
  return [
    {
      name: "one table query",
      targets: [{ refId: "A", expr: "max by (job, instance) (up)", format: "table", legendFormat: "__auto" }],
      answers: { A: vector([[{ job: "node", instance: "a:9100" }, "1"], [{ job: "api", instance: "b:8080" }, "0"]]) },
    },
    {
      name: "two table queries",
      targets: [
        { refId: "A", expr: "x", format: "table", legendFormat: "__auto" },
        { refId: "B", expr: "y", format: "table", legendFormat: "__auto" },
      ],
      answers: {
        A: vector([[{ http_route: "/a" }, "0.5"], [{ http_route: "/b" }, "NaN"]]),
        B: vector([[{ http_route: "/a", extra: "e" }, "2"]]),
      },
    },
    {
      name: "unsorted table",
      targets: [{ refId: "A", expr: "z", format: "table" }],
      answers: { A: { resultType: "matrix", result: [
        { metric: { __name__: "z", k: "2" }, values: [[1_700_000_060, "3"], [1_700_000_120, "+Inf"]] },
        { metric: { __name__: "z", k: "1" }, values: [[1_700_000_000, "1"]] },
      ] } },
    },
    {
      name: "heatmap",
      targets: [{ refId: "A", expr: "sum by (le) (rate(h_bucket[5m]))", format: "heatmap", legendFormat: "{{le}}" }],
      answers: { A: { resultType: "matrix", result: ["0.5", "1", "+Inf"].map((le, i) => ({
        metric: { le }, values: [[1_700_000_000, String(1 + i * 2)], [1_700_000_015, String(2 + i * 3)]] as [number, string][],
      })) } },
    },
    {
      name: "time series",
      targets: [{ refId: "A", expr: "rate(c[5m])", legendFormat: "{{job}}" }],
      answers: { A: { resultType: "matrix", result: [{ metric: { job: "api" }, values: [[1_700_000_000, "1.5"], [1_700_000_015, "NaN"]] }] } },
    },
  ];
}

/** A frame as plain JSON, NaN and ±Inf written as strings, for the recorded fixture. */
export function plainFrames(frames: { refId?: string; name?: string; fields: { name: string; type: string; labels?: object; config?: { displayNameFromDS?: string }; values: ArrayLike<unknown> }[] }[]) {
  const value = (v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v);
  return frames.map((f) => ({
    refId: f.refId,
    fields: f.fields.map((x) => ({
      name: x.name, type: x.type, labels: x.labels && Object.keys(x.labels).length ? x.labels : undefined,
      displayNameFromDS: x.config?.displayNameFromDS, values: Array.from(x.values).map(value),
    })),
  }));
}
