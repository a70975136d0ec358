// Small PromQL builders shared by the rule domains.

/**
 * `part / whole`, where a missing `part` (no failure has ever been counted, so its series does not
 * exist yet) counts as 0 instead of making the whole ratio vanish.
 */
export function ratio(part: string, whole: string): string {
  return `(${part} or 0 * ${whole}) / ${whole}`;
}

/** `a|b|c`, for a label matcher `=~`. */
export function anyOf(values: readonly (string | number)[]): string {
  return values.join("|");
}

/** `p95` for 0.95. */
export function quantileName(q: number): string {
  return `p${Math.round(q * 100)}`;
}
