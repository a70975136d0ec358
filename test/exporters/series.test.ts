import { describe, expect, it } from "vitest";
import { agentOutcomes, agents, llmModels, llmOutcomes } from "../../catalog/allowlists.ts";
import { histogramBuckets } from "../../catalog/buckets.ts";
import { createMetrics } from "../../exporters/metrics.ts";
import { businessMetrics, labelSpace, linesPerSeries, lookup, sampleBound } from "../../exporters/series.ts";

describe("exporter label space", () => {
  it("covers exactly the catalog's business metrics, each with the catalog's labels", () => {
    const space = labelSpace();
    expect(Object.keys(space).sort()).toEqual(businessMetrics().map((m) => m.name).sort());
    for (const def of businessMetrics()) {
      for (const set of space[def.name]!) expect(Object.keys(set).sort(), def.name).toEqual([...def.labels].sort());
      const keys = space[def.name]!.map((s) => JSON.stringify(s));
      expect(new Set(keys).size, `${def.name}: duplicate label sets`).toBe(keys.length);
    }
  });

  it("bounds the samples by the allow-lists", () => {
    const agentsN = agents().length + 1;
    const pairs = Object.values(llmModels()).reduce((n, m) => n + m.length + 1, 0) + 1;
    const lines = (name: string) => linesPerSeries(businessMetrics().find((m) => m.name === name)!);
    expect(labelSpace().xinliya_llm_request_duration_seconds).toHaveLength(pairs * llmOutcomes().length);
    expect(labelSpace().xinliya_agent_processing_duration_seconds).toHaveLength(agentsN * agentOutcomes().length);
    expect(lines("xinliya_agent_processing_duration_seconds")).toBe(histogramBuckets().xinliya_agent_processing_duration_seconds!.length + 3);
    expect(sampleBound()).toBe(Object.entries(labelSpace()).reduce((n, [name, sets]) => n + sets.length * lines(name), 0));
    expect(sampleBound()).toBeLessThan(5000);
  });

  it("maps unknown values to other, and never treats prototype names as allowed", () => {
    const llm = lookup(["provider", "model", "outcome"], labelSpace().xinliya_llm_request_duration_seconds!);
    const sets = labelSpace().xinliya_llm_request_duration_seconds!;
    const at = (i: number) => sets[i];
    expect(at(llm("azure_openai", "gpt-4o", "success"))).toEqual({ provider: "azure_openai", model: "gpt-4o", outcome: "success" });
    expect(at(llm("anthropic", "qwen-max", "error"))).toEqual({ provider: "anthropic", model: "other", outcome: "error" });
    expect(at(llm("acme-llm", "gpt-4o", "timeout"))).toEqual({ provider: "other", model: "other", outcome: "timeout" });
    const agent = lookup(["agent"], labelSpace().xinliya_conversation_quality_score!);
    for (const v of ["constructor", "__proto__", "toString", "hasOwnProperty", "alice@example.com", ""]) {
      expect(labelSpace().xinliya_conversation_quality_score![agent(v)]).toEqual({ agent: "other" });
    }
    // A closed label (no `other`) has no series for an unknown value: the schema rejects it first.
    expect(lookup(["reason"], labelSpace().xinliya_exporter_rejected_events_total!)("nope")).toBe(-1);
  });

  it("builds one store per business metric of the catalog, of its type, and refuses unknown names", () => {
    const m = createMetrics();
    expect(m.stores.map((s) => [s.name, s.kind])).toEqual(businessMetrics().map((d) => [d.name, d.type]));
    expect(() => m.store("node_load1")).toThrow(/is not a business metric of the catalog/);
  });
});
