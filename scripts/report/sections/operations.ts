// 备份与恢复演练 and 安全: the last success of each backup job against its maximum age, the
// latest run, the last restore drill; failed logins, abnormal access, certificate expiry.
import { formatTarget, target } from "../../../catalog/thresholds.ts";
import { type ReportContext, type Section, type Verdict, num, worst } from "../model.ts";
import { formatDuration } from "../period.ts";
import { panelChart } from "../panels.ts";

export async function backupSection(ctx: ReportContext): Promise<Section> {
  const maxAge = target("backupMaxAge");
  const verdicts: Verdict[] = [];
  const findings: string[] = [];
  const lastRun = new Map((await ctx.vector(ctx.t("最近一次备份结果", "latest backup run"), "max by (backup) (xinliya_backup_last_run_success)"))
    .map((s) => [s.metric.backup, s.value]));
  const rows = (await ctx.vector(ctx.t("最近一次成功备份", "last successful backup"), "max by (backup) (xinliya_backup_last_success_timestamp_seconds)")).map((s) => {
    const age = ctx.period.end - s.value;
    const ok = lastRun.get(s.metric.backup) !== 0;
    const v: Verdict = age > maxAge || !ok ? "bad" : "ok";
    verdicts.push(v);
    if (age > maxAge) findings.push(ctx.t(`备份 ${s.metric.backup} 已 ${formatDuration(age)} 没有成功（上限 ${formatTarget("backupMaxAge")}）`, `backup ${s.metric.backup} last succeeded ${formatDuration(age)} ago (limit ${formatTarget("backupMaxAge")})`));
    if (!ok) findings.push(ctx.t(`备份 ${s.metric.backup} 最近一次运行失败`, `the latest run of backup ${s.metric.backup} failed`));
    return [s.metric.backup ?? "?", new Date(s.value * 1000).toISOString().replace(".000", ""), formatDuration(age), formatTarget("backupMaxAge"),
      ok ? ctx.t("成功", "success") : ctx.t("失败", "failed"), ctx.verdict(v)];
  });
  const drill = await ctx.vector(ctx.t("最近一次恢复演练", "last restore drill"), "max by (backup) (xinliya_restore_drill_last_success_timestamp_seconds)");
  const drillTime = await ctx.vector(ctx.t("恢复演练耗时", "restore drill duration"), "max by (backup) (xinliya_restore_drill_duration_seconds)");
  const drillRows = drill.map((d) => [d.metric.backup ?? "?", new Date(d.value * 1000).toISOString().replace(".000", ""),
    formatDuration(drillTime.find((t) => t.metric.backup === d.metric.backup)?.value ?? Number.NaN)]);
  if (drill.length === 0) {
    verdicts.push("watch");
    findings.push(ctx.t("没有恢复演练的数据：无法确认备份可以恢复（见数据缺口）", "no restore drill data: the backups are not shown to restore (see data gaps)"));
  }
  const chart = await panelChart(ctx, "xinliya-operations", "backupAge");
  return {
    id: "backups", title: ctx.t("备份与恢复演练", "Backups and restore drills"), verdict: worst(verdicts), findings,
    tables: [
      { head: [ctx.t("备份任务", "Backup job"), ctx.t("最近成功", "Last success"), ctx.t("距今", "Age"), ctx.t("上限", "Max age"), ctx.t("最近一次运行", "Latest run"), ctx.t("结论", "Verdict")], rows },
      { head: [ctx.t("恢复演练", "Restore drill"), ctx.t("最近成功", "Last success"), ctx.t("恢复耗时", "Restore time")], rows: drillRows.length ? drillRows : [[ctx.t("无演练数据（见数据缺口）", "no drill data (see data gaps)"), "—", "—"]] },
    ],
    charts: chart ? [chart] : [], gaps: ctx.takeGaps(),
  };
}

export async function securitySection(ctx: ReportContext): Promise<Section> {
  const P = ctx.period.range;
  const limit = target("authFailureRate");
  const verdicts: Verdict[] = [];
  const findings: string[] = [];
  const failures = await ctx.scalar(ctx.t("失败登录次数", "failed logins"), `sum(increase(xinliya_auth_attempts_total{outcome="failure"}[${P}]))`);
  const peak = await ctx.scalar(ctx.t("失败登录速率峰值", "peak failed-login rate"), `max(max_over_time(job:xinliya_auth_failures:rate5m[${P}]))`);
  if (peak !== undefined) {
    const v: Verdict = peak > limit ? "bad" : "ok";
    verdicts.push(v);
    if (v === "bad") findings.push(ctx.t(`失败登录速率峰值 ${num(peak, 2)}/s，超过 ${formatTarget("authFailureRate")}`, `failed logins peaked at ${num(peak, 2)}/s, above ${formatTarget("authFailureRate")}`));
  }
  const denied = await ctx.scalar(ctx.t("异常访问（401/403 响应）", "abnormal access (401/403 answers)"),
    `sum(increase(http_server_request_duration_seconds_count{http_response_status_code=~"401|403"}[${P}]))`
    + ` or sum(increase(http_server_request_duration_seconds_count[${P}])) * 0`); // 0, not a gap, when the API answered none
  const certs = await ctx.vector(ctx.t("证书到期", "certificate expiry"), "min by (instance) (probe_ssl_earliest_cert_expiry) - time()");
  const rows = [
    [ctx.t("失败登录次数", "failed logins"), num(failures, 0), "—"],
    [ctx.t("失败登录速率峰值", "peak failed-login rate"), `${num(peak, 3)}/s`, `≤ ${formatTarget("authFailureRate")}`],
    [ctx.t("异常访问（401/403）", "abnormal access (401/403)"), num(denied, 0), "—"],
    ...certs.map((c) => [ctx.t(`证书 ${c.metric.instance} 剩余`, `certificate ${c.metric.instance} expires in`), formatDuration(c.value), "—"]),
  ];
  const chart = await panelChart(ctx, "xinliya-operations", "authFailures");
  return {
    id: "security", title: ctx.t("安全", "Security"), verdict: worst(verdicts), findings,
    tables: [{ head: [ctx.t("指标", "Indicator"), ctx.t("本期", "This period"), ctx.t("目标", "Target")], rows }],
    charts: chart ? [chart] : [], gaps: ctx.takeGaps(),
  };
}
