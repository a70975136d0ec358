import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ruleGroups } from "../../alerts/index.ts";
import { runbooks } from "../../alerts/runbooks/index.ts";
import { environment } from "../../catalog/environments.ts";
import { safetyAlerts } from "../../catalog/safety.ts";
import { runChecks } from "../../scripts/check/index.ts";
import { runbookFileOf, runbookProblems } from "../../scripts/check/runbooks.ts";
import { bundleRules } from "../../scripts/lib/bundle-rules.ts";
import { RenderError } from "../../scripts/lib/problems.ts";
import { render } from "../../scripts/render/index.ts";
import { MARKDOWN_HEADER } from "../../scripts/render/runbooks.ts";
import { options, renderTo } from "../helpers.ts";

const alertsOf = (bundle: Map<string, string>) => bundleRules(bundle).filter((r) => r.rule.alert).map((r) => r.rule);

describe("runbooks", () => {
  it("exist for every alert, with the do-not-edit comment, meaning, priority, response time, PromQL, dashboard and steps", () => {
    const bundle = render(options());
    const alerts = alertsOf(bundle);
    // As many as the rule domains define, counted from the definitions, not copied here.
    expect(alerts.length).toBe(ruleGroups({ env: options().env }).flatMap((g) => g.rules).filter((r) => r.kind === "alert").length);
    for (const a of alerts) {
      const md = bundle.get(`runbooks/${a.alert}.md`)!;
      expect(md.startsWith(MARKDOWN_HEADER), a.alert).toBe(true);
      expect(md, a.alert).toContain(`# ${a.alert}: ${a.annotations!.summary}`);
      for (const h of ["## 含义", "## 优先级与响应时间", "## 告警条件（PromQL）", "## 打开的仪表盘", "## 首先检查", "## 缓解措施"]) expect(md, a.alert).toContain(h);
      expect(md, a.alert).toContain(`\`\`\`promql\n${a.expr}\n\`\`\``);
      expect(md, a.alert).toContain(`](${a.annotations!.dashboard_url})`);
      expect(md, a.alert).toContain("运维指南 4.2 初步诊断：\n\n1. 确认故障现象和影响范围");
      expect(md, a.alert).toMatch(/运维指南 (4\.3|5\.1|6\.1|3\.2)/);
    }
    expect(bundle.get("runbooks/BackendUnavailable.md")).toContain("优先级：**P0**（紧急故障），severity `critical`\n- 响应时间：15 分钟内（运维指南 4.1）");
    expect(bundle.get("runbooks/UserSatisfactionLow.md")).toContain("响应时间：24 小时内");
    expect(bundle.get("runbooks/ApiErrorBudgetBurnFast.md")).toContain("- `job:http_server_availability:ratio_rate1h` = `(1 - avg_over_time(job:http_server_down:bool[1h])) * ((1 - sum_over_time(");
    expect(render(options("production", "en")).get("runbooks/HostCpuHigh.md")).toContain("Respond within 4 hours (ops guide 4.1)");
  });

  it("are linked by runbook_url, under the environment's configurable base URL", () => {
    for (const env of ["local", "staging", "production"] as const) {
      const bundle = render(options(env));
      expect(runbookProblems(bundle, environment(env))).toEqual([]);
      for (const a of alertsOf(bundle)) expect(a.annotations!.runbook_url!.startsWith(`${environment(env).runbookBaseUrl}/`)).toBe(true);
    }
    expect(runbookFileOf(environment("local"), "http://127.0.0.1:8080/runbooks/TargetDown.md")).toBe("runbooks/TargetDown.md");
  });

  it("the check names a runbook_url that resolves to no file, one outside the base URL, and an orphan runbook", () => {
    const bundle = render(options());
    bundle.delete("runbooks/TargetDown.md");
    bundle.set("runbooks/OldAlert.md", "# old\n");
    const rules = "prometheus/rules/operations.yml";
    bundle.set(rules, bundle.get(rules)!.replace("https://ops.xinliya.example/runbooks/BackupFailed.md", "https://wiki.example/BackupFailed"));
    expect(runbookProblems(bundle, environment("production")).map((p) => `${p.where}: ${p.message}`).sort()).toEqual([
      'prometheus/rules/operations.yml › xinliya.operations › BackupFailed: runbook_url "https://wiki.example/BackupFailed" is not under the runbook base URL https://ops.xinliya.example/runbooks',
      'prometheus/rules/operations.yml › xinliya.operations › TargetDown: runbook_url "https://ops.xinliya.example/runbooks/TargetDown.md" points at runbooks/TargetDown.md, which is not generated',
      "runbooks/BackupFailed.md: no alert links to this runbook",
      "runbooks/OldAlert.md: no alert links to this runbook",
    ]);
  });

  it("npm run check reports a deleted runbook", { timeout: 180_000 }, () => {
    const dir = renderTo();
    fs.rmSync(path.join(dir, "runbooks/LlmApiDown.md"));
    const results = runChecks({ dir, ...options(), unitTests: false });
    const runbookCheck = results.find((r) => r.name.startsWith("every runbook_url"))!;
    expect(runbookCheck.problems.map((p) => p.message)).toEqual([
      'runbook_url "https://ops.xinliya.example/runbooks/LlmApiDown.md" points at runbooks/LlmApiDown.md, which is not generated',
    ]);
  });

  it("render refuses an alert without a runbook and a runbook without an alert", () => {
    const defs = () => {
      const { HostCpuHigh: _gone, ...rest } = runbooks();
      return { ...rest, NoSuchAlert: runbooks().TargetDown! };
    };
    try {
      render({ ...options(), runbooks: defs });
      throw new Error("render did not fail");
    } catch (e) {
      expect(e).toBeInstanceOf(RenderError);
      expect((e as RenderError).problems.map((p) => `${p.where}: ${p.message}`)).toEqual([
        "runbooks/HostCpuHigh.md: alert HostCpuHigh has no runbook in alerts/runbooks/",
        'runbooks/NoSuchAlert.md: runbook for "NoSuchAlert", which no rule defines',
      ]);
    }
  });
});
