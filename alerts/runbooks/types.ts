// The shape of a runbook definition: what an alert means and what to do, beside the rule.
// scripts/render/runbooks.ts adds the priority, the PromQL and the dashboard from the rule itself.
import type { Localized } from "../../catalog/types.ts";

/** The common failures of ops guide 4.3, plus the sections of the guide that some alerts need. */
export type GuideCase = "unresponsive" | "performance" | "agent" | "database" | "capacity" | "security" | "backup";

export interface RunbookDef {
  /** What the alert means and why it matters, for the person it woke up. */
  meaning: Localized;
  /** Alert-specific first checks; the guide's diagnosis steps (4.2) follow them. */
  checks: Localized[];
  /** Alert-specific mitigations; the steps of the guide's cases follow them. */
  mitigations: Localized[];
  /** The ops-guide cases whose steps apply. */
  guide: GuideCase[];
}
