// Reviewed exceptions to the rules of Grafana's dashboard-linter. Each says which rule, for which
// series, and why the rule does not apply to them. Render turns them into the linter's own `.lint`
// file (generated/grafana/.lint: rule → entries of dashboard, panel and reason, as kubernetes-mixin
// keeps one), with one entry for each panel whose findings are all of these series and no other;
// our lint (scripts/check/dashboard-lint.ts) reads that file and fails on every other finding.
export interface LintExclusion {
  rule: string;
  /** The series (metric names) the exclusion is for; a finding on any other series stays an error. */
  series: (metric: string) => boolean;
  reason: string;
}

/** A recording rule aggregated above the instance (`job:`, `agent:`, `provider:`, `integration:`). */
function aboveInstance(metric: string): boolean {
  const level = metric.includes(":") ? metric.split(":")[0]!.split("_") : undefined;
  return level !== undefined && !level.includes("instance");
}

function alertSeries(metric: string): boolean {
  return metric === "ALERTS" || metric === "ALERTS_FOR_STATE";
}

export function lintExclusions(): LintExclusion[] {
  return [
    {
      rule: "target-instance-rule",
      series: aboveInstance,
      reason: "reads recording rules aggregated to the job, agent, provider or integration level (level:metric:operations): the SLIs, ratios and quantiles are per service, so their series carry no instance label to match",
    },
    {
      rule: "target-instance-rule",
      series: alertSeries,
      reason: "ALERTS and ALERTS_FOR_STATE carry the labels of each alert; aggregated alerts (API, SLO, business) have no instance, and the on-call views must show them all",
    },
    {
      rule: "target-job-rule",
      series: alertSeries,
      reason: "ALERTS and ALERTS_FOR_STATE carry the labels of each alert; the firing list must show every alert whatever its job, and alerts without a job too",
    },
  ];
}

/** A dashboard-level exception (a variable rule), for one dashboard by uid. */
export interface DashboardLintExclusion {
  rule: string;
  uid: string;
  reason: string;
}

export function dashboardLintExclusions(): DashboardLintExclusion[] {
  return [{
    rule: "template-instance-rule",
    uid: "xinliya-host",
    reason: "the single-host view (as node-mixin's and Node Exporter Full's) shows one machine at a time: `instance` is a single select without All, on purpose; every other dashboard keeps the multi-select",
  }];
}
