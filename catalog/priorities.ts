// The priorities of the ops guide, section 4.1, and the severity each maps to.
import type { Priority, PriorityName, Severity } from "./types.ts";

export function priorities(): Priority[] {
  return [
    { name: "P0", severity: "critical", responseTime: "15m", meaning: { zh: "紧急故障", en: "Emergency" } },
    { name: "P1", severity: "critical", responseTime: "1h", meaning: { zh: "高优先级", en: "High priority" } },
    { name: "P2", severity: "warning", responseTime: "4h", meaning: { zh: "中等优先级", en: "Medium priority" } },
    { name: "P3", severity: "info", responseTime: "24h", meaning: { zh: "低优先级", en: "Low priority" } },
  ];
}

export function priorityNames(): PriorityName[] {
  return priorities().map((p) => p.name);
}

export function severities(): Severity[] {
  return [...new Set(priorities().map((p) => p.severity))];
}

/** The priority of that name, or an error that names the unknown priority. */
export function priority(name: string): Priority {
  const found = priorities().find((p) => p.name === name);
  if (!found) {
    throw new Error(`unknown priority "${name}" (known: ${priorityNames().join(", ")})`);
  }
  return found;
}
