// A dashboard's preview page: every panel at its grid position (Grafana's 24 columns, 30 px rows,
// 8 px margins), with its title, unit, thresholds and legend as Grafana's data plane applied them.
import type { PanelJson, PanelView } from "../grafana/panel-view.ts";
import { drawPanel, esc } from "./charts.ts";

export const PAGE_WIDTH = 1600;
const COLUMNS = 24;
const ROW = 30;
const MARGIN = 8;
const TITLE = 28;

export interface GridPanel extends PanelJson {
  gridPos?: { x: number; y: number; w: number; h: number };
  description?: string;
}

/** What the preview does not reproduce; shown on every page and in the README. */
export function notReproduced(): string[] {
  return [
    "变量（一律为“全部”）、时间范围选择、自动刷新与交互（悬停提示、缩放、下钻链接）",
    "图例里的统计列（mean、max、last）、系列的排序与隐藏",
    "注解（触发中的告警）、行的折叠",
    "Grafana 的绘图细节：坐标轴刻度、渐变、迷你图与字体，以 ECharts 近似",
  ];
}

const STYLE = `
body{margin:0;background:#111217;color:#ccccdc;font-family:"WenQuanYi Micro Hei",sans-serif;font-size:12px}
header{padding:10px 16px;border-bottom:1px solid #2c3235}
header h1{font-size:18px;margin:0 0 4px}
.banner{background:#3d2f00;color:#ffd66b;padding:6px 16px;font-size:12px}
.grid{position:relative;margin:8px}
.panel{position:absolute;box-sizing:border-box;background:#181b1f;border:1px solid #2c3235;border-radius:2px;overflow:hidden}
.panel .title{height:${TITLE}px;line-height:${TITLE}px;padding:0 8px;font-weight:bold;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.panel.row{background:none;border:none}.panel.row .title{font-size:14px}
.body{position:absolute;top:${TITLE}px;left:0;right:0;bottom:0;overflow:hidden}
.stats{display:flex;height:100%;gap:4px;padding:4px;box-sizing:border-box}
.stat{flex:1;border-radius:2px;display:flex;flex-direction:column;justify-content:center;align-items:center;color:#fff;min-width:0}
.stat .name{font-size:11px;opacity:.9}.stat .value{font-size:24px;font-weight:bold}
table{border-collapse:collapse;width:100%;font-size:11px}th,td{padding:2px 6px;border-bottom:1px solid #2c3235;text-align:left;white-space:nowrap}
th{color:#6e9fff}.nodata{padding:16px;color:#8e8e8e}pre.text{white-space:pre-wrap;margin:0;padding:4px 8px;font-size:11px}
`;

export interface PageInput {
  title: string;
  uid: string;
  panels: GridPanel[];
  views: Map<GridPanel, PanelView | undefined>;
  source: string;
  at: Date;
}

/** The page, and how many points each panel drew (by panel id). */
export function previewPage(o: PageInput): { html: string; height: number } {
  const col = (PAGE_WIDTH - 16 + MARGIN) / COLUMNS;
  let height = 0;
  const items = o.panels.map((p) => {
    const g = p.gridPos ?? { x: 0, y: 0, w: 24, h: 8 };
    const left = g.x * col;
    const top = g.y * (ROW + MARGIN);
    const w = g.w * col - MARGIN;
    const h = g.h * (ROW + MARGIN) - MARGIN;
    height = Math.max(height, top + h);
    if (p.type === "row") return `<div class="panel row" style="left:${left}px;top:${top}px;width:${w}px;height:${h}px"><div class="title">${esc(p.title)}</div></div>`;
    const drawn = drawPanel(p, o.views.get(p), Math.round(w), Math.round(h - TITLE));
    return `<div class="panel" data-panel-id="${p.id}" data-kind="${esc(p.type)}" data-points="${drawn.points}" title="${esc(p.description)}" style="left:${left}px;top:${top}px;width:${w}px;height:${h}px">`
      + `<div class="title">${esc(p.title)}</div><div class="body">${drawn.html}</div></div>`;
  });
  const html = `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>预览：${esc(o.title)}</title><style>${STYLE}</style></head><body>
<header><h1>${esc(o.title)} <small>(${esc(o.uid)})</small></h1><div>数据来源 ${esc(o.source)} · ${esc(o.at.toISOString())}</div></header>
<div class="banner"><b>预览，不是 Grafana（Preview, not Grafana）。</b>数据经 Grafana 自己的 @grafana/data 转换与格式化，由 ECharts 绘制。未复现：${notReproduced().map(esc).join("；")}。</div>
<div class="grid" style="height:${height}px">${items.join("\n")}</div></body></html>`;
  return { html, height: height + 120 };
}
