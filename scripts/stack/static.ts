// The stack's static server: the links of the local bundle's notifications resolve here.
//   /runbooks/<Alert>.md   the generated runbook, rendered as HTML (marked)
//   /d/<uid>?viewPanel=ID  the dashboard panel: title, description, each query linked to Prometheus
//   /reports/              the run folder's reports (scripts/report/)
//   /previews/<uid>.html   dashboard previews, rendered on demand when stale (scripts/stack/previews.ts)
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { marked } from "marked";
import { dashboardPanels } from "../lib/expressions.ts";
import { type Listening, listenLoopback } from "./ports.ts";
import { type StackPreviews, previewMaxAgeMs, stackPreviews } from "./previews.ts";

export type StaticServer = Listening;

export interface StaticOptions {
  /** The run folder: generated/, reports/, previews/. */
  dir: string;
  prometheusUrl: string;
  /** The stack's time scale: with it, /previews/ renders each dashboard's preview on demand. */
  timeScale?: number;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".md": "text/markdown; charset=utf-8", ".svg": "image/svg+xml",
  ".png": "image/png", ".pdf": "application/pdf", ".json": "application/json", ".txt": "text/plain; charset=utf-8",
  ".css": "text/css", ".js": "text/javascript",
};

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>`
    + `<style>body{font-family:"WenQuanYi Micro Hei",sans-serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.5}`
    + `code,pre{background:#f4f4f4}pre{padding:.5em;overflow-x:auto}</style></head><body>${body}</body></html>`;
}

/** Resolves `rel` inside `root`, or undefined when it would leave it. */
function inside(root: string, rel: string): string | undefined {
  const full = path.resolve(root, `.${path.posix.normalize(`/${rel}`)}`);
  return full === root || full.startsWith(`${root}${path.sep}`) ? full : undefined;
}

function listing(urlPath: string, dir: string): string {
  const entries = fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).map((e) => e.name + (e.isDirectory() ? "/" : "")).sort() : [];
  const items = entries.map((e) => `<li><a href="${encodeURI(e)}">${escapeHtml(e)}</a></li>`).join("");
  return page(urlPath, `<h1>${escapeHtml(urlPath)}</h1>${items ? `<ul>${items}</ul>` : "<p>(empty)</p>"}`);
}

/** Prometheus graph link of a panel query, Grafana's variables expanded to "all". */
export function prometheusGraphUrl(prometheusUrl: string, expr: string): string {
  const q = expr.replace(/\$__rate_interval|\$\{__rate_interval\}/g, "15s").replace(/\$__interval|\$\{__interval\}/g, "5s")
    .replace(/\$__range|\$\{__range\}/g, "1h").replace(/\$\{(\w+)(:\w+)?\}|\$(\w+)/g, ".+");
  return `${prometheusUrl}/graph?g0.expr=${encodeURIComponent(q)}&g0.tab=0&g0.range_input=1h`;
}

function dashboardPage(o: StaticOptions, uid: string, viewPanel: string | null): string | undefined {
  const file = path.join(o.dir, "generated", "grafana", "dashboards", `${uid}.json`);
  if (!/^[\w-]+$/.test(uid) || !fs.existsSync(file)) return undefined;
  const json = JSON.parse(fs.readFileSync(file, "utf8")) as { title?: string };
  const panels = dashboardPanels(json).filter((p) => p.type !== "row" && (viewPanel === null || String(p.id) === viewPanel));
  if (panels.length === 0) return undefined;
  const previews = o.timeScale !== undefined ? [`${uid}.html`, `${uid}.png`]
    : fs.existsSync(path.join(o.dir, "previews")) ? fs.readdirSync(path.join(o.dir, "previews")).filter((f) => f.startsWith(uid)) : [];
  const body = panels.map((p) => {
    const queries = (p.targets ?? []).map((t) =>
      `<li><a href="${escapeHtml(prometheusGraphUrl(o.prometheusUrl, String(t.expr ?? "")))}"><code>${escapeHtml(String(t.expr ?? ""))}</code></a></li>`).join("");
    return `<h2 id="panel-${p.id}">${escapeHtml(String(p.title ?? ""))}</h2><p>${escapeHtml(String((p as { description?: string }).description ?? ""))}</p><ul>${queries}</ul>`;
  }).join("");
  const links = previews.map((f) => `<a href="/previews/${encodeURI(f)}">${escapeHtml(f)}</a>`).join(" · ");
  return page(`${json.title ?? uid}`, `<h1>${escapeHtml(json.title ?? uid)}</h1>`
    + `<p><a href="/d/${uid}">all panels</a>${links ? ` · previews: ${links}` : ""}</p>${body}`);
}

function serveFile(res: http.ServerResponse, file: string): void {
  res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
  fs.createReadStream(file).pipe(res);
}

function previewListing(previews: StackPreviews, timeScale: number): string {
  const minutes = (kind: "html" | "png") => Number((previewMaxAgeMs(kind, timeScale) / 60_000).toFixed(1));
  const items = previews.uids().map((u) => `<li><a href="/previews/${u}.html">${u}.html</a> · <a href="/previews/${u}.png">${u}.png</a></li>`).join("");
  return page("previews", `<h1>/previews/</h1><p>预览在被请求时渲染：HTML 超过 ${minutes("html")} 分钟、PNG 超过 ${minutes("png")} 分钟（本地时间比例下的 1 小时与 6 小时）才重新渲染。`
    + ` Rendered when requested: the HTML when older than ${minutes("html")} min, the PNG (headless Chromium) when older than ${minutes("png")} min.</p><ul>${items}</ul>`);
}

export function startStaticServer(port: number, o: StaticOptions): Promise<StaticServer> {
  const previews = o.timeScale !== undefined ? stackPreviews({ dir: o.dir, prometheusUrl: o.prometheusUrl, timeScale: o.timeScale }) : undefined;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const p = decodeURIComponent(url.pathname);
    const html = (code: number, text: string) => res.writeHead(code, { "content-type": TYPES[".html"] }).end(text);
    const notFound = () => html(404, page("not found", `<p>nothing at ${escapeHtml(p)}</p>`));
    if (p === "/") {
      return html(200, page("xinliya local stack", `<h1>心理鸭 local stack</h1><ul>${["runbooks", "d", "reports", "previews"]
        .map((d) => `<li><a href="/${d}/">/${d}/</a></li>`).join("")}<li><a href="${o.prometheusUrl}/alerts">Prometheus alerts</a></li></ul>`));
    }
    const runbook = /^\/runbooks\/(\w+)\.md$/.exec(p);
    if (runbook) {
      const file = path.join(o.dir, "generated", "runbooks", `${runbook[1]}.md`);
      if (!fs.existsSync(file)) return notFound();
      if (url.searchParams.has("raw")) return serveFile(res, file);
      return html(200, page(runbook[1]!, marked.parse(fs.readFileSync(file, "utf8"), { async: false })));
    }
    if (p === "/runbooks/") return html(200, listing(p, path.join(o.dir, "generated", "runbooks")));
    if (p === "/d/" || p === "/d") {
      const folder = path.join(o.dir, "generated", "grafana", "dashboards");
      const uids = fs.existsSync(folder) ? fs.readdirSync(folder).map((f) => f.replace(/\.json$/, "")) : [];
      return html(200, page("dashboards", `<h1>dashboards</h1><ul>${uids.map((u) => `<li><a href="/d/${u}">${u}</a></li>`).join("")}</ul>`));
    }
    const dash = /^\/d\/([\w-]+)(\/[\w-]*)?$/.exec(p);
    if (dash) {
      const text = dashboardPage(o, dash[1]!, url.searchParams.get("viewPanel"));
      return text ? html(200, text) : notFound();
    }
    if (previews && (p === "/previews/" || p === "/previews")) return html(200, previewListing(previews, o.timeScale!));
    const preview = previews && /^\/previews\/([\w-]+\.(?:html|png))$/.exec(p);
    if (preview) {
      previews!.file(preview[1]!).then(
        (file) => (file ? serveFile(res, file) : notFound()),
        (e: Error) => html(502, page("preview failed", `<p>the preview of ${escapeHtml(preview[1]!)} failed: ${escapeHtml(e.message)}</p>`)),
      );
      return;
    }
    const folder = /^\/(reports|previews)(\/.*)?$/.exec(p);
    if (folder) {
      const root = path.join(o.dir, folder[1]!);
      const full = inside(root, folder[2] ?? "/");
      if (!full) return notFound();
      if (fs.existsSync(full) && fs.statSync(full).isDirectory()) {
        if (!p.endsWith("/")) return res.writeHead(301, { location: `${p}/` }).end();
        return html(200, listing(p, full));
      }
      if (fs.existsSync(full)) return serveFile(res, full);
      if (full === root) return html(200, listing(p, full));
    }
    return notFound();
  });
  return listenLoopback(server, port);
}
