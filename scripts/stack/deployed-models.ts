// The models the simulated backend calls. A real backend calls a few models, not every model of
// the exporter's allow-list: the simulators draw from the first four of the price table
// (catalog/genai.ts), which the allow-list admits (catalog/allowlists.ts), so the business
// exporter's LLM series and the GenAI conventions' series name the same models. Drawn from all
// 39 allowed pairs, the LLM histogram alone was 2 028 of a stack's ~8 000 series, and the records
// over it two thirds of each stack's rule evaluation (README, "Test time").
import { llmModels } from "../../catalog/allowlists.ts";
import { priceTable } from "../../catalog/genai.ts";

export interface DeployedModel {
  provider: string;
  model: string;
}

export function deployedModels(): DeployedModel[] {
  const allowed = llmModels();
  const models = priceTable().prices.slice(0, 4).map(({ provider, model }) => ({ provider, model }));
  const outside = models.filter((m) => !(allowed[m.provider] ?? []).includes(m.model));
  if (outside.length > 0) {
    throw new Error(`scripts/stack/deployed-models.ts: ${outside.map((m) => `${m.provider}/${m.model}`).join(", ")} of catalog/genai.ts priceTable() is not in catalog/allowlists.ts llmModels()`);
  }
  return models;
}
