// `npm run preview`: one PNG and one HTML page per dashboard, from a live Prometheus. Queries go
// through Grafana's data plane (scripts/grafana/), charts are ECharts' server-side SVG, and headless
// Chromium (playwright-core, Debian's /usr/bin/chromium) only takes the screenshot.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { panelAnswers } from "../grafana/live.ts";
import { type PanelView, viewPanel } from "../grafana/panel-view.ts";
import { dashboardPanels } from "../lib/expressions.ts";
import { type GridPanel, PAGE_WIDTH, previewPage } from "./page.ts";

export interface PreviewOptions {
  prometheusUrl: string;
  outDir: string;
  /** Dashboard JSON documents (generated/grafana/dashboards/*.json). */
  dashboards: Record<string, any>[];
  /** Seconds of history to show, ending now (default 30 minutes). */
  lookback?: number;
  /** Where `$__rate_interval` lands (default 4 × 15 s scrape). */
  rateInterval?: string;
}

/** What Chromium found on the page, per panel: the data points it was given and the elements drawn. */
export interface DrawnPanel { id: number; title: string; kind: string; points: number; drawn: number }
export interface Preview { uid: string; html: string; png: string; banner: string; panels: DrawnPanel[] }

export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export async function writePreviews(o: PreviewOptions): Promise<Preview[]> {
  fs.mkdirSync(o.outDir, { recursive: true });
  const end = Math.floor(Date.now() / 1000);
  const lookback = o.lookback ?? 1800;
  const window = { start: end - lookback, end, step: Math.max(1, Math.round(lookback / 240)), rateInterval: o.rateInterval ?? "1m" };
  const pages: { uid: string; html: string; height: number; panels: Preview["panels"] }[] = [];
  for (const d of o.dashboards) {
    const panels = dashboardPanels(d) as GridPanel[];
    const views = new Map<GridPanel, PanelView | undefined>();
    for (const p of panels) {
      if (!p.targets?.length) continue;
      views.set(p, await viewPanel(p, await panelAnswers(o.prometheusUrl, p.targets, window)));
    }
    const page = previewPage({ title: String(d.title), uid: String(d.uid), panels, views, source: o.prometheusUrl, at: new Date(end * 1000) });
    const file = path.join(o.outDir, `${d.uid}.html`);
    fs.writeFileSync(file, page.html);
    pages.push({ uid: String(d.uid), html: file, height: page.height, panels: [] });
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "xinliya-preview-chromium-"));
  // A fresh profile (playwright's way to pass --user-data-dir).
  const browser = await chromium.launchPersistentContext(profile, { executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS, viewport: { width: PAGE_WIDTH, height: 900 } });
  try {
    const out: Preview[] = [];
    for (const p of pages) {
      const page = await browser.newPage();
      await page.setViewportSize({ width: PAGE_WIDTH, height: Math.min(p.height, 8000) });
      await page.goto(`file://${p.html}`);
      const drawn = await page.$$eval(".panel[data-panel-id]", (els) => els.map((e) => ({
        id: Number(e.getAttribute("data-panel-id")), title: e.querySelector(".title")?.textContent ?? "",
        kind: e.getAttribute("data-kind") ?? "", points: Number(e.getAttribute("data-points")),
        // SVG marks (lines, areas, bars, cells, gauges), table rows, stat values.
        drawn: e.querySelectorAll("svg path, svg rect").length + e.querySelectorAll("tbody tr").length + e.querySelectorAll(".stat .value").length,
      })));
      const banner = (await page.textContent(".banner")) ?? "";
      const png = p.html.replace(/\.html$/, ".png");
      await page.screenshot({ path: png, fullPage: true });
      await page.close();
      out.push({ uid: p.uid, html: p.html, png, banner, panels: drawn });
    }
    return out;
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
