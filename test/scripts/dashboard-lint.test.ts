import { describe, expect, it } from "vitest";
import { dashboardLintProblems } from "../../scripts/check/dashboard-lint.ts";
import { render } from "../../scripts/render/index.ts";
import { options } from "../helpers.ts";

const FILE = "grafana/dashboards/xinliya-system.json";

function dashboardsOnly(): Map<string, string> {
  return new Map([...render(options())].filter(([f]) => f.startsWith("grafana/dashboards/")));
}

/** Lint findings after `edit` changed the system dashboard's JSON. */
function lintEdited(edit: (d: any) => void): string[] {
  const bundle = dashboardsOnly();
  const dash = JSON.parse(bundle.get(FILE)!);
  edit(dash);
  bundle.set(FILE, JSON.stringify(dash));
  return dashboardLintProblems(bundle).map((p) => `${p.where}: ${p.message}`);
}

const firstPanel = (d: any) => d.panels.find((p: any) => p.title === "CPU 使用率");

describe("dashboard lint", () => {
  it("finds nothing on the generated dashboards", () => {
    expect(dashboardsOnly().size).toBeGreaterThan(0);
    expect(dashboardLintProblems(dashboardsOnly())).toEqual([]);
  });

  it("requires the datasource, job and instance variables", () => {
    const problems = lintEdited((d) => {
      d.templating.list = d.templating.list.filter((v: any) => v.name !== "datasource");
      d.templating.list.find((v: any) => v.name === "job").allValue = ".*";
    });
    expect(problems).toEqual([
      `${FILE}: [template-datasource-rule] needs exactly one Prometheus datasource variable named \`datasource\``,
      expect.stringMatching(/\[template-job-rule\]/),
    ]);
  });

  it("requires read-only dashboards", () => {
    expect(lintEdited((d) => { d.editable = true; })).toEqual([`${FILE}: [dashboard-editable-rule] dashboards must not be editable`]);
  });

  it("names the panel without a description, a valid unit or the templated datasource", () => {
    const problems = lintEdited((d) => {
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
    const problems = lintEdited((d) => {
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
    const problems = lintEdited((d) => {
      firstPanel(d).targets = [{ refId: "A", expr: 'instance:node_cpu_utilisation:rate5m{job=~"$job"}' }];
    });
    expect(problems).toEqual([expect.stringMatching(/target A: \[target-job-instance-rule\] instance:node_cpu_utilisation:rate5m needs instance/)]);
  });
});
