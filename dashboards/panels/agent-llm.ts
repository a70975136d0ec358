// Panel factories of the agent and LLM dashboard, per provider and model: which model is busy,
// slow, failing or rate limited. The alerts sum `model` away (the provider is what the on-call
// engineer can switch); these panels keep it, to find the model behind a provider's trouble.
import { agentRecordNames } from "../../alerts/agents.ts";
import { quantileName } from "../../alerts/promql.ts";
import { medianQuantile } from "../../catalog/dashboards.ts";
import { llmOutcomes } from "../../catalog/outcomes.ts";
import { withOutcomeColours } from "../colours.ts";
import { latencyQuantile } from "../../catalog/targets.ts";
import { formatTarget, target } from "../../catalog/thresholds.ts";
import { jobScope, query, scope, timeseriesPanel, zh } from "../common.ts";
import type { DashboardContext, PanelDef } from "../types.ts";

const LEGEND = "{{provider}} {{model}}";

function calls(by: string, outcomes?: readonly string[]): string {
  const matcher = outcomes ? `, outcome=~"${outcomes.join("|")}"` : "";
  return `sum by (${by}) (rate(xinliya_llm_requests_total{${scope()}${matcher}}[$__rate_interval]))`;
}

export function llmCallsByModelTimeseries(ctx: DashboardContext): PanelDef {
  const panel = timeseriesPanel({
    title: zh(ctx) ? "各模型调用速率" : "Calls per second by model",
    description: zh(ctx) ? "每个供应商的每个模型每秒的调用次数（全部结果）。" : "Calls per second of each model of each provider (every outcome).",
    unit: "reqps", min: 0,
  }).withTarget(query(calls("provider, model"), LEGEND));
  return { key: "llmCallsByModel", panel };
}

export function llmLatencyByModelTimeseries(ctx: DashboardContext): PanelDef {
  const quantiles = [medianQuantile(), latencyQuantile()];
  const names = quantiles.map(quantileName);
  let panel = timeseriesPanel({
    title: zh(ctx) ? `各模型调用耗时 ${names.join("/")}` : `Call duration ${names.join("/")} by model`,
    description: zh(ctx)
      ? `每个供应商的每个模型单次调用耗时的 ${names.join(" 与 ")}。虚线为智能体处理时间目标 ${formatTarget("agentProcessingP95")}：单次调用已接近它的模型会拖慢智能体。`
      : `${names.join(" and ")} of the duration of one call, per provider and model. The dashed line is the ${formatTarget("agentProcessingP95")} agent processing target: a model whose calls alone come close to it slows the agents down.`,
    unit: "s", min: 0, threshold: target("agentProcessingP95"),
  });
  quantiles.forEach((q, i) => {
    panel = panel.withTarget(query(
      // The p95 recorded per model (alerts/agents.ts); the median from the bucket record as it is
      // recorded, not summed again by model at every step of 6 h (seconds, bench:scale). One
      // exporter job, so the same lines.
      q === latencyQuantile() ? `${agentRecordNames().llmLatencyByModel}{${jobScope()}}` : `histogram_quantile(${q}, ${agentRecordNames().llmBuckets}{${jobScope()}})`,
      `${LEGEND} ${quantileName(q)}`, "AB"[i]));
  });
  return { key: "llmLatencyByModel", panel };
}

export function llmErrorsByModelTimeseries(ctx: DashboardContext): PanelDef {
  const { failed, rateLimited } = llmOutcomes();
  const errors = failed.filter((o) => o !== rateLimited);
  const panel = timeseriesPanel({
    title: zh(ctx) ? "各模型调用错误" : "Call errors by model",
    description: zh(ctx)
      ? `每个供应商的每个模型每秒失败的调用（${errors.join("、")}），不含被限流（见右侧）。供应商整体的失败率告警为 LlmApiErrorsHigh。`
      : `Failed calls per second (${errors.join(", ")}) of each model of each provider, rate limiting aside (next panel). The provider-wide failure alert is LlmApiErrorsHigh.`,
    unit: "reqps", min: 0,
  }).withTarget(query(calls("provider, model, outcome", errors), `${LEGEND} {{outcome}}`));
  withOutcomeColours(panel, errors);
  return { key: "llmErrorsByModel", panel };
}

export function llmRateLimitedTimeseries(ctx: DashboardContext): PanelDef {
  const { rateLimited } = llmOutcomes();
  const panel = timeseriesPanel({
    title: zh(ctx) ? "各模型被限流的调用" : "Rate-limited calls by model",
    description: zh(ctx)
      ? `每个供应商的每个模型每秒被限流（${rateLimited}）的调用。持续出现说明配额不足：申请提额或把流量切到备用模型（运维指南 4.3）。`
      : `Calls per second refused with ${rateLimited}, per provider and model. If it lasts, the quota is too small: raise it or move traffic to a backup model (ops guide 4.3).`,
    unit: "reqps", min: 0,
  }).withTarget(query(calls("provider, model", [rateLimited]), LEGEND));
  return { key: "llmRateLimited", panel };
}
