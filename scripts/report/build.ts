// Builds a report from the live Prometheus and Alertmanager: both must answer first (else the
// error names the URL and nothing is written), then every section in order, then the data gaps.
import type { Environment, Locale } from "../../catalog/types.ts";
import { type Report, ReportContext, type Section } from "./model.ts";
import { type ReportKind, period } from "./period.ts";
import { alertsSection } from "./sections/alerts.ts";
import { capacitySection } from "./sections/capacity.ts";
import { backupSection, securitySection } from "./sections/operations.ts";
import { llmSection } from "./sections/llm.ts";
import { safetySection } from "./sections/safety.ts";
import { serviceSection } from "./sections/service.ts";
import { Alertmanager, Prometheus } from "./sources.ts";

export interface BuildOptions {
  kind: ReportKind;
  prometheus: string;
  alertmanager: string;
  /** Unix seconds: the end of the period. */
  at: number;
  locale: Locale;
  /** Whose dashboards the charts link to. */
  env: Environment;
  /** 1 in production; the local stack's scale (1/20) for its own reports. */
  timeScale?: number;
}

const TITLES: Record<ReportKind, [string, string]> = {
  daily: ["心理鸭 每日巡检报告", "Xinliya daily inspection report"],
  weekly: ["心理鸭 每周容量与运维报告", "Xinliya weekly capacity and operations report"],
  monthly: ["心理鸭 月度健康检查报告", "Xinliya monthly health check report"],
};

export async function buildReport(o: BuildOptions): Promise<Report> {
  const prom = new Prometheus(o.prometheus.replace(/\/$/, ""));
  const am = new Alertmanager(o.alertmanager.replace(/\/$/, ""));
  await prom.ready();
  await am.alerts();
  const p = period(o.kind, o.at, o.timeScale ?? 1);
  const ctx = new ReportContext(prom, am, p, o.env, o.locale);
  const sections: Section[] = [];
  for (const build of [serviceSection, alertsSection, capacitySection, backupSection, securitySection, safetySection, llmSection]) sections.push(await build(ctx));
  return {
    kind: o.kind, locale: o.locale, title: TITLES[o.kind][o.locale === "zh" ? 0 : 1], period: p, generatedAt: Math.floor(Date.now() / 1000),
    sources: { prometheus: prom.url, alertmanager: am.url }, sections,
  };
}
