// The business exporter gone blind (issue 10, item 2): up, yet rejecting every event (a rotated
// token), or up while the backend has traffic and no event arrives at all. Either way every
// business, LLM, backup and auth alert is blind, the P0 LlmApiDown included.
import { jobMatcher } from "../catalog/selectors.ts";
import { forOf, rateWindow } from "../catalog/targets.ts";
import { pageMinEvents } from "../catalog/thresholds.ts";
import type { AlertDef, RuleContext, RuleGroupDef } from "./types.ts";

/** What the exporter accepted: every chat turn runs agents, so their runs are the proof of life. */
function accepted(ctx: RuleContext, window: string): string {
  return `sum by (job) (increase(xinliya_agent_processing_duration_seconds_count{${jobMatcher(ctx.env, "businessExporter")}}[${window}]))`;
}

function alerts(ctx: RuleContext): AlertDef[] {
  const exporter = jobMatcher(ctx.env, "businessExporter");
  const w = rateWindow();
  const quiet = forOf("ExporterReceivesNoEvents");
  return [
    {
      kind: "alert",
      name: "ExporterRejectingEvents",
      expr:
        `sum by (job) (increase(xinliya_exporter_rejected_events_total{${exporter}}[${w}])) >= ${pageMinEvents()}` +
        ` unless on (job) ${accepted(ctx, w)} > 0`,
      priority: "P1",
      watches: ["business_exporter"],
      summary: { zh: "业务指标导出器拒收全部事件", en: "The business exporter rejects every event" },
      description: {
        zh: (t) => `业务指标导出器（任务 ${t.label("job")}）最近 ${w} 拒收了 ${t.value("number")} 个事件且没有接受任何事件（例如令牌轮换后后端仍用旧令牌）：智能体、LLM、业务、备份与认证告警全部失明。`,
        en: (t) => `The business exporter (job ${t.label("job")}) rejected ${t.value("number")} events over the last ${w} and accepted none (after a token rotation, say): the agent, LLM, business, backup and auth alerts are all blind.`,
      },
      dashboard: { uid: "xinliya-operations", panel: "exporterRejected" },
    },
    {
      kind: "alert",
      name: "ExporterReceivesNoEvents",
      expr:
        `(${accepted(ctx, quiet)} == 0)` +
        ` and on () sum (increase(http_server_request_duration_seconds_count{${jobMatcher(ctx.env, "backend")}}[${quiet}])) >= ${pageMinEvents()}`,
      priority: "P1",
      watches: ["business_exporter"],
      summary: { zh: "后端有流量但导出器收不到事件", en: "The backend has traffic but the exporter receives no event" },
      description: {
        zh: (t) => `后端仍在处理请求，但业务指标导出器（任务 ${t.label("job")}）最近 ${quiet} 没有收到任何智能体运行事件（${t.value("number")} 个）：事件上报链路中断，业务告警全部失明（阈值：后端至少 ${pageMinEvents()} 个请求）。`,
        en: (t) => `The backend still serves requests, but the business exporter (job ${t.label("job")}) received no agent run over the last ${quiet} (${t.value("number")}): event reporting is broken and the business alerts are blind (floor: at least ${pageMinEvents()} backend requests).`,
      },
      dashboard: { uid: "xinliya-operations", panel: "exporterAccepted" },
    },
  ];
}

export function exporterRules(ctx: RuleContext): RuleGroupDef {
  return { domain: "exporter", group: "xinliya.exporter", rules: alerts(ctx), tests: [] };
}
