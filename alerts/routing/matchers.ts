// Alertmanager label matchers as data, written out in Alertmanager's own syntax (`name="value"`)
// and evaluated here with Alertmanager's semantics: a missing label has the value "" and a regex
// must match the whole value. The guards of routing use the evaluation; amtool and a real
// Alertmanager check the written form in the tests.
export type MatchOp = "=" | "!=" | "=~" | "!~";

export interface Matcher {
  label: string;
  op: MatchOp;
  value: string;
}

export type Labels = Record<string, string>;

export const eq = (label: string, value: string): Matcher => ({ label, op: "=", value });
export const re = (label: string, value: string): Matcher => ({ label, op: "=~", value });
/** The label is present and not empty: the guard against the "missing on both sides" trap. */
export const present = (label: string): Matcher => ({ label, op: "!=", value: "" });

/** A regex alternative of exact values, e.g. `P0|P1`. */
export function oneOf(label: string, values: readonly string[]): Matcher {
  return re(label, values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"));
}

export function formatMatcher(m: Matcher): string {
  return `${m.label}${m.op}${JSON.stringify(m.value)}`;
}

export function formatMatchers(ms: readonly Matcher[]): string {
  return `{${ms.map(formatMatcher).join(", ")}}`;
}

export function matcherMatches(m: Matcher, labels: Labels): boolean {
  const value = Object.hasOwn(labels, m.label) ? labels[m.label]! : "";
  switch (m.op) {
    case "=": return value === m.value;
    case "!=": return value !== m.value;
    case "=~": return new RegExp(`^(?:${m.value})$`).test(value);
    case "!~": return !new RegExp(`^(?:${m.value})$`).test(value);
  }
}

export function allMatch(ms: readonly Matcher[], labels: Labels): boolean {
  return ms.every((m) => matcherMatches(m, labels));
}

/** True when no alert lacking the label can satisfy the matchers. */
export function requiresLabel(ms: readonly Matcher[], label: string): boolean {
  return ms.some((m) => m.label === label && !matcherMatches(m, {}));
}
