// PrometheusRule resources: one per rule domain, whose `spec` IS the rule file that promtool tested.
// The spec is written as text, the rule file's own lines indented under `spec:`, so the rules inside
// the resource are byte-for-byte the file (test/scripts/kubernetes/rules.test.ts proves it, and
// runs promtool's unit tests on the rules taken back out of the resources).
import { GENERATED_HEADER, toYaml } from "../yaml.ts";

/** The rule file without the generated header: what goes under `spec:`. */
export function ruleFileBody(ruleFileText: string): string {
  if (!ruleFileText.startsWith(GENERATED_HEADER)) throw new Error("rule file without the generated header");
  return ruleFileText.slice(GENERATED_HEADER.length);
}

export function prometheusRuleName(domain: string): string {
  return `xinliya-${domain}`;
}

export function prometheusRule(domain: string, ruleFileText: string): string {
  const head = toYaml({
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PrometheusRule",
    metadata: { name: prometheusRuleName(domain), labels: { "app.kubernetes.io/part-of": "xinliya-observability", "xinliya.example/rule-domain": domain } },
  });
  const body = ruleFileBody(ruleFileText).split("\n").map((l) => (l ? `  ${l}` : l)).join("\n");
  return `${head}spec:\n${body}`;
}

/** The inverse of `prometheusRule`: the rule file body found under `spec:` (for the tests). */
export function specText(prometheusRuleText: string): string {
  const at = prometheusRuleText.indexOf("\nspec:\n");
  if (at < 0) throw new Error("no spec in the PrometheusRule");
  return prometheusRuleText.slice(at + "\nspec:\n".length).split("\n").map((l) => (l.startsWith("  ") ? l.slice(2) : l)).join("\n");
}
