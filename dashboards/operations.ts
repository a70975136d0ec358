// 运维与安全 — scrape targets, backups, logins and the alerting pipeline (ops guide 2.3, 3.1, 6).
import * as p from "./panels/operations.ts";
import type { DashboardContext, DashboardDef } from "./types.ts";

export function operationsDashboard(ctx: DashboardContext): DashboardDef {
  return {
    uid: "xinliya-operations",
    title: { zh: "运维与安全", en: "Operations and security" },
    description: {
      zh: "抓取目标、备份、登录失败以及 Prometheus 与 Alertmanager 自身的健康，阈值线与告警规则一致。",
      en: "Scrape targets, backups, failed logins and the health of Prometheus and Alertmanager, with the same thresholds as the alerts.",
    },
    rows: [
      {
        title: { zh: "备份与安全", en: "Backups and security" },
        panels: [p.backupAgeTimeseries(ctx), p.backupLastRunTimeseries(ctx), p.authFailuresTimeseries(ctx)],
      },
      {
        title: { zh: "监控链路", en: "Monitoring pipeline" },
        panels: [
          p.targetsUpTimeseries(ctx), p.ruleFailuresTimeseries(ctx),
          p.notificationFailuresTimeseries(ctx), p.firingAlertsTimeseries(ctx),
        ],
      },
    ],
  };
}
