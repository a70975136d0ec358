// The simulated backend's LLM calls on the OpenTelemetry GenAI conventions (issue 14), in the
// export form the catalog names as current (catalog/genai.ts): token usage, operation duration and
// time to first chunk, with the conventions' bucket advice. One call a second: a few CNY an hour.
import { Histogram, type Registry } from "prom-client";
import { genAiBuckets, genAiExportPaths, genAiLabels } from "../../catalog/genai.ts";
import { metricByName } from "../../catalog/metrics.ts";
import { deployedModels } from "./deployed-models.ts";
import type { Scenario } from "./scenarios.ts";

export function startGenAiSim(registry: Registry, scenario: () => Scenario, tickMs = 1000): { stop(): void } {
  const p = genAiExportPaths();
  const l = genAiLabels();
  const b = genAiBuckets();
  const histogram = (name: string, buckets: number[]) => {
    const def = metricByName(name)!;
    return new Histogram({ name, help: def.help, labelNames: [...def.labels], buckets, registers: [registry] });
  };
  const tokens = histogram(p.tokenUsage, b.tokens);
  const duration = histogram(p.duration[p.current], b.duration);
  const firstChunk = histogram(p.timeToFirstChunk[p.current], b.duration);
  const models = deployedModels();
  const timer = setInterval(() => {
    const s = scenario();
    const m = models[Math.floor(Math.random() * models.length)]!;
    const base = { [l.provider]: m.provider, [l.model]: m.model, [l.operation]: "chat" };
    const failed = Math.random() < s.llmFailureShare;
    const labels = failed ? { ...base, [l.error]: "timeout" } : { ...base, [l.error]: "" };
    duration.observe(labels, failed ? 5 : 1 + Math.random());
    if (failed) return;
    firstChunk.observe(labels, 0.3 + Math.random() * 0.5);
    tokens.observe({ ...base, [l.tokenType]: "input" }, 1000 + Math.round(Math.random() * 1000));
    tokens.observe({ ...base, [l.tokenType]: "output" }, 200 + Math.round(Math.random() * 200));
  }, tickMs);
  return { stop: () => clearInterval(timer) };
}
