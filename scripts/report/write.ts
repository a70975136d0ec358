// Writes the three forms together or not at all: each is rendered in memory first (a failure
// there writes nothing), then written under a temporary name and renamed into place.
import fs from "node:fs";
import path from "node:path";
import { toHtml } from "./html.ts";
import { toMarkdown } from "./markdown.ts";
import type { Report } from "./model.ts";
import { toPdf } from "./pdf.ts";

export interface Written { md: string; html: string; pdf: string }

export function reportBaseName(r: Report): string {
  return `${r.kind}-${new Date(r.period.end * 1000).toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-")}`;
}

export async function writeReport(r: Report, outDir: string, forms = { pdf: true }): Promise<Written> {
  const md = toMarkdown(r);
  const html = toHtml(r);
  const pdf = forms.pdf ? await toPdf(html) : undefined;
  fs.mkdirSync(outDir, { recursive: true });
  const base = path.join(outDir, reportBaseName(r));
  const files: [string, string | Buffer][] = [[`${base}.md`, md], [`${base}.html`, html], ...(pdf ? [[`${base}.pdf`, pdf] as [string, Buffer]] : [])];
  const tmp = files.map(([f]) => `${f}.tmp-${process.pid}`);
  try {
    files.forEach(([, content], i) => fs.writeFileSync(tmp[i]!, content));
    files.forEach(([f], i) => fs.renameSync(tmp[i]!, f));
  } finally {
    for (const t of tmp) fs.rmSync(t, { force: true });
  }
  return { md: `${base}.md`, html: `${base}.html`, pdf: `${base}.pdf` };
}
