import { describe, expect, it } from "vitest";
import {
  agents, backups, errorTypes, features, llmModels, llmProviders, otherLabelValue, rejectionReasons,
} from "../../catalog/allowlists.ts";
import { histogramBuckets } from "../../catalog/buckets.ts";
import { metrics } from "../../catalog/metrics.ts";
import { target } from "../../catalog/thresholds.ts";

describe("catalog allow-lists", () => {
  it("are realistic in size and have no duplicates", () => {
    const models = new Set(Object.values(llmModels()).flat());
    expect(agents().length).toBeGreaterThanOrEqual(8);
    expect(llmProviders().length).toBeGreaterThanOrEqual(8);
    expect(models.size).toBeGreaterThanOrEqual(16);
    expect(features().length).toBeGreaterThanOrEqual(30);
    expect(errorTypes().length).toBeGreaterThanOrEqual(30);
    expect(backups().length).toBeGreaterThanOrEqual(3);
    for (const list of [agents(), llmProviders(), features(), errorTypes(), backups(), rejectionReasons(), ...Object.values(llmModels())]) {
      expect(new Set(list).size).toBe(list.length);
      expect(list).not.toContain(otherLabelValue());
      for (const v of list) expect(v).toMatch(/^[a-z0-9][a-z0-9_.-]*$/);
    }
  });

  it("put the ops-guide thresholds on bucket bounds, and scores on 0–1", () => {
    const b = histogramBuckets();
    for (const name of ["xinliya_agent_processing_duration_seconds", "xinliya_llm_request_duration_seconds"]) {
      expect(b[name]).toContain(target("apiLatencyP95"));
      expect(b[name]).toContain(target("agentProcessingP95"));
    }
    expect(Math.min(...b.xinliya_conversation_quality_score!)).toBeGreaterThan(0);
    expect(Math.max(...b.xinliya_conversation_quality_score!)).toBe(1);
    for (const [name, bounds] of Object.entries(b)) {
      expect([...bounds].sort((x, y) => x - y), name).toEqual(bounds);
      expect(new Set(bounds).size, name).toBe(bounds.length);
    }
    const histograms = metrics().filter((m) => m.source === "business_exporter" && m.type === "histogram").map((m) => m.name);
    expect(Object.keys(b).sort()).toEqual(histograms.sort());
  });
});

