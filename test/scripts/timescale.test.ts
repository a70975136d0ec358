import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { environment } from "../../catalog/environments.ts";
import { render } from "../../scripts/render/index.ts";
import { scaleAlertmanagerConfig, scaleDuration, scaleExpr } from "../../scripts/render/timescale.ts";
import { options } from "../helpers.ts";

describe("time scaling for demos", () => {
  it("scales durations to whole seconds, never below one", () => {
    expect(scaleDuration("10m", 1 / 20)).toBe("30s");
    expect(scaleDuration("30d", 1 / 20)).toBe("1d12h");
    expect(scaleDuration("10s", 1 / 20)).toBe("1s");
  });

  it("scales every range, subquery and offset of an expression and nothing else", () => {
    expect(scaleExpr('sum(rate(x_total{le="5"}[5m])) > 0.5 and max_over_time(y[1h:1m] offset 2h) < 300', 1 / 20))
      .toBe('sum(rate(x_total{le="5"}[15s])) > 0.5 and max_over_time(y[3m:3s] offset 6m) < 300');
  });

  it("scales Alertmanager's timings through the whole tree", () => {
    const config = { route: { group_wait: "30s", repeat_interval: "4h", routes: [{ group_interval: "5m", routes: [{ repeat_interval: "15m" }] }] } };
    expect(scaleAlertmanagerConfig(config, 1 / 10)).toEqual({
      route: { group_wait: "3s", repeat_interval: "24m", routes: [{ group_interval: "30s", routes: [{ repeat_interval: "1m30s" }] }] },
    });
    expect(config.route.group_wait).toBe("30s");
  });

  it("renders a scaled bundle whose rules keep their names and lose their tests", () => {
    const plain = render(options("local"));
    const scaled = render({ ...options("local"), env: { ...environment("local"), timeScale: 1 / 20 } });
    expect([...scaled.keys()].some((f) => f.startsWith("prometheus/tests/"))).toBe(false);
    const rules = (b: Map<string, string>) => (yaml.load(b.get("prometheus/rules/system.yml")!) as { groups: { rules: { record?: string; alert?: string; for?: string; expr: string }[] }[] }).groups[0]!.rules;
    expect(rules(scaled).map((r) => r.record ?? r.alert)).toEqual(rules(plain).map((r) => r.record ?? r.alert));
    const cpu = (b: Map<string, string>) => rules(b).find((r) => r.alert === "HostCpuHigh")!;
    expect(cpu(plain).for).toBe("15m");
    expect(cpu(scaled).for).toBe("45s");
    expect(rules(scaled)[0]!.expr).toContain("[15s]");
  });
});
