import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { officialLint } from "../../scripts/check/official-lint.ts";
import { dashboardPanels } from "../../scripts/lib/expressions.ts";
import { dashboardLintProblems } from "../../scripts/check/dashboard-lint.ts";
import { LINT_CONFIG_PATH, render } from "../../scripts/render/index.ts";
import { options } from "../helpers.ts";

const FILE = "grafana/dashboards/xinliya-system.json";

function dashboardsOnly(): Map<string, string> {
  return new Map([...render(options())].filter(([f]) => f.startsWith("grafana/dashboards/") || f === LINT_CONFIG_PATH));
}

/** Lint findings after `edit` changed the system dashboard's JSON. */
function lintEdited(edit: (d: any) => void): string[] {
  const bundle = dashboardsOnly();
  const dash = JSON.parse(bundle.get(FILE)!);
  edit(dash);
  bundle.set(FILE, JSON.stringify(dash));
  return dashboardLintProblems(bundle).map((p) => `${p.where}: ${p.message}`);
}

/** Our house rules' findings, without those of the official rules (tested below). */
function lintEditedHouse(edit: (d: any) => void): string[] {
  return lintEdited(edit).filter((p) => !p.includes("[dashboard-linter "));
}

const firstPanel = (d: any) => d.panels.find((p: any) => p.title === "CPU 使用率");

describe("dashboard lint", () => {
  it("finds nothing on the generated dashboards", () => {
    expect(dashboardsOnly().size).toBeGreaterThan(0);
    expect(dashboardLintProblems(dashboardsOnly())).toEqual([]);
  });

  it("requires the datasource, job and instance variables", () => {
    const problems = lintEditedHouse((d) => {
      d.templating.list = d.templating.list.filter((v: any) => v.name !== "datasource");
      d.templating.list.find((v: any) => v.name === "job").allValue = ".*";
    });
    expect(problems).toEqual([
      `${FILE}: [template-datasource-rule] needs exactly one Prometheus datasource variable named \`datasource\``,
      expect.stringMatching(/\[template-job-rule\]/),
    ]);
  });

  it("requires read-only dashboards", () => {
    expect(lintEditedHouse((d) => { d.editable = true; })).toEqual([`${FILE}: [dashboard-editable-rule] dashboards must not be editable`]);
  });

  it("names the panel without a description, a valid unit or the templated datasource", () => {
    const problems = lintEditedHouse((d) => {
      const p = firstPanel(d);
      delete p.description;
      p.fieldConfig.defaults.unit = "percentage";
      p.datasource = { type: "prometheus", uid: "prod-prometheus" };
    });
    expect(problems).toEqual([
      expect.stringMatching(/panel \d+ "CPU 使用率": \[panel-title-description-rule\] has no description/),
      expect.stringMatching(/panel \d+ "CPU 使用率": \[panel-datasource-rule\]/),
      expect.stringMatching(/panel \d+ "CPU 使用率": \[panel-units-rule\] unit "percentage"/),
    ]);
  });

  it("names the target whose query breaks a PromQL rule", () => {
    const problems = lintEditedHouse((d) => {
      firstPanel(d).targets = [
        { refId: "A", expr: 'rate(node_network_receive_bytes_total{job=~"$job", instance=~"$instance"}[5m])' },
        { refId: "B", expr: 'node_network_receive_bytes_total{job=~"$job", instance=~"$instance"}' },
        { refId: "C", expr: 'node_load1{job=~"$job"}' },
        { refId: "D", expr: 'sum(rate(node_load1{job=~"$job", instance=~"$instance"}[$__rate_interval]' },
      ];
    });
    expect(problems).toEqual([
      expect.stringMatching(/target A: \[target-rate-interval-rule\] rate\(node_network_receive_bytes_total\[…\]\) must use \$__rate_interval, not 5m/),
      expect.stringMatching(/target B: \[target-counter-agg-rule\] counter node_network_receive_bytes_total must be inside rate/),
      expect.stringMatching(/target C: \[target-job-instance-rule\] node_load1 needs instance=~"\$instance"/),
      expect.stringMatching(/target D: \[target-promql-rule\] PromQL does not parse/),
    ]);
  });

  it("knows which labels a recording rule keeps from its level", () => {
    const problems = lintEditedHouse((d) => {
      firstPanel(d).targets = [{ refId: "A", expr: 'instance:node_cpu_utilisation:rate5m{job=~"$job"}' }];
    });
    expect(problems).toEqual([expect.stringMatching(/target A: \[target-job-instance-rule\] instance:node_cpu_utilisation:rate5m needs instance/)]);
  });
});

describe("the official dashboard-linter rules", () => {
  const officialOnly = (edit: (d: any) => void) => lintEdited(edit).filter((p) => p.includes("[dashboard-linter "));

  it("find on our dashboards only what the generated .lint excludes, each entry with its reason", () => {
    const bundle = dashboardsOnly();
    const config = yaml.load(bundle.get(LINT_CONFIG_PATH)!) as { exclusions: Record<string, { entries: { dashboard: string; panel: string; reason: string }[] }> };
    const results = [...bundle].filter(([f]) => f.endsWith(".json")).flatMap(([, c]) => {
      const d = JSON.parse(c);
      return officialLint(d, dashboardPanels(d) as any[]);
    });
    const errors = results.filter((r) => r.severity === "error");
    // Without the .lint file, the official rules do fail: recorded job-level series and ALERTS.
    expect(new Set(errors.map((r) => r.rule))).toEqual(new Set(Object.keys(config.exclusions)));
    expect(results.filter((r) => r.severity === "warning")).toEqual([]);
    for (const r of errors) {
      expect(config.exclusions[r.rule]!.entries.some((e) => e.dashboard === r.dashboard && e.panel === r.panel), `${r.rule} ${r.dashboard} ${r.panel}`).toBe(true);
    }
    for (const e of Object.values(config.exclusions).flatMap((x) => x.entries)) expect(e.reason.length).toBeGreaterThan(20);
    expect(dashboardLintProblems(bundle)).toEqual([]);
  });

  it("still fail a raw series without the instance matcher on an excluded panel's dashboard", () => {
    const problems = officialOnly((d) => {
      firstPanel(d).targets = [{ refId: "A", expr: 'node_load1{job=~"$job"}' }];
    });
    expect(problems).toEqual([expect.stringMatching(/panel "CPU 使用率" › target 0: \[dashboard-linter target-instance-rule, error\] .*instance selector not found/)]);
  });

  it("want the labels Job, Instance and Data source, rate() over $__rate_interval, and an uneditable dashboard", () => {
    const problems = officialOnly((d) => {
      d.templating.list.find((v: any) => v.name === "job").label = "任务";
      d.editable = true;
      firstPanel(d).targets[0].expr = 'rate(node_cpu_seconds_total{job=~"$job", instance=~"$instance"}[5m])';
    });
    expect(problems).toEqual([
      expect.stringMatching(/\[dashboard-linter template-job-rule, warning\] job template should be a labeled 'Job'/),
      expect.stringMatching(/\[dashboard-linter uneditable-dashboard, error\]/),
      expect.stringMatching(/\[dashboard-linter target-rate-interval-rule, error\] .*should use \$__rate_interval/),
    ]);
  });
});
