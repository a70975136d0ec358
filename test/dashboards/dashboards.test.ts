import { describe, expect, it } from "vitest";
import { bundleRules } from "../../scripts/lib/bundle-rules.ts";
import { dashboardPanels } from "../../scripts/lib/expressions.ts";
import { analysePromql, expandGrafanaVariables } from "../../scripts/lib/promql.ts";
import { render } from "../../scripts/render/index.ts";
import { safetyAlerts } from "../../catalog/safety.ts";
import { ruleGroups } from "../../alerts/index.ts";
import { options } from "../helpers.ts";

type Panel = Record<string, any>;

const bundle = render(options());
const dashboards = [...bundle].filter(([f]) => f.startsWith("grafana/dashboards/")).map(([, c]) => JSON.parse(c));
const panelsOf = (d: unknown) => (dashboardPanels(d) as Panel[]).filter((p) => p.type !== "row");
const selectorsOf = (expr: string) => analysePromql(expandGrafanaVariables(expr)).selectors;

describe("dashboards", () => {
  it("are the eight of the dashboards issue, with their uids and Chinese titles", () => {
    expect(dashboards.map((d) => [d.uid, d.title])).toEqual([
      ["xinliya-agent", "智能体与 LLM"], ["xinliya-api", "API 性能"], ["xinliya-business", "业务指标"],
      ["xinliya-capacity", "容量规划"], ["xinliya-operations", "运维与安全"], ["xinliya-overview", "值班总览"],
      ["xinliya-slo", "SLO 与错误预算"], ["xinliya-system", "系统资源"],
      ["xinliya-host", "单机详情"], // issue 12, round 2
      ["xinliya-data", "数据库与缓存"], // issue 13
      ["xinliya-safety", "用户安全"], // issue 14
    ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
  });

  it("have English titles with --locale en, and the same uids and panels", () => {
    const en = [...render(options("production", "en"))].filter(([f]) => f.startsWith("grafana/dashboards/")).map(([, c]) => JSON.parse(c));
    expect(en.map((d) => [d.uid, d.title])).toEqual([
      ["xinliya-agent", "Agents and LLM"], ["xinliya-api", "API performance"], ["xinliya-business", "Business indicators"],
      ["xinliya-capacity", "Capacity planning"], ["xinliya-operations", "Operations and security"], ["xinliya-overview", "On-call overview"],
      ["xinliya-slo", "SLO and error budget"], ["xinliya-system", "System resources"],
      ["xinliya-host", "Host detail"], // issue 12, round 2
      ["xinliya-data", "Databases and cache"], // issue 13
      ["xinliya-safety", "User safety"], // issue 14
    ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
    en.forEach((d, i) => {
      expect(panelsOf(d).map((p) => [p.id, p.type]), d.uid).toEqual(panelsOf(dashboards[i]).map((p) => [p.id, p.type]));
      for (const p of panelsOf(d)) expect(`${p.title} ${p.description}`, `${d.uid} ${p.title}`).not.toMatch(/[\u4e00-\u9fff]/);
    });
  });

  it("give every panel a description, a unit and the templated datasource", () => {
    for (const d of dashboards) {
      for (const p of panelsOf(d)) {
        expect(p.description, `${d.uid} ${p.title}`).toBeTruthy();
        expect(p.fieldConfig.defaults.unit, `${d.uid} ${p.title}`).toBeTruthy();
        expect(p.datasource, `${d.uid} ${p.title}`).toEqual({ type: "prometheus", uid: "${datasource}" });
      }
    }
  });

  it("use $__rate_interval for raw rates and the job/instance variables in every selector that has them", () => {
    for (const d of dashboards) {
      for (const p of panelsOf(d)) {
        for (const t of p.targets ?? []) {
          const where = `${d.uid} ${p.title}: ${t.expr}`;
          // A share over the selected range is increase(…[$__range]), read once (as the official linter allows).
          if (/\b(rate|irate)\(/.test(t.expr) || /\bincrease\((?![^)]*\[\$__range\])/.test(t.expr)) expect(t.expr, where).toContain("[$__rate_interval]");
          for (const s of selectorsOf(t.expr)) {
            if (s.metric === "ALERTS" || s.metric === "ALERTS_FOR_STATE") continue; // alerts carry the labels of their rule, not a target's
            expect(s.labels, where).toContain("job");
            if (!s.metric.includes(":")) expect(s.labels, where).toContain("instance");
          }
        }
      }
    }
  });
});

describe("the panel each alert links to", () => {
  const records = new Map(bundleRules(bundle).flatMap((r) => (r.rule.record ? [[r.rule.record, String(r.rule.expr)] as const] : [])));
  /** Every series an expression reads, through the recording rules it uses. */
  const reads = (expr: string, seen = new Set<string>()): Set<string> => {
    for (const s of selectorsOf(expr)) {
      if (seen.has(s.metric)) continue;
      seen.add(s.metric);
      if (records.has(s.metric)) reads(records.get(s.metric)!, seen);
    }
    return seen;
  };
  const panelAt = (url: string): [any, Panel] => {
    const [, uid, id] = /\/d\/([a-z-]+)\?viewPanel=(\d+)$/.exec(url)!;
    const d = dashboards.find((x) => x.uid === uid)!;
    return [d, panelsOf(d).find((p) => p.id === Number(id))!];
  };

  it("exists, shows what the alert reads, and draws the alert's threshold", () => {
    // The data tier's alerts (issue 13) open xinliya-data: test/alerts/data-rules.test.ts checks them.
    const data = ["database", "cache", "reachability", "probe-slo", "recovery"].map((d) => `prometheus/rules/${d}.yml`);
    const alerts = bundleRules(bundle).filter((r) => r.rule.alert && r.rule.alert !== "Watchdog" && !data.includes(r.file));
    // Every alert defined in alerts/ (outside the data tier's domains) is in the rendered bundle.
    const defined = ruleGroups({ env: options().env }).filter((g) => !data.includes(`prometheus/rules/${g.domain}.yml`))
      .flatMap((g) => g.rules.flatMap((r) => (r.kind === "alert" && r.name !== "Watchdog" ? [r.name] : [])));
    expect(alerts.map((r) => r.rule.alert).sort()).toEqual(defined.sort());
    expect(defined).toEqual(expect.arrayContaining(safetyAlerts().map((a) => a.name)));
    for (const { rule } of alerts) {
      const [d, panel] = panelAt(rule.annotations!.dashboard_url!);
      expect(panel, rule.alert).toBeDefined();
      const alertReads = reads(String(rule.expr));
      const panelReads = (panel.targets as { expr: string }[]).flatMap((t) => [...reads(t.expr)]);
      expect(panelReads.some((m) => alertReads.has(m)), `${rule.alert} → ${d.uid} ${panel.title}`).toBe(true);
      const steps: number[] = (panel.fieldConfig.defaults.thresholds?.steps ?? []).map((s: { value: number | null }) => s.value).filter((v: number | null) => v !== null);
      const numbers = analysePromql(String(rule.expr)).numbers;
      if (steps.length > 0 && numbers.length > 0) {
        expect(steps.some((s) => numbers.includes(s)), `${rule.alert} → ${panel.title}: thresholds ${steps} vs ${numbers}`).toBe(true);
      }
    }
  });
});
