// Reports against a live stack playing latency-spike and crisis-handoff-slow at once (real
// Prometheus and Alertmanager, kernel-picked ports), and the stack's links: every link of one
// notification is followed, the dashboard preview it points to included.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { genAiTargets, priceTable } from "../../../catalog/genai.ts";
import { safetyTarget } from "../../../catalog/safety.ts";
import { panelId } from "../../../dashboards/common.ts";
import { dashboardPanels } from "../../../scripts/lib/expressions.ts";
import { render } from "../../../scripts/render/index.ts";
import { buildReport } from "../../../scripts/report/build.ts";
import type { Report } from "../../../scripts/report/model.ts";
import { REPORT_KINDS } from "../../../scripts/report/period.ts";
import { withPage } from "../../../scripts/report/pdf.ts";
import { writeReport } from "../../../scripts/report/write.ts";
import { freePorts } from "../../../scripts/stack/ports.ts";
import { startStackReports } from "../../../scripts/stack/reports.ts";
import { escapeHtml } from "../../../scripts/stack/static.ts";
import { type Stack, startStack } from "../../../scripts/stack/stack.ts";
import { tempDir } from "../../tempdirs.ts";
import { spawnCommand } from "../stack/spawn.ts";
import { waitFor } from "../stack/wait.ts";

const TIME_SCALE = 1 / 40;
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ dir: path.join(tempDir("xinliya-report-"), "run"), timeScale: TIME_SCALE, basePort: 0, scenario: "latency-spike" });
  // No counsellor accepts a crisis either: the safety section must read 异常, the LLM one 正常.
  stack.setScenario("latency-spike", "crisis-handoff-slow");
  await waitFor("ApiLatencyHigh notified", 50_000, () => stack.sink.received.find((n) => n.alerts.some((a) => a.labels.alertname === "ApiLatencyHigh")));
}, 70_000);

afterAll(async () => { await stack?.stop(); });

describe("local links", () => {
  it("resolves every link of one notification: runbook, dashboard panel, the panel's Prometheus queries and its preview", async () => {
    const n = stack.sink.received.find((x) => x.alerts.some((a) => a.labels.alertname === "ApiLatencyHigh"))!;
    const a = n.alerts.find((x) => x.labels.alertname === "ApiLatencyHigh")!;
    const links = [a.annotations.runbook_url!, a.annotations.dashboard_url!];
    expect(links.every((l) => l.startsWith(stack.urls.static))).toBe(true);
    const runbook = await fetch(links[0]!);
    expect(runbook.status).toBe(200);
    expect(runbook.headers.get("content-type")).toMatch(/text\/html/);
    expect(await runbook.text()).toMatch(/<h1[^>]*>[^<]*ApiLatencyHigh/);
    const dashboard = await fetch(links[1]!);
    expect(dashboard.status).toBe(200);
    const page = await dashboard.text();
    const queries = [...page.matchAll(/href="([^"]+\/graph\?[^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
    expect(queries.length).toBeGreaterThan(0);
    for (const q of queries) {
      expect(q.startsWith(stack.urls.prometheus)).toBe(true);
      expect((await fetch(q)).status, q).toBe(200);
      // The query itself answers with data on the same Prometheus.
      const expr = new URL(q).searchParams.get("g0.expr")!;
      const body = await (await fetch(`${stack.urls.prometheus}/api/v1/query?query=${encodeURIComponent(expr)}`)).json() as { data: { result: unknown[] } };
      expect(body.data.result.length, expr).toBeGreaterThan(0);
    }
    // The panel page links to the dashboard's preview, rendered on demand from the same Prometheus.
    const viewPanel = new URL(links[1]!).searchParams.get("viewPanel")!;
    const previewLink = /href="(\/previews\/[\w-]+\.html)"/.exec(page)?.[1];
    expect(previewLink, "a preview link on the panel page").toBeDefined();
    const preview = await fetch(`${stack.urls.static}${previewLink}`);
    expect(preview.status).toBe(200);
    const previewHtml = await preview.text();
    expect(previewHtml).toContain(`数据来源 ${stack.urls.prometheus}`);
    const points = new RegExp(`data-panel-id="${viewPanel}"[^>]*data-points="(\\d+)"`).exec(previewHtml)?.[1];
    expect(Number(points), "points drawn in the notified panel").toBeGreaterThan(0);
    // Fresh for a scaled hour: the second request is the same file, not a second rendering.
    const file = path.join(stack.dir, "previews", path.basename(previewLink!));
    const mtime = fs.statSync(file).mtimeMs;
    expect(await (await fetch(`${stack.urls.static}${previewLink}`)).text()).toBe(previewHtml);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
    expect(await (await fetch(`${stack.urls.static}/previews/`)).text()).toContain(`href="${previewLink}"`);
    expect((await fetch(`${stack.urls.static}/previews/no-such-dashboard.html`)).status).toBe(404);
    expect((await fetch(`${stack.urls.static}/runbooks/NoSuchAlert.md`)).status).toBe(404);
    expect((await fetch(`${stack.urls.static}/reports/../generated/alertmanager/alertmanager.yml`)).status).toBe(404);
  }, 120_000);
});

describe("reports against the live stack", () => {
  const reports = new Map<string, Report>();
  const files = new Map<string, { md: string; html: string; pdf: string }>();

  it("renders every kind in Markdown, HTML and PDF, and latency-spike reads 异常 for latency", async () => {
    const out = tempDir("xinliya-reports-");
    for (const kind of REPORT_KINDS) {
      const r = await buildReport({ kind, prometheus: stack.urls.prometheus, alertmanager: stack.urls.alertmanager,
        at: Math.floor(Date.now() / 1000), locale: "zh", env: stack.env, timeScale: TIME_SCALE });
      reports.set(kind, r);
      const written = await writeReport(r, out);
      files.set(kind, written);
      for (const f of Object.values(written)) expect(fs.statSync(f).size, f).toBeGreaterThan(1000);
      const service = r.sections.find((s) => s.id === "service")!;
      expect(service.verdict, kind).toBe("bad");
      const md = fs.readFileSync(written.md, "utf8");
      expect(md).toMatch(/\| p95 响应时间（周期） \| [\d.]+ s \| < 2s \| 异常 \|/);
      expect(md).toContain("## 服务水平：异常");
      expect(md).toMatch(/\| P1 \| ApiLatencyHigh \|/);
      expect(md).toContain("## 数据缺口");
      expect(r.sections.find((s) => s.id === "safety")!.verdict, kind).toBe("bad");
      expect(md).toContain("## 用户安全：异常");
      expect(md).toMatch(new RegExp(`\\| 最早等待危机的最长等待 \\| \\d+ s \\| ≤ ${safetyTarget("crisisOldestWaiting")} s \\| 异常 \\|`));
      expect(md).toContain("本期识别到危机，但没有一次由人工接手");
      // No takeover was timed: the takeover p95 is a named gap, not a silent blank.
      expect(md).toMatch(/\| 用户安全 \| 周期人工接手 p95 \| `histogram_quantile\(/);
      // The quiet neighbour: the LLM keeps its budget and its first-token target.
      expect(md).toContain("## LLM 费用与首 token 时间：正常");
      expect(md).toMatch(new RegExp(`\\| 按本期速度折合一天 \\| [\\d.]+ 元 \\| ≤ ${genAiTargets().dailyBudgetCny} 元（日预算） \\| 正常 \\|`));
      expect(md).toMatch(new RegExp(`\\| ${priceTable().prices[0]!.provider} \\| [\\d.]+ s \\| [\\d.]+ s \\| < ${genAiTargets().timeToFirstTokenP95} s \\| 正常 \\|`));
    }
    const weekly = fs.readFileSync(files.get("weekly")!.md, "utf8");
    expect(weekly).toMatch(/\| 建议 \| 规则 \|/);
    expect(weekly).toMatch(/\| (扩容|观察|正常) \| /);
    expect(weekly).toMatch(/\| 上周 \| 本周 \| 变化 \|/);
    expect(fs.readdirSync(out).filter((f) => f.includes(".tmp-"))).toEqual([]);
  }, 240_000);

  it("draws data in every chart, opened in Chromium, each linked to its panel", async () => {
    const r = reports.get("daily")!;
    const expected = r.sections.flatMap((s) => s.charts).length;
    expect(expected).toBeGreaterThanOrEqual(8);
    const charts = await withPage(async (page) => {
      await page.goto(`file://${files.get("daily")!.html}`);
      return page.$$eval("figure.chart", (figs) => figs.map((f) => ({
        link: f.querySelector("figcaption a")?.getAttribute("href") ?? "",
        // a series line is a path of many segments, wider than a few pixels
        lines: [...f.querySelectorAll("svg path")].filter((p) => ((p.getAttribute("d") ?? "").match(/L/g) ?? []).length >= 5
          && (p as SVGGraphicsElement).getBBox().width > 50).length,
      })));
    });
    expect(charts.length).toBe(expected);
    for (const c of charts) {
      expect(c.lines, c.link).toBeGreaterThan(0);
      expect(c.link).toMatch(new RegExp(`^${stack.urls.static}/d/xinliya-[a-z]+\\?viewPanel=\\d+$`));
      expect((await fetch(c.link)).status).toBe(200);
    }
  }, 90_000);

  it("prints a PDF of a summary page, then each section on its own page(s), in order", () => {
    const r = reports.get("daily")!;
    const pdf = files.get("daily")!.pdf;
    const pages = Number(/Pages:\s+(\d+)/.exec(spawnSync("pdfinfo", [pdf], { encoding: "utf8" }).stdout)![1]);
    expect(pages).toBeGreaterThanOrEqual(r.sections.length + 2);
    const starts = Array.from({ length: pages }, (_, i) =>
      spawnSync("pdftotext", ["-f", String(i + 1), "-l", String(i + 1), "-layout", pdf, "-"], { encoding: "utf8" }).stdout.trim().split("\n")[0]!.trim());
    expect(starts[0]).toContain(r.title);
    const titles = [...r.sections.map((s) => s.title), "数据缺口"];
    const found = titles.map((t) => starts.findIndex((line) => line.startsWith(t)));
    expect(found.every((i) => i > 0), JSON.stringify(starts)).toBe(true);
    expect([...found].sort((a, b) => a - b)).toEqual(found);
  });

  it("writes the stack's own daily report into its run folder, served at /reports/", async () => {
    const reporter = startStackReports(stack, "en", () => undefined);
    const html = await reporter.once();
    reporter.stop();
    expect(path.dirname(html)).toBe(path.join(stack.dir, "reports"));
    const served = await fetch(`${stack.urls.static}/reports/${path.basename(html)}`);
    expect(served.status).toBe(200);
    const text = await served.text();
    expect(text).toContain("Xinliya daily inspection report");
    expect(text).toMatch(/<h2>User safety <span class="v v-bad">Abnormal<\/span>/);
    expect(text).toMatch(/<h2>LLM cost and time to first token <span class="v v-ok">OK<\/span>/);
    // The English report's chart captions are the English panel titles, though Chinese reports of the same stack came first.
    const dash = JSON.parse(render({ env: stack.env, locale: "en" }).get("grafana/dashboards/xinliya-safety.json")!);
    const title = dashboardPanels(dash).find((p) => p.id === panelId("waitingCrises"))!.title as string;
    expect(text).toContain(`>${escapeHtml(title)}</a></figcaption>`);
    expect(fs.existsSync(html.replace(/\.html$/, ".pdf"))).toBe(true);
  }, 120_000);

  it("exits non-zero naming the URL when Prometheus or Alertmanager is unreachable, and writes nothing", async () => {
    const [closed] = await freePorts(1, 0);
    const dead = `http://127.0.0.1:${closed}`;
    await Promise.all([[dead, stack.urls.alertmanager], [stack.urls.prometheus, dead]].map(async ([prom, am]) => {
      const out = path.join(tempDir("xinliya-reports-"), "out");
      const run = spawnCommand("scripts/report/main.ts", ["--kind", "daily", "--prometheus", prom!, "--alertmanager", am!, "--out", out], {});
      await run.closed;
      expect(run.child.exitCode).toBe(1);
      expect(run.out()).toContain(`cannot reach ${dead}`);
      expect(fs.existsSync(out)).toBe(false);
    }));
  }, 90_000);
});

