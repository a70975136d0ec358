import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ruleGroups } from "../../alerts/index.ts";
import type { AlertDef, RuleContext, RuleGroupDef } from "../../alerts/types.ts";
import { dashboards } from "../../dashboards/index.ts";
import type { PanelBuilder as TimeseriesBuilder } from "@grafana/grafana-foundation-sdk/timeseries";
import { readBundle } from "../../scripts/lib/bundle-io.ts";
import { RenderError } from "../../scripts/lib/problems.ts";
import { render } from "../../scripts/render/index.ts";
import { GENERATED_HEADER } from "../../scripts/render/yaml.ts";
import { options, renderTo } from "../helpers.ts";

/** The system group with its first alert changed by `patch`. */
function withBrokenAlert(patch: Partial<AlertDef>) {
  return (ctx: RuleContext): RuleGroupDef[] => ruleGroups(ctx).map((g) => ({
    ...g,
    rules: g.rules.map((r) => (r.kind === "alert" && r.name === "HostCpuHigh" ? { ...r, ...patch } : r)),
  }));
}

function renderProblems(opts: Parameters<typeof render>[0]): string[] {
  try {
    render(opts);
  } catch (e) {
    expect(e).toBeInstanceOf(RenderError);
    return (e as RenderError).problems.map((p) => `${p.where}: ${p.message}`);
  }
  throw new Error("render did not fail");
}

describe("render", () => {
  it("is deterministic: two renders and two writes are byte-identical", () => {
    const a = render(options());
    const b = render(options());
    expect([...a.entries()]).toEqual([...b.entries()]);
    expect(readBundle(renderTo())).toEqual(readBundle(renderTo()));
  });

  it("writes every file the foundation promises", () => {
    const files = [...render(options()).keys()];
    expect(files).toEqual(expect.arrayContaining([
      "prometheus/rules/system.yml", "prometheus/tests/system.yml", "prometheus/prometheus.yml",
      "alertmanager/alertmanager.yml", "grafana/dashboards/xinliya-system.json",
      "grafana/provisioning/dashboards/xinliya.yml", "grafana/provisioning/datasources/prometheus.yml",
    ]));
  });

  it("starts every YAML file with the do-not-edit header", () => {
    const yamls = [...render(options())].filter(([f]) => f.endsWith(".yml"));
    expect(yamls.length).toBeGreaterThan(4);
    for (const [file, content] of yamls) expect(content.startsWith(GENERATED_HEADER), file).toBe(true);
  });

  it("renders every environment and locale", () => {
    for (const env of ["local", "staging", "production"] as const) {
      for (const locale of ["zh", "en"] as const) {
        const bundle = render(options(env, locale));
        expect(bundle.get("prometheus/prometheus.yml"), `${env}/${locale}`).toContain(`environment: ${env}`);
      }
    }
    expect(render(options("production", "en")).get("prometheus/rules/system.yml")).toContain("Host CPU usage is high");
  });

  it("names the rule with an unparsable expression", () => {
    const problems = renderProblems({ ...options(), ruleGroups: withBrokenAlert({ expr: "rate(node_cpu_seconds_total[5m" }) });
    expect(problems).toEqual([expect.stringMatching(/^prometheus\/rules\/system\.yml › xinliya\.system › HostCpuHigh: PromQL does not parse/)]);
  });

  it("names the rule that reads an undeclared metric", () => {
    const problems = renderProblems({ ...options(), ruleGroups: withBrokenAlert({ expr: "node_cpu_temperature_celsius > 90" }) });
    expect(problems).toEqual([expect.stringMatching(/HostCpuHigh: metric "node_cpu_temperature_celsius" is not declared/)]);
  });

  it("names the alert with an unknown priority", () => {
    const problems = renderProblems({ ...options(), ruleGroups: withBrokenAlert({ priority: "P7" as never }) });
    expect(problems.some((p) => /HostCpuHigh: unknown priority "P7"/.test(p))).toBe(true);
  });

  it("names an alert without a catalog `for`, a bad name and a link to a missing panel", () => {
    const problems = renderProblems({
      ...options(),
      ruleGroups: withBrokenAlert({ name: "host_cpu_high", dashboard: { uid: "xinliya-system", panel: "nope" } }),
    });
    expect(problems.join("\n")).toMatch(/host_cpu_high: alert names are CamelCase/);
    expect(problems.join("\n")).toMatch(/host_cpu_high: has no `for`/);
    expect(problems.join("\n")).toMatch(/host_cpu_high: dashboard "xinliya-system" has no panel "nope"/);
  });

  it("names the dashboard panel whose query reads an undeclared metric", () => {
    const broken = (ctx: Parameters<typeof dashboards>[0]) => dashboards(ctx).map((d) => ({
      ...d,
      rows: d.rows.map((row) => ({
        ...row,
        panels: row.panels.map((p) => (p.key === "tcp"
          ? { ...p, panel: (p.panel as unknown as TimeseriesBuilder).targets([]).withTarget({ build: () => ({ refId: "A", expr: "node_tcp_foo", datasource: { type: "prometheus", uid: "${datasource}" } }) } as never) }
          : p)),
      })),
    }));
    const problems = renderProblems({ ...options(), dashboards: broken });
    expect(problems).toEqual([expect.stringMatching(/^grafana\/dashboards\/xinliya-system\.json › panel \d+ "TCP 连接数" › target A: metric "node_tcp_foo"/)]);
  });

  it("leaves generated/ untouched when a definition is wrong", async () => {
    const out = renderTo();
    const before = readBundle(out);
    const { writeBundle } = await import("../../scripts/lib/bundle-io.ts");
    expect(() => writeBundle(out, render({ ...options(), ruleGroups: withBrokenAlert({ expr: "(" }) }))).toThrow(RenderError);
    expect(readBundle(out)).toEqual(before);
  });

  it("leaves generated/ untouched and no temporary folder when writing fails half-way", async () => {
    const out = renderTo();
    const before = readBundle(out);
    const { writeBundle } = await import("../../scripts/lib/bundle-io.ts");
    // "a" as a file and "a/b" as a file cannot both be written: the second write fails.
    const bad = new Map([["prometheus/rules/system.yml", "x"], ["a", "file"], ["a/b", "nested"]]);
    expect(() => writeBundle(out, bad)).toThrow();
    expect(readBundle(out)).toEqual(before);
    expect(fs.readdirSync(path.dirname(out))).toEqual(["generated"]);
  });
});
