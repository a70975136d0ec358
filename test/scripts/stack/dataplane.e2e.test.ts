// E2E through Grafana's own data plane: a live stack (normal traffic, the same launcher as
// `npm start`), every panel of every dashboard queried on its Prometheus, turned into frames as the
// Prometheus datasource does (scripts/grafana/prom-frames.ts), then through the panel's
// transformations, field config and formatters with @grafana/data (scripts/grafana/panel-view.ts).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { panelAnswers } from "../../../scripts/grafana/live.ts";
import { type PanelJson, viewPanel } from "../../../scripts/grafana/panel-view.ts";
import { dashboardPanels } from "../../../scripts/lib/expressions.ts";
import { type Stack, startStack } from "../../../scripts/stack/stack.ts";
import { tempDir } from "../../tempdirs.ts";

let stack: Stack;
let startedAt: number;

beforeAll(async () => {
  startedAt = Date.now() / 1000;
  stack = await startStack({ dir: path.join(tempDir("xinliya-dataplane-"), "stack"), timeScale: 1 / 40, basePort: 0 });
  // A few scrapes and rule evaluations, so that rates and recorded series exist.
  await new Promise((r) => setTimeout(r, 20_000));
}, 60_000);

afterAll(async () => { await stack?.stop(); });

describe("every panel through Grafana's data plane, on live data", () => {
  it("has its columns, overrides that match, Grafana units and no red NaN", async () => {
    const folder = path.join(stack.dir, "generated/grafana/dashboards");
    const end = Date.now() / 1000;
    const window = { start: startedAt, end, step: 2, rateInterval: "10s" };
    const problems: string[] = [];
    let tables = 0;
    let viewed = 0;
    let queried = 0;
    for (const file of fs.readdirSync(folder).sort()) {
      const json = JSON.parse(fs.readFileSync(path.join(folder, file), "utf8"));
      for (const panel of dashboardPanels(json) as PanelJson[]) {
        if (!panel.targets?.length) continue;
        queried++;
        const view = await viewPanel(panel, await panelAnswers(stack.urls.prometheus, panel.targets, window));
        problems.push(...view.problems.map((p) => `${json.uid} › ${p}`));
        viewed++;
        if (panel.type === "table" && view.cells.length > 0) tables++;
      }
    }
    expect(problems).toEqual([]);
    expect(viewed).toBe(queried);
    expect(viewed).toBeGreaterThan(0);
    expect(tables).toBeGreaterThanOrEqual(5);
  }, 90_000);
});

describe("the preview of a dashboard, on live data", () => {
  it("draws data in every panel, as Chromium shows the page", async () => {
    const { writePreviews } = await import("../../../scripts/preview/index.ts");
    const folder = path.join(stack.dir, "generated/grafana/dashboards");
    const api = JSON.parse(fs.readFileSync(path.join(folder, "xinliya-api.json"), "utf8"));
    const out = tempDir("xinliya-preview-");
    // writePreviews opens each page in headless Chromium and reports what the page drew, per panel.
    const [written] = await writePreviews({ prometheusUrl: stack.urls.prometheus, outDir: out, dashboards: [api], lookback: Math.round(Date.now() / 1000 - startedAt), rateInterval: "10s" });
    expect(fs.statSync(written!.png).size).toBeGreaterThan(10_000);
    expect(written!.banner).toContain("预览，不是 Grafana");
    const withTargets = (dashboardPanels(api) as PanelJson[]).filter((p) => p.targets?.length);
    expect(written!.panels.map((p) => p.title).sort()).toEqual(withTargets.map((p) => p.title!).sort());
    for (const p of written!.panels) {
      expect(p.points, `${p.title}: data points`).toBeGreaterThan(0);
      expect(p.drawn, `${p.title}: drawn elements`).toBeGreaterThan(0);
    }
  }, 90_000);
});
