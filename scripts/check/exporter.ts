// The business exporter can start on this catalog: every event declaration of
// catalog/business-events.ts is sound, every business metric is fed, and the exporter's stores,
// label space and ingest mapping build from them (exactly what the exporter does at start).
import { declarationProblems } from "../../exporters/events.ts";
import { createIngest } from "../../exporters/ingest.ts";
import { createMetrics } from "../../exporters/metrics.ts";
import type { Problem } from "../lib/problems.ts";

export function exporterProblems(): Problem[] {
  const problems = declarationProblems().map((message) => ({ where: "catalog/business-events.ts", message }));
  if (problems.length > 0) return problems;
  try {
    createIngest(createMetrics());
  } catch (e) {
    return [{ where: "exporters/ (built from the catalog)", message: (e as Error).message }];
  }
  return [];
}
