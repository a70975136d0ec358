import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { render } from "../../scripts/render/index.ts";
import { dashboardPanels } from "../../scripts/lib/expressions.ts";
import { analysePromql, expandGrafanaVariables } from "../../scripts/lib/promql.ts";
import { options } from "../helpers.ts";
import { built } from "./built.ts";

interface Rule { alert?: string; record?: string; expr: string; annotations?: Record<string, string> }

function bundle() {
  const files = render(options());
  const dashboards = [...files].filter(([f]) => f.startsWith("grafana/dashboards/")).map(([, c]) => JSON.parse(c));
  const rules = [...files].filter(([f]) => f.startsWith("prometheus/rules/"))
    .flatMap(([, c]) => (yaml.load(c) as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules));
  return { dashboards, alerts: rules.filter((r) => r.alert), records: new Map(rules.flatMap((r) => (r.record ? [[r.record, r.expr] as const] : []))) };
}

const series = (expr: string) => analysePromql(expandGrafanaVariables(expr)).selectors.map((s) => s.metric);

describe("links", () => {
  it("resolves every alert's dashboard_url to a dashboard and panel that exist", () => {
    const { dashboards, alerts } = bundle();
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) {
      const url = new URL(a.annotations!.dashboard_url!);
      const uid = url.pathname.replace(/^\/d\//, "");
      const dash = dashboards.find((d) => d.uid === uid);
      expect(dash, `${a.alert}: dashboard ${uid}`).toBeDefined();
      const panel = dashboardPanels(dash).find((p) => String(p.id) === url.searchParams.get("viewPanel"));
      expect(panel, `${a.alert}: panel ${url.searchParams.get("viewPanel")} of ${uid}`).toBeDefined();
      expect(panel!.type, a.alert).not.toBe("row");
    }
  });

  it("links every dashboard to the others with one tag link in the header, keeping time and variables", () => {
    const { dashboards } = bundle();
    for (const d of dashboards) {
      expect(d.links, d.uid).toEqual([expect.objectContaining({ type: "dashboards", tags: ["xinliya"], asDropdown: true, includeVars: true, keepTime: true })]);
      // Grafana 12.3+ hides a link with placement "inControlsMenu" in a menu.
      expect(d.links[0].placement, d.uid).toBeUndefined();
      expect(d.tags, d.uid).toContain("xinliya");
    }
  });

  it("links the panel an alert opens to that alert's runbook", () => {
    const { dashboards, alerts } = bundle();
    for (const a of alerts) {
      const url = new URL(a.annotations!.dashboard_url!);
      const dash = dashboards.find((d) => d.uid === url.pathname.replace(/^\/d\//, ""));
      const panel = dashboardPanels(dash).find((p) => String(p.id) === url.searchParams.get("viewPanel")) as { links?: { url: string }[] };
      expect((panel.links ?? []).map((l) => l.url), a.alert).toContain(a.annotations!.runbook_url);
    }
  });

  it("links every panel that shows a series an alert reads, through its recording rules, to that runbook, and to no other", () => {
    const { dashboards, alerts, records } = bundle();
    const reads = (expr: string, seen = new Set<string>()): Set<string> => {
      for (const m of series(expr)) {
        if (seen.has(m)) continue;
        seen.add(m);
        if (records.has(m)) reads(records.get(m)!, seen);
      }
      return seen;
    };
    const alertReads = alerts.map((a) => ({ a, reads: reads(a.expr), opens: a.annotations!.dashboard_url! }));
    let linked = 0;
    for (const d of dashboards) {
      for (const p of dashboardPanels(d).filter((x) => x.type !== "row") as { id: number; title: string; targets?: { expr: string }[]; links?: { url: string }[] }[]) {
        const shown = new Set((p.targets ?? []).flatMap((t) => series(t.expr)));
        const expected = alertReads
          .filter(({ reads: r, opens }) => opens.endsWith(`/d/${d.uid}?viewPanel=${p.id}`) || [...shown].some((m) => r.has(m)))
          .map(({ a }) => a.annotations!.runbook_url);
        expect((p.links ?? []).map((l) => l.url).sort(), `${d.uid} ${p.title}`).toEqual(expected.sort());
        linked += expected.length;
      }
    }
    expect(linked).toBeGreaterThan(60);
  });

  it("links a latency panel to the latency alert only, and a panel no alert reads to nothing", () => {
    const d = built();
    const runbooks = (uid: string, key: string) =>
      (d.get(uid)!.panel(key).links ?? []).map((l: { url: string }) => l.url.replace(/^.*\/runbooks\/|\.md$/g, ""));
    // The heatmap reads the recorded bucket rates per instance (issue 17), which the latency alert
    // reads too, and since round 4 the bucket checks of issue 10 (they read the record, not the
    // raw buckets); those also link from the key-series panel they open.
    expect(runbooks("xinliya-api", "latencyHeatmap")).toEqual(["ApiLatencyHigh", "KeySeriesMissing", "HistogramBucketMissing"]);
    expect(runbooks("xinliya-operations", "keySeries")).toEqual(expect.arrayContaining(["KeySeriesMissing", "HistogramBucketMissing"]));
    expect(runbooks("xinliya-capacity", "diskFull").filter((a: string) => !["HostDiskWillFillIn4h", "KeySeriesMissing"].includes(a))).toEqual(["HostDiskSpaceHigh", "HostDiskWillFillIn24h"]);
    // Issue 10: AgentProcessingSlow reads the bucket at the target, no longer the p95 this panel draws.
    expect(runbooks("xinliya-overview", "agentLatency")).toEqual([]);
    expect(runbooks("xinliya-business", "featureUsage")).toEqual([]);
  });
});

describe("panel ids", () => {
  it("come from the panel's key, so adding a panel renumbers no other", async () => {
    const { buildDashboard, panelId } = await import("../../dashboards/common.ts");
    const { systemDashboard } = await import("../../dashboards/system.ts");
    const ctx = { env: options().env, locale: "zh" as const };
    const def = systemDashboard(ctx);
    const before = buildDashboard(def, ctx).panelIds;
    const extra = systemDashboard(ctx).rows[1]!.panels[0]!;
    const grown = { ...def, rows: [{ title: { zh: "新", en: "New" }, panels: [{ ...extra, key: "brandNew" }] }, ...systemDashboard(ctx).rows] };
    const after = buildDashboard(grown, ctx).panelIds;
    for (const [key, id] of Object.entries(before)) expect(after[key], key).toBe(id);
    expect(before.cpu).toBe(panelId("cpu"));
    expect(panelId("cpu")).toBeGreaterThanOrEqual(1000);
  });
});
