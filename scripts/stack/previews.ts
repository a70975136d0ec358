// Dashboard previews of the live stack, rendered on demand at /previews/ (scripts/stack/static.ts):
// `<uid>.html` when it is requested and older than one scaled hour (Prometheus queries and ECharts'
// server-side SVG, no browser), `<uid>.png` when it is requested and older than six scaled hours
// (headless Chromium, one dashboard at a time). Nothing renders while nobody looks: Chromium is the
// heaviest process of the machine. Files are written under a temporary name, then renamed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PanelView } from "../grafana/panel-view.ts";
import type { GridPanel } from "../preview/page.ts";

// Grafana's data plane, ECharts and playwright are imported on the first request, not when the
// stack starts: most runs never open a preview, and the imports cost seconds on a loaded machine.
const renderers = () => Promise.all([
  import("../grafana/live.ts"), import("../grafana/panel-view.ts"), import("../lib/expressions.ts"), import("../preview/page.ts"),
]).then(([live, view, expressions, page]) => ({ ...live, ...view, ...expressions, ...page }));

export interface PreviewsOptions {
  /** The run folder: generated/grafana/dashboards/ in, previews/ out. */
  dir: string;
  prometheusUrl: string;
  /** The stack's time scale (1/20 in `npm start`). */
  timeScale: number;
}

/** How old a preview may be before a request renders it again, in ms: HTML one scaled hour, PNG six. */
export function previewMaxAgeMs(kind: "html" | "png", timeScale: number): number {
  return Math.round((kind === "html" ? 1 : 6) * 3_600_000 * timeScale);
}

/** Seconds of history a preview shows: the dashboards' 6 h, scaled, at least 5 minutes. */
export function previewLookback(timeScale: number): number {
  return Math.max(300, Math.round(6 * 3600 * timeScale));
}

export interface StackPreviews {
  /** The dashboards that have a preview (uids). */
  uids(): string[];
  /** The fresh file for `<uid>.html` or `<uid>.png`, rendered first when missing or stale; undefined when no such dashboard. */
  file(name: string): Promise<string | undefined>;
}

export function stackPreviews(o: PreviewsOptions): StackPreviews {
  const dashboards = path.join(o.dir, "generated", "grafana", "dashboards");
  const out = path.join(o.dir, "previews");
  const pending = new Map<string, Promise<string>>();
  const dashboard = (uid: string) => JSON.parse(fs.readFileSync(path.join(dashboards, `${uid}.json`), "utf8")) as Record<string, any>;
  const uids = () => (fs.existsSync(dashboards) ? fs.readdirSync(dashboards).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)).sort() : []);
  const fresh = (file: string, maxAge: number) => fs.existsSync(file) && Date.now() - fs.statSync(file).mtimeMs < maxAge;
  const window = () => {
    const end = Math.floor(Date.now() / 1000);
    const lookback = previewLookback(o.timeScale);
    return { start: end - lookback, end, step: Math.max(1, Math.round(lookback / 240)), rateInterval: "10s" };
  };
  const renderHtml = async (uid: string, file: string) => {
    const { dashboardPanels, panelAnswers, previewPage, viewPanel } = await renderers();
    const d = dashboard(uid);
    const w = window();
    const panels = dashboardPanels(d) as GridPanel[];
    const views = new Map<GridPanel, PanelView | undefined>();
    for (const p of panels) if (p.targets?.length) views.set(p, await viewPanel(p, await panelAnswers(o.prometheusUrl, p.targets, w)));
    const page = previewPage({ title: String(d.title), uid, panels, views, source: o.prometheusUrl, at: new Date(w.end * 1000) });
    const tmp = `${file}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, page.html);
    fs.renameSync(tmp, file);
  };
  const renderPng = async (uid: string) => {
    const { writePreviews } = await import("../preview/index.ts");
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "xinliya-stack-preview-"));
    try {
      const [p] = await writePreviews({ prometheusUrl: o.prometheusUrl, outDir: tmp, dashboards: [dashboard(uid)], lookback: previewLookback(o.timeScale), rateInterval: "10s" });
      fs.renameSync(p!.png, path.join(out, `${uid}.png`));
      fs.renameSync(p!.html, path.join(out, `${uid}.html`));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  };
  return {
    uids,
    file: (name) => {
      const m = /^([\w-]+)\.(html|png)$/.exec(name);
      if (!m || !uids().includes(m[1]!)) return Promise.resolve(undefined);
      const [, uid, kind] = m as unknown as [string, string, "html" | "png"];
      const file = path.join(out, name);
      if (fresh(file, previewMaxAgeMs(kind, o.timeScale))) return Promise.resolve(file);
      let job = pending.get(name);
      if (!job) {
        fs.mkdirSync(out, { recursive: true });
        job = (kind === "html" ? renderHtml(uid!, file) : renderPng(uid!)).then(() => file).finally(() => pending.delete(name));
        pending.set(name, job);
      }
      return job;
    },
  };
}
