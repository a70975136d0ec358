// Every inhibition rule can match something real: some alert of the rendered rules satisfies its
// source matchers and some (other, unless `alertname` is equal) satisfies its target matchers. The
// rule "a P0/P1 alert silences the P2/P3 alerts with the same alertname and instance" fails this
// test: every alert has one fixed priority, so no alertname is both paging and quieter. It stood in
// the bundle until issue 10, and a real Alertmanager test with made-up alerts kept it green.
import { describe, expect, it } from "vitest";
import { exporterSymptoms, inhibitions } from "../../../alerts/routing/inhibitions.ts";
import { type Matcher, matcherMatches } from "../../../alerts/routing/matchers.ts";
import { environment } from "../../../catalog/environments.ts";
import { metricByName } from "../../../catalog/metrics.ts";
import { safetyAlerts } from "../../../catalog/safety.ts";
import { bundleRules } from "../../../scripts/lib/bundle-rules.ts";
import { metricsReadThrough } from "../../../scripts/lib/metric-reads.ts";
import { render } from "../../../scripts/render/index.ts";
import { options } from "../../helpers.ts";

interface Rendered { labels: Record<string, string> }

/**
 * Can an alert satisfy these matchers? Its static labels (alertname, priority, severity) decide;
 * any other label comes from the expression or the external labels, and may take any value.
 */
function canMatch(ms: Matcher[], alert: Rendered): boolean {
  return ms.every((m) => (Object.hasOwn(alert.labels, m.label) ? matcherMatches(m, alert.labels) : !["alertname", "priority", "severity"].includes(m.label)));
}

function renderedAlerts(): Rendered[] {
  return bundleRules(render(options())).filter((r) => r.rule.alert)
    .map((r) => ({ labels: { alertname: r.rule.alert!, ...(r.rule.labels ?? {}) } }));
}

/** The rules for which no pair of rendered alerts can be source and target. */
export function unreachableInhibitions(alerts: Rendered[], rules = inhibitions(environment("production"))): string[] {
  return rules.filter((rule) => !alerts.some((s) => canMatch(rule.source, s) && alerts.some((t) =>
    t !== s && canMatch(rule.target, t) && (!rule.equal.includes("alertname") || t.labels.alertname === s.labels.alertname)))).map((r) => r.name);
}

describe("inhibition rules", () => {
  it("each can match a real source and a real target among the rendered alerts", () => {
    expect(unreachableInhibitions(renderedAlerts())).toEqual([]);
  });

  it("would have caught the rule that could never match", () => {
    const dead = {
      name: "paging-alert-silences-its-lower-priorities", why: "", equal: ["alertname", "instance"],
      source: [{ label: "priority", op: "=~", value: "P0|P1" }, { label: "instance", op: "!=", value: "" }] as Matcher[],
      target: [{ label: "priority", op: "=~", value: "P2|P3" }, { label: "instance", op: "!=", value: "" }] as Matcher[],
    };
    expect(unreachableInhibitions(renderedAlerts(), [dead])).toEqual([dead.name]);
  });

  it("lists as the exporter's symptoms exactly the alerts that read the business exporter", () => {
    const bundle = render(options());
    const rules = bundleRules(bundle);
    const records = new Map(rules.flatMap(({ rule }) => (rule.record ? [[rule.record, String(rule.expr)] as const] : [])));
    const blindness = ["BusinessExporterDown", "ExporterRejectingEvents", "ExporterReceivesNoEvents", "KeySeriesMissing", "ScrapeJobMissing",
      "HistogramBucketMissing", // a configuration alert: it stays, whatever the exporter does
      // The safety alerts are never inhibited (issue 14): render refuses an inhibition that could match them.
      ...safetyAlerts().map((a) => a.name)];
    const readers = rules.filter(({ rule }) => rule.alert && !blindness.includes(rule.alert)
      && [...metricsReadThrough(String(rule.expr), records)].some((m) => metricByName(m)?.source === "business_exporter"))
      .map(({ rule }) => rule.alert!);
    expect([...readers].sort()).toEqual([...exporterSymptoms()].sort());
  });
});
