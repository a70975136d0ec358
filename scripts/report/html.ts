// The HTML form: one self-contained page (inline CSS and SVG, no script, no external file), each
// chart linking to its dashboard panel. Printed to PDF, each section starts a new page.
import { escapeHtml as e } from "../stack/static.ts";
import { chartSvg } from "./charts.ts";
import { iso, summaryRows } from "./markdown.ts";
import type { Report, Section, Table, Verdict } from "./model.ts";
import { verdictLabel } from "./model.ts";
import { formatDuration } from "./period.ts";

const CSS = `
body{font-family:"WenQuanYi Micro Hei",sans-serif;margin:2em auto;max-width:760px;color:#222;font-size:13px}
h1{font-size:22px}h2{font-size:17px;border-bottom:1px solid #ccc;padding-bottom:4px}
table{border-collapse:collapse;margin:8px 0;width:100%}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3}.v{font-weight:bold;padding:1px 8px;border-radius:3px;color:#fff}
.v-ok{background:#2e7d32}.v-watch{background:#ef8f00}.v-bad{background:#c62828}
.gap{color:#a15c00}figure.chart{margin:10px 0;page-break-inside:avoid}figure.chart figcaption a{color:#1a5fb4}
code{font-size:11px;word-break:break-all}.note{color:#555;font-size:11px}
@media print{section.part{break-before:page}body{margin:0 auto}}
@page{size:A4;margin:14mm}`;

const badge = (r: Report, v: Verdict) => `<span class="v v-${v}">${verdictLabel(r.locale, v)}</span>`;

function table(t: Table): string {
  if (t.rows.length === 0) return "";
  return `<table><thead><tr>${t.head.map((h) => `<th>${e(h)}</th>`).join("")}</tr></thead><tbody>${
    t.rows.map((row) => `<tr>${row.map((c) => `<td>${e(c)}</td>`).join("")}</tr>`).join("")}</tbody></table>`;
}

function section(r: Report, s: Section): string {
  const zh = r.locale === "zh";
  const charts = s.charts.map((c) => `<figure class="chart" data-series="${c.series.length}" data-points="${c.series.reduce((n, x) => n + x.points.length, 0)}">`
    + `<figcaption><a href="${e(c.panelUrl)}">${e(c.title)}</a></figcaption>${chartSvg(c)}</figure>`).join("");
  const gaps = s.gaps.map((g) => `<li class="gap">⚠ ${zh ? "数据缺失：" : "no data: "}${e(g.what)} — <code>${e(g.query)}</code></li>`).join("");
  return `<section class="part" id="${s.id}"><h2>${e(s.title)} ${badge(r, s.verdict)}</h2>`
    + (s.findings.length ? `<ul>${s.findings.map((f) => `<li>${e(f)}</li>`).join("")}</ul>` : "")
    + s.tables.map(table).join("") + (s.notes ?? []).map((n) => `<p class="note">${e(n)}</p>`).join("") + charts + (gaps ? `<ul>${gaps}</ul>` : "") + "</section>";
}

export function toHtml(r: Report): string {
  const zh = r.locale === "zh";
  const gaps = r.sections.flatMap((s) => s.gaps.map((g) => [s.title, g.what, g.query]));
  const summary = summaryRows(r).map((row, i) => `<tr><td><a href="#${r.sections[i]!.id}">${e(row[0]!)}</a></td><td>${badge(r, r.sections[i]!.verdict)}</td><td>${e(row[2]!)}</td></tr>`).join("");
  return `<!doctype html><html lang="${r.locale}"><head><meta charset="utf-8"><title>${e(r.title)}</title><style>${CSS}</style></head><body>`
    + `<header><h1>${e(r.title)}</h1><p>${zh ? "周期：" : "Period: "}${iso(r.period.start)} — ${iso(r.period.end)}${zh ? "（" : " ("}${formatDuration(r.period.seconds)}${zh ? "）" : ")"}<br>`
    + `${zh ? "数据源：" : "Sources: "}Prometheus ${e(r.sources.prometheus)} · Alertmanager ${e(r.sources.alertmanager)}<br>${zh ? "生成时间：" : "Generated: "}${iso(r.generatedAt)}</p>`
    + `<h2>${zh ? "总览" : "Summary"}</h2><table><thead><tr><th>${zh ? "部分" : "Section"}</th><th>${zh ? "结论" : "Verdict"}</th><th>${zh ? "发现" : "Findings"}</th></tr></thead><tbody>${summary}</tbody></table></header>`
    + r.sections.map((s) => section(r, s)).join("")
    + `<section class="part" id="gaps"><h2>${zh ? "数据缺口" : "Data gaps"}</h2>`
    + (gaps.length ? table({ head: zh ? ["部分", "缺少", "返回为空的查询"] : ["Section", "Missing", "Query that came back empty"], rows: gaps }) : `<p>${zh ? "无：每个查询都有数据。" : "None: every query returned data."}</p>`)
    + "</section></body></html>";
}
