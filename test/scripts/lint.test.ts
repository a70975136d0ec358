import { describe, expect, it } from "vitest";
import { counterSeries, expressionLintProblems, exprLintProblems } from "../../scripts/check/exprlint.ts";
import { ruleLintProblems } from "../../scripts/check/rulelint.ts";
import { render } from "../../scripts/render/index.ts";
import { options } from "../helpers.ts";

const messages = (expr: string) => expressionLintProblems("r", expr).map((p) => p.message);

describe("expression lint", () => {
  it("passes every generated rule", () => {
    expect(exprLintProblems(render(options()))).toEqual([]);
  });

  it("knows the counters: *_total and the _bucket, _sum and _count of histograms", () => {
    const counters = counterSeries();
    for (const s of ["node_cpu_seconds_total", "xinliya_llm_requests_total", "http_server_request_duration_seconds_bucket",
      "http_server_request_duration_seconds_sum", "xinliya_conversation_quality_score_count"]) expect(counters.has(s), s).toBe(true);
    expect(counters.has("up")).toBe(false);
    expect(counters.has("xinliya_backup_last_success_timestamp_seconds")).toBe(false);
  });

  it("lets counters through rate, increase and irate only", () => {
    expect(messages('sum by (job) (rate(node_cpu_seconds_total{mode="idle"}[5m]))')).toEqual([]);
    expect(messages("increase(xinliya_errors_total[1h]) + irate(xinliya_auth_attempts_total[5m])")).toEqual([]);
    expect(messages("histogram_quantile(0.95, sum by (le) (rate(http_server_request_duration_seconds_bucket[5m])))")).toEqual([]);
    expect(messages("sum(node_cpu_seconds_total)")).toEqual(["counter node_cpu_seconds_total is read raw: use rate, increase or irate"]);
    expect(messages("http_server_request_duration_seconds_count > 0")).toEqual(["counter http_server_request_duration_seconds_count is read raw: use rate, increase or irate"]);
    expect(messages("sum_over_time(xinliya_feedback_ratings_total[1h])")).toEqual(["counter xinliya_feedback_ratings_total is read inside sum_over_time(): use rate, increase or irate"]);
    // Unknown names ending in _total are counters too; recording rules never are.
    expect(messages("some_new_thing_total == 1")).toEqual(["counter some_new_thing_total is read raw: use rate, increase or irate"]);
    expect(messages("job:xinliya_auth_failures:rate5m > 0.5")).toEqual([]);
  });

  it("accepts only catalog numbers (and 0 and 1) in an expression", () => {
    expect(messages("instance:node_memory_utilisation:ratio > 0.85")).toEqual([]);
    expect(messages("up == 0 or vector(1)")).toEqual([]);
    expect(messages("instance:node_memory_utilisation:ratio > 0.86")).toEqual(["number 0.86 is not a catalog value: put the threshold in catalog/targets.ts and import it"]);
    expect(messages("predict_linear(node_filesystem_avail_bytes[6h], 3700) < -7")).toEqual([
      "number 3700 is not a catalog value: put the threshold in catalog/targets.ts and import it",
      "number -7 is not a catalog value: put the threshold in catalog/targets.ts and import it",
    ]);
    // Durations of ranges and offsets are windows, not thresholds.
    expect(messages("rate(node_cpu_seconds_total[7m] offset 13m)")).toEqual([]);
  });
});

describe("rule lint", () => {
  const edited = (file: string, from: string, to: string) => {
    const bundle = render(options());
    const content = bundle.get(file)!;
    expect(content).toContain(from);
    bundle.set(file, content.replace(from, to));
    return ruleLintProblems(bundle).map((p) => `${p.where}: ${p.message}`);
  };

  it("passes every generated rule", () => {
    expect(ruleLintProblems(render(options()))).toEqual([]);
  });

  it("names a non-CamelCase or over-long alert name", () => {
    expect(edited("prometheus/rules/system.yml", "alert: HostCpuHigh", "alert: host_cpu_high")).toEqual([
      "prometheus/rules/system.yml › xinliya.system › host_cpu_high: alert names are CamelCase and at most 40 characters",
    ]);
    const long = "HostCpuIsVeryVeryHighAndWillStayVeryHighSoon";
    expect(edited("prometheus/rules/system.yml", "alert: HostCpuHigh", `alert: ${long}`)).toEqual([
      `prometheus/rules/system.yml › xinliya.system › ${long}: alert names are CamelCase and at most 40 characters`,
    ]);
  });

  it("names a templated summary, a fixed description, a severity that does not match and a missing annotation", () => {
    expect(edited("prometheus/rules/agents.yml", "summary: LLM 调用几乎全部失败", "summary: LLM 调用几乎全部失败 {{ $labels.job }}")).toEqual([
      "prometheus/rules/agents.yml › xinliya.agents › LlmApiDown: summary must be fixed text, without a template"]);
    expect(edited("prometheus/rules/operations.yml", "description: 备份任务 {{ $labels.backup }} 的最近一次运行失败。", "description: 备份任务失败。")).toEqual([
      "prometheus/rules/operations.yml › xinliya.operations › BackupFailed: description must be templated (name the instance or the value)"]);
    expect(edited("prometheus/rules/business.yml", "priority: P3\n          severity: info", "priority: P3\n          severity: warning")).toEqual([
      'prometheus/rules/business.yml › xinliya.business › UserSatisfactionLow: severity "warning" does not match priority P3 (info)']);
    expect(edited("prometheus/rules/api.yml", "          runbook_url: https://ops.xinliya.example/runbooks/ApiLatencyHigh.md\n", "")).toEqual([
      "prometheus/rules/api.yml › xinliya.api › ApiLatencyHigh: annotation runbook_url is missing"]);
  });
});
