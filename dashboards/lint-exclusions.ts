// Reviewed exceptions to the dashboard lint (scripts/check/dashboard-lint.ts). Each one names the
// dashboard, the panel title (or "*"), the rule, and why the rule does not apply there.
export interface LintExclusion {
  dashboard: string;
  panel: string;
  rule: string;
  reason: string;
}

export function lintExclusions(): LintExclusion[] {
  return [];
}
