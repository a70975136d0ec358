// PromQL analysis with @prometheus-io/lezer-promql, Prometheus's own grammar.
import { parser } from "@prometheus-io/lezer-promql";
import type { SyntaxNode } from "@lezer/common";

export interface Selector {
  metric: string;
  /** Label names matched in the selector's braces. */
  labels: string[];
  /** The matchers: label, operator (`=`, `!=`, `=~`, `!~`), and where the quoted value is. */
  matchers?: { label: string; op: string; value: { from: number; to: number } }[];
  /** The functions this selector is nested in, innermost first. */
  functions: string[];
  /** Offsets of the range (`[5m]` → `5m`) when the selector is a range selector. */
  range?: { from: number; to: number };
}

export interface PromqlAnalysis {
  errors: string[];
  selectors: Selector[];
  /** Every number literal of the expression (not the durations of ranges and offsets), sign included. */
  numbers: number[];
}

/** `0.95`, `1e3`, `0x10`, `-2`; a number written as a duration (`5m`) counts in seconds. */
function numberValue(expr: string, node: SyntaxNode): number {
  const raw = text(expr, node);
  const unit = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)$/.exec(raw);
  const units: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };
  const value = unit ? Number(unit[1]) * units[unit[2]!]! : Number(raw);
  const parent = node.parent;
  const negated = parent?.name === "UnaryExpr" && text(expr, parent).trimStart().startsWith("-");
  return negated ? -value : value;
}

/**
 * Grafana expands these before the query reaches Prometheus; for a parse we replace them with
 * values of the same syntactic kind and the same length, so that offsets found in the expanded
 * text hold in the original: a duration (`999…9s`) for the interval macros, a regex that matches
 * anything (`.+.*…`) for variables, which only ever appear inside label-matcher strings.
 */
export function expandGrafanaVariables(expr: string): string {
  return expr
    .replace(/\$__(rate_interval|interval|range)\b|\$\{__(rate_interval|interval|range)\}/g, (m) => `${"9".repeat(m.length - 1)}s`)
    .replace(/\$\{(\w+)(:\w+)?\}|\$(\w+)/g, (m) => `.+${".*".repeat((m.length - 2) >> 1)}${m.length % 2 ? "." : ""}`);
}

function text(expr: string, node: SyntaxNode): string {
  return expr.slice(node.from, node.to);
}

function enclosingFunctions(expr: string, node: SyntaxNode): string[] {
  const out: string[] = [];
  for (let n = node.parent; n; n = n.parent) {
    if (n.name === "FunctionCall") {
      const id = n.getChild("FunctionIdentifier");
      if (id) out.push(text(expr, id));
    }
  }
  return out;
}

function selector(expr: string, node: SyntaxNode): Selector {
  let metric = "";
  const id = node.getChild("Identifier");
  if (id) metric = text(expr, id);
  const labels: string[] = [];
  const found: NonNullable<Selector["matchers"]> = [];
  const matchers = node.getChild("LabelMatchers");
  for (let m = matchers?.firstChild; m; m = m.nextSibling) {
    const name = m.getChild("LabelName");
    if (!name) continue;
    const label = text(expr, name);
    const value = m.getChild("StringLiteral");
    if (label === "__name__" && value && !metric) metric = text(expr, value).slice(1, -1);
    else labels.push(label);
    const op = m.getChild("MatchOp");
    if (value) found.push({ label, op: op ? text(expr, op) : "=", value: { from: value.from + 1, to: value.to - 1 } });
  }
  const out: Selector = { metric, labels, matchers: found, functions: enclosingFunctions(expr, node) };
  const matrix = node.parent?.name === "MatrixSelector" ? node.parent : null;
  const range = matrix?.lastChild && matrix.lastChild !== node ? matrix.lastChild : null;
  if (range) out.range = { from: range.from, to: range.to };
  return out;
}

/**
 * The analyses already made, by expression. Render, check and the tests ask about the same few
 * hundred expressions again and again (a render parsed each one up to six times, a third of its
 * time); a lezer parse is pure, so one parse per distinct text is enough. The results are frozen:
 * a caller that changed one would change it for every other.
 */
const analyses = new Map<string, PromqlAnalysis>();
const MAX_ANALYSES = 20_000;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export function analysePromql(expr: string): PromqlAnalysis {
  let analysis = analyses.get(expr);
  if (!analysis) {
    if (analyses.size >= MAX_ANALYSES) analyses.clear();
    analysis = deepFreeze(parseAnalysis(expr));
    analyses.set(expr, analysis);
  }
  return analysis;
}

function parseAnalysis(expr: string): PromqlAnalysis {
  const errors: string[] = [];
  const selectors: Selector[] = [];
  const numbers: number[] = [];
  if (expr.trim() === "") return { errors: ["empty expression"], selectors, numbers };
  parser.parse(expr).iterate({
    enter(ref) {
      if (ref.type.isError) {
        const around = expr.slice(Math.max(0, ref.from - 10), ref.from + 10);
        errors.push(`syntax error at offset ${ref.from} near "${around}"`);
      } else if (ref.name === "VectorSelector") {
        selectors.push(selector(expr, ref.node));
      } else if (ref.name === "NumberDurationLiteral") {
        numbers.push(numberValue(expr, ref.node));
      }
    },
  });
  // lezer may report one broken spot as several error nodes at the same offset.
  return { errors: [...new Set(errors)], selectors, numbers };
}
