import { describe, expect, it } from "vitest";
import { metrics, seriesNames } from "../../catalog/metrics.ts";
import type { DashboardContext } from "../../dashboards/types.ts";
import { dashboards } from "../../dashboards/index.ts";
import { dashboardCoverageProblems, shownMetrics } from "../../scripts/check/dashboard-coverage.ts";
import { render } from "../../scripts/render/index.ts";
import { options } from "../helpers.ts";

/** Every dashboard, with the panels of the given keys left out. */
function without(...keys: string[]) {
  return (ctx: DashboardContext) => dashboards(ctx).map((d) => ({
    ...d, rows: d.rows.map((r) => ({ ...r, panels: r.panels.filter((p) => !keys.includes(p.key)) })),
  }));
}

describe("dashboard coverage", () => {
  const bundle = render(options());

  it("finds every catalog metric and every metric an alert reads on a panel", () => {
    expect(dashboardCoverageProblems(bundle)).toEqual([]);
    const shown = shownMetrics(bundle);
    for (const m of metrics()) expect(shown.has(m.name), m.name).toBe(true);
  });

  it("agrees with a plain search of the dashboard files for each catalog series", () => {
    const text = [...bundle].filter(([f]) => f.startsWith("grafana/dashboards/")).map(([, c]) => c).join("\n");
    for (const m of metrics()) {
      const found = seriesNames(m).some((s) => new RegExp(`\\b${s}\\b(?!_)`).test(text));
      expect(found, m.name).toBe(true);
    }
  });

  it("names a catalog metric that no dashboard shows (the LLM call duration is only on the by-model panel)", () => {
    const problems = dashboardCoverageProblems(render({ ...options(), dashboards: without("llmLatencyByModel") }));
    expect(problems.map((p) => `${p.where}: ${p.message}`)).toEqual([
      "catalog/metrics.ts: metric xinliya_llm_request_duration_seconds is on no dashboard",
    ]);
  });

  it("counts a metric as shown when a panel reads a recording rule over it (the filesystem panels read the utilisation record)", () => {
    const problems = dashboardCoverageProblems(render({ ...options(), dashboards: without("filesystems") }));
    expect(problems).toEqual([]);
  });

  it("names a recording rule an alert reads that no panel shows", () => {
    const problems = dashboardCoverageProblems(render({ ...options(), dashboards: without("llmSuccess") }));
    expect(problems.map((p) => `${p.where}: ${p.message}`)).toEqual([
      "prometheus/rules/agents.yml › xinliya.agents › LlmApiDown: reads job:xinliya_llm_requests_success:ratio_rate5m, which no dashboard panel shows",
    ]);
  });
});
