// 运维与安全 — scrape targets, backups, logins and the alerting pipeline (ops guide 2.3, 3.1, 6).
import * as p from "./panels/operations.ts";
import * as t from "./panels/operations-tables.ts";
import type { DashboardContext, DashboardDef } from "./types.ts";
import { operationsFailureRow } from "./panels/failure-modes.ts";

export function operationsDashboard(ctx: DashboardContext): DashboardDef {
  return {
    uid: "xinliya-operations",
    title: { zh: "运维与安全", en: "Operations and security" },
    description: {
      zh: "备份、登录失败、抓取目标以及 Prometheus 与 Alertmanager 自身的健康，阈值线与告警规则一致。",
      en: "Backups, failed logins, scrape targets and the health of Prometheus and Alertmanager, with the same thresholds as the alerts.",
    },
    rows: [
      {
        title: { zh: "备份", en: "Backups" },
        panels: [t.backupsTable(ctx), p.backupAgeTimeseries(ctx), p.backupLastRunTimeseries(ctx)],
      },
      {
        title: { zh: "登录安全", en: "Logins" },
        panels: [p.authFailuresTimeseries(ctx), p.loginAttemptsTimeseries(ctx)],
      },
      {
        title: { zh: "抓取目标", en: "Scrape targets" },
        panels: [t.targetsTable(ctx), p.targetsUpTimeseries(ctx), p.processUptimeTimeseries(ctx)],
      },
      {
        title: { zh: "监控链路", en: "Monitoring pipeline" },
        panels: [
          p.ruleFailuresTimeseries(ctx), p.ruleEvaluationsTimeseries(ctx), p.exporterRejectedTimeseries(ctx),
          p.notificationFailuresTimeseries(ctx), p.notificationRateTimeseries(ctx), p.firingAlertsTimeseries(ctx),
        ],
      },
      operationsFailureRow(ctx),
    ],
  };
}
