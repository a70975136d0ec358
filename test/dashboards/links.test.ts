import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { render } from "../../scripts/render/index.ts";
import { dashboardPanels } from "../../scripts/lib/expressions.ts";
import { options } from "../helpers.ts";

interface Rule { alert?: string; expr: string; annotations?: Record<string, string> }

function bundle() {
  const files = render(options());
  const dashboards = [...files].filter(([f]) => f.startsWith("grafana/dashboards/")).map(([, c]) => JSON.parse(c));
  const alerts = [...files].filter(([f]) => f.startsWith("prometheus/rules/"))
    .flatMap(([, c]) => (yaml.load(c) as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules))
    .filter((r) => r.alert);
  return { dashboards, alerts };
}

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

  it("links every dashboard to every other one", () => {
    const { dashboards } = bundle();
    const uids = dashboards.map((d) => d.uid);
    for (const d of dashboards) {
      const linked = (d.links ?? []).map((l: { url: string }) => l.url.replace(/^\/d\//, ""));
      expect(linked.sort(), d.uid).toEqual(uids.filter((u) => u !== d.uid).sort());
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
});
