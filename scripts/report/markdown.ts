// The Markdown form, for the team chat and the wiki: verdicts, findings, tables, chart links, gaps.
import type { Report, Section, Table } from "./model.ts";
import { verdictLabel } from "./model.ts";
import { formatDuration } from "./period.ts";

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

function table(t: Table): string {
  if (t.rows.length === 0) return "";
  return [`| ${t.head.map(cell).join(" | ")} |`, `| ${t.head.map(() => "---").join(" | ")} |`, ...t.rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n");
}

export function iso(t: number): string {
  return new Date(t * 1000).toISOString().replace(".000", "");
}

export function summaryRows(r: Report): string[][] {
  return r.sections.map((s) => [s.title, verdictLabel(r.locale, s.verdict), s.findings.join("；") || "—"]);
}

function section(r: Report, s: Section): string {
  const zh = r.locale === "zh";
  const colon = zh ? "：" : ": ";
  const parts = [`## ${s.title}${colon}${verdictLabel(r.locale, s.verdict)}`];
  if (s.findings.length) parts.push(s.findings.map((f) => `- ${f}`).join("\n"));
  parts.push(...s.tables.map(table).filter(Boolean));
  if (s.notes?.length) parts.push(s.notes.map((n) => `> ${n}`).join("\n"));
  if (s.charts.length) parts.push(s.charts.map((c) => `- ${zh ? "图表" : "chart"}${colon}[${c.title}](${c.panelUrl})`).join("\n"));
  if (s.gaps.length) parts.push(s.gaps.map((g) => `- ⚠ ${zh ? "数据缺失" : "no data"}${colon}${g.what} — \`${g.query}\``).join("\n"));
  return parts.join("\n\n");
}

export function toMarkdown(r: Report): string {
  const zh = r.locale === "zh";
  const gaps = r.sections.flatMap((s) => s.gaps.map((g) => [s.title, g.what, `\`${g.query}\``]));
  return [
    `# ${r.title}`,
    `${zh ? "周期：" : "Period: "}${iso(r.period.start)} — ${iso(r.period.end)}${zh ? "（" : " ("}${formatDuration(r.period.seconds)}${r.period.timeScale !== 1 ? (zh ? `，本地演示时间比例 ${r.period.timeScale}` : `, local demo time scale ${r.period.timeScale}`) : ""}${zh ? "）" : ")"}  `,
    `${zh ? "数据源：" : "Sources: "}Prometheus ${r.sources.prometheus} · Alertmanager ${r.sources.alertmanager}  `,
    `${zh ? "生成时间：" : "Generated: "}${iso(r.generatedAt)}`,
    `## ${zh ? "总览" : "Summary"}`,
    table({ head: zh ? ["部分", "结论", "发现"] : ["Section", "Verdict", "Findings"], rows: summaryRows(r) }),
    ...r.sections.map((s) => section(r, s)),
    `## ${zh ? "数据缺口" : "Data gaps"}`,
    gaps.length ? table({ head: zh ? ["部分", "缺少", "返回为空的查询"] : ["Section", "Missing", "Query that came back empty"], rows: gaps }) : (zh ? "无：每个查询都有数据。" : "None: every query returned data."),
    "",
  ].join("\n\n");
}
