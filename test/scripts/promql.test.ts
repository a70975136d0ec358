import { describe, expect, it } from "vitest";
import { analysePromql, expandGrafanaVariables } from "../../scripts/lib/promql.ts";

describe("PromQL analysis", () => {
  it("finds every selector with its metric, labels and enclosing functions", () => {
    const expr = 'sum by (job) (rate(foo_total{job="a", mode!="idle"}[5m])) / on() bar';
    const { errors, selectors } = analysePromql(expr);
    const at = (quoted: string) => ({ from: expr.indexOf(quoted) + 1, to: expr.indexOf(quoted) + quoted.length - 1 });
    expect(errors).toEqual([]);
    expect(selectors).toEqual([
      {
        metric: "foo_total", labels: ["job", "mode"], functions: ["rate"], range: { from: 52, to: 54 },
        matchers: [{ label: "job", op: "=", value: at('"a"') }, { label: "mode", op: "!=", value: at('"idle"') }],
      },
      { metric: "bar", labels: [], matchers: [], functions: [] },
    ]);
  });

  it("reads a metric name given as __name__", () => {
    expect(analysePromql('{__name__="up", job="x"}').selectors[0]).toMatchObject({ metric: "up", labels: ["job"] });
  });

  it("reports syntax errors once, with their offset", () => {
    const { errors } = analysePromql("rate(foo[5m");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/syntax error at offset \d+/);
    expect(analysePromql("").errors).toEqual(["empty expression"]);
  });

  it("expands Grafana variables into parseable PromQL", () => {
    const raw = 'rate(x_total{job=~"$job", instance=~"${instance}"}[$__rate_interval])';
    const expanded = expandGrafanaVariables(raw);
    expect(expanded).toBe('rate(x_total{job=~".+.*", instance=~".+.*.*.*.*."}[999999999999999s])');
    expect(expanded.length).toBe(raw.length);
    const { errors, selectors } = analysePromql(expanded);
    expect(errors).toEqual([]);
    // Offsets hold in the original text.
    expect(raw.slice(selectors[0]!.range!.from, selectors[0]!.range!.to)).toBe("$__rate_interval");
  });
});
