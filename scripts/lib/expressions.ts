// Where PromQL lives in our outputs, and what is wrong with an expression: it must parse and read
// only metrics of the closed list (the catalog plus the recording rules we generate).
import { metrics, seriesNames } from "../../catalog/metrics.ts";
import { analysePromql, expandGrafanaVariables } from "./promql.ts";
import type { Problem } from "./problems.ts";

export interface Located {
  where: string;
  expr: string;
}

export function knownSeries(recordingRules: Iterable<string>): Set<string> {
  return new Set([...metrics().flatMap(seriesNames), ...recordingRules]);
}

export function expressionProblems(at: Located, known: Set<string>): Problem[] {
  const { errors, selectors } = analysePromql(expandGrafanaVariables(at.expr));
  const problems = errors.map((e) => ({ where: at.where, message: `PromQL does not parse: ${e}` }));
  for (const s of selectors) {
    if (!known.has(s.metric)) {
      problems.push({
        where: at.where,
        message: `metric "${s.metric || "(no name)"}" is not declared in catalog/metrics.ts nor recorded by a rule`,
      });
    }
  }
  return problems;
}

interface RuleFileShape {
  groups?: { name?: string; rules?: { alert?: string; record?: string; expr?: unknown }[] }[];
}

export function ruleFileExpressions(path: string, doc: unknown): Located[] {
  const out: Located[] = [];
  for (const group of (doc as RuleFileShape)?.groups ?? []) {
    for (const rule of group.rules ?? []) {
      out.push({ where: `${path} › ${group.name} › ${rule.alert ?? rule.record}`, expr: String(rule.expr ?? "") });
    }
  }
  return out;
}

export function recordedNames(docs: unknown[]): string[] {
  return docs.flatMap((doc) =>
    ((doc as RuleFileShape)?.groups ?? []).flatMap((g) => (g.rules ?? []).flatMap((r) => (r.record ? [r.record] : []))));
}

interface PanelShape {
  id?: number;
  title?: string;
  type?: string;
  targets?: { refId?: string; expr?: unknown }[];
  panels?: PanelShape[];
}

/** Every panel of a dashboard, rows' nested panels included. */
export function dashboardPanels(json: unknown): PanelShape[] {
  const walk = (panels: PanelShape[] = []): PanelShape[] => panels.flatMap((p) => [p, ...walk(p.panels)]);
  return walk((json as { panels?: PanelShape[] })?.panels);
}

export function dashboardExpressions(path: string, json: unknown): Located[] {
  return dashboardPanels(json).flatMap((panel) =>
    (panel.targets ?? []).map((t) => ({
      where: `${path} › panel ${panel.id} "${panel.title}" › target ${t.refId}`,
      expr: String(t.expr ?? ""),
    })));
}
