// The period a report covers: a day, a week or 30 days up to `at`, divided by the time scale of a
// local stack (1/20 in `npm start`: a "day" is 72 minutes), and the steps of its range queries.
export type ReportKind = "daily" | "weekly" | "monthly";

export const REPORT_KINDS: ReportKind[] = ["daily", "weekly", "monthly"];

export interface Period {
  kind: ReportKind;
  /** Unix seconds. */
  start: number;
  end: number;
  seconds: number;
  /** `[P]` in PromQL: the period as a duration. */
  range: string;
  /** Step of the chart queries (about 120 points). */
  step: number;
  /** Step of the alert history (about 1000 points, for times to resolve). */
  fineStep: number;
  timeScale: number;
}

const DAY = 86_400;

export function periodSeconds(kind: ReportKind): number {
  return { daily: DAY, weekly: 7 * DAY, monthly: 30 * DAY }[kind];
}

export function parseKind(value: string | undefined): ReportKind {
  if (!REPORT_KINDS.includes(value as ReportKind)) throw new Error(`--kind must be one of ${REPORT_KINDS.join(", ")}, got "${value ?? ""}"`);
  return value as ReportKind;
}

/** `--at`: an ISO time or Unix seconds; default now. */
export function parseAt(value: string | undefined, now = Date.now()): number {
  if (value === undefined) return Math.floor(now / 1000);
  const t = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Date.parse(value) / 1000;
  if (!Number.isFinite(t)) throw new Error(`--at must be an ISO time (2026-12-01T08:00:00Z) or Unix seconds, got "${value}"`);
  return Math.floor(t);
}

export function period(kind: ReportKind, end: number, timeScale = 1): Period {
  const seconds = Math.max(60, Math.round(periodSeconds(kind) * timeScale));
  return {
    kind, start: end - seconds, end, seconds, range: `${seconds}s`,
    step: Math.max(1, Math.round(seconds / 120)), fineStep: Math.max(1, Math.round(seconds / 1000)), timeScale,
  };
}

/** "3d 4h", "2h 5m", "45s". */
export function formatDuration(s: number): string {
  if (!Number.isFinite(s)) return "—";
  const d = Math.floor(s / DAY), h = Math.floor((s % DAY) / 3600), m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${Math.round(s % 60)}s`;
  return `${Math.round(s)}s`;
}
