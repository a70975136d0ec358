// The dashboard-linter's own configuration file, `.lint`, from the reviewed exclusions
// (dashboards/lint-exclusions.ts): for each rule, one entry per panel whose findings of that rule
// are all on excluded series. Dashboards and panels are named by title, as the linter matches them.
import { dashboardLintExclusions, lintExclusions } from "../../dashboards/lint-exclusions.ts";
import type { BuiltDashboard } from "../../dashboards/types.ts";
import { officialLint } from "../check/official-lint.ts";
import { dashboardPanels } from "../lib/expressions.ts";
import { analysePromql, expandGrafanaVariables } from "../lib/promql.ts";

/** No panel: the entry is for a dashboard-level finding (a variable rule). */
export interface LintEntry { dashboard: string; panel?: string; reason: string }
export interface LintConfig { exclusions: Record<string, { reason: string; entries: LintEntry[] }> }

/** The series of a target that break a job/instance matcher rule. */
function offending(expr: string, rule: string): string[] {
  const label = rule === "target-job-rule" ? "job" : "instance";
  const raw = expr;
  return analysePromql(expandGrafanaVariables(raw)).selectors
    .filter((s) => !(s.matchers ?? []).some((m) => m.label === label && m.op === "=~" && raw.slice(m.value.from, m.value.to) === `$${label}`))
    .map((s) => s.metric);
}

export function lintConfig(built: BuiltDashboard[]): LintConfig {
  const exclusions: LintConfig["exclusions"] = {};
  const reviewed = lintExclusions();
  for (const d of built) {
    for (const x of dashboardLintExclusions().filter((e) => e.uid === d.uid)) {
      const found = officialLint(d.json as Record<string, any>, []).some((r) => r.rule === x.rule && r.panel === undefined);
      if (found) (exclusions[x.rule] ??= { reason: "reviewed in dashboards/lint-exclusions.ts", entries: [] }).entries.push({ dashboard: String(d.json.title), reason: x.reason });
    }
    const panels = dashboardPanels(d.json) as Record<string, any>[];
    const results = officialLint(d.json as Record<string, any>, panels).filter((r) => r.severity === "error" && r.panel !== undefined);
    const byPanel = new Map<string, typeof results>();
    for (const r of results) byPanel.set(`${r.rule}\u0000${r.panel}`, [...(byPanel.get(`${r.rule}\u0000${r.panel}`) ?? []), r]);
    for (const [key, found] of byPanel) {
      const [rule, panel] = key.split("\u0000") as [string, string];
      const target = (r: (typeof found)[number]) => panels.find((p) => p.title === panel)?.targets?.[r.targetIdx ?? -1];
      const series = [...new Set(found.flatMap((r) => offending(String(target(r)?.expr ?? ""), rule)))];
      const kinds = reviewed.filter((x) => x.rule === rule && series.some((s) => x.series(s)));
      const covered = series.length > 0 && series.every((s) => kinds.some((x) => x.series(s)));
      if (!covered) continue;
      const reason = `${series.join(", ")}: ${kinds.map((x) => x.reason).join("; ")}`;
      const entry = (exclusions[rule] ??= { reason: `reviewed in dashboards/lint-exclusions.ts`, entries: [] });
      entry.entries.push({ dashboard: String(d.json.title), panel, reason });
    }
  }
  return { exclusions };
}
