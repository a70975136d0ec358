// What a report is made of, whatever its form: sections with a verdict, the facts behind it
// (tables), charts of dashboard panels, and the queries that came back empty.
import type { Environment, Locale } from "../../catalog/types.ts";
import type { Period } from "./period.ts";
import type { Alertmanager, Prometheus, Sample, Series } from "./sources.ts";

export type Verdict = "ok" | "watch" | "bad";

export interface Table { head: string[]; rows: string[][] }

export interface Chart {
  title: string;
  /** The dashboard panel it summarises. */
  panelUrl: string;
  unit: string;
  series: { name: string; points: [number, number][] }[];
  /** The catalog thresholds the panel draws. */
  thresholds: number[];
  /** The panel's axis bounds, when it has them. */
  min?: number;
  max?: number;
}

export interface Gap { what: string; query: string }

export interface Section {
  id: string;
  title: string;
  verdict: Verdict;
  /** One sentence per finding that made the verdict. */
  findings: string[];
  tables: Table[];
  charts: Chart[];
  gaps: Gap[];
  /** How to read the section (e.g. the small-count suppression), printed under its tables. */
  notes?: string[];
}

export interface Report {
  kind: Period["kind"];
  locale: Locale;
  title: string;
  period: Period;
  generatedAt: number;
  sources: { prometheus: string; alertmanager: string };
  sections: Section[];
}

export function verdictLabel(locale: Locale, v: Verdict): string {
  return (locale === "zh" ? { ok: "正常", watch: "关注", bad: "异常" } : { ok: "OK", watch: "Watch", bad: "Abnormal" })[v];
}

export function worst(verdicts: Verdict[]): Verdict {
  return verdicts.includes("bad") ? "bad" : verdicts.includes("watch") ? "watch" : "ok";
}

/** What a section builder gets: the sources, the period, and helpers that record empty answers as gaps. */
export class ReportContext {
  readonly gaps: Gap[] = [];

  constructor(
    readonly prom: Prometheus,
    readonly am: Alertmanager,
    readonly period: Period,
    readonly env: Environment,
    readonly locale: Locale,
  ) {}

  verdict(v: Verdict): string {
    return verdictLabel(this.locale, v);
  }

  t(zh: string, en: string): string {
    return this.locale === "zh" ? zh : en;
  }

  /** An instant vector at the end of the period; empty answers become a gap named `what`. */
  async vector(what: string, query: string): Promise<Sample[]> {
    const r = await this.prom.instant(query, this.period.end);
    if (r.length === 0) this.gaps.push({ what, query });
    return r;
  }

  async scalar(what: string, query: string): Promise<number | undefined> {
    return (await this.vector(what, query))[0]?.value;
  }

  async range(what: string, query: string, step = this.period.step, start = this.period.start, end = this.period.end): Promise<Series[]> {
    const r = await this.prom.range(query, start, end, step);
    if (r.length === 0) this.gaps.push({ what, query });
    return r;
  }

  private start?: Promise<number>;

  /**
   * Where the data of the period begins: the period's start, or later when Prometheus holds less
   * (a young local stack). Charts and the alert history are read from there, at a finer step.
   */
  dataStart(): Promise<number> {
    this.start ??= this.prom.range("count(up)", this.period.start, this.period.end, this.period.step).then((r) => {
      const first = r[0]?.points[0]?.[0];
      return first === undefined ? this.period.start : Math.max(this.period.start, first - this.period.step);
    });
    return this.start;
  }

  /** The step that gives `points` points from the data's start to the end. */
  async stepFor(points: number): Promise<number> {
    return Math.max(1, Math.floor((this.period.end - (await this.dataStart())) / points));
  }

  /** Takes the gaps recorded so far (each section keeps its own). */
  takeGaps(): Gap[] {
    return this.gaps.splice(0);
  }
}

export function pct(v: number | undefined, digits = 2): string {
  return v === undefined || !Number.isFinite(v) ? "—" : `${(v * 100).toFixed(digits)}%`;
}

export function num(v: number | undefined, digits = 2): string {
  return v === undefined || !Number.isFinite(v) ? "—" : Number(v.toFixed(digits)).toString();
}
