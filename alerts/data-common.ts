// Shared by the data-tier rule domains (issue 13): a compact alert builder and the job matchers.
import { dataJobs } from "../catalog/data-targets.ts";
import type { PriorityName } from "../catalog/types.ts";
import type { AlertDef, TemplatedText } from "./types.ts";

export const DATA_DASHBOARD = "xinliya-data";

export function dataJob(key: keyof ReturnType<typeof dataJobs>): string {
  return `job="${dataJobs()[key]}"`;
}

export function dataAlert(
  name: string, priority: PriorityName, expr: string, summary: [zh: string, en: string],
  zh: TemplatedText, en: TemplatedText, panel: string, uid = DATA_DASHBOARD, noTrafficFloor?: string,
): AlertDef {
  return {
    kind: "alert", name, expr, priority, summary: { zh: summary[0], en: summary[1] }, description: { zh, en }, dashboard: { uid, panel },
    ...(noTrafficFloor ? { noTrafficFloor } : {}),
  };
}
