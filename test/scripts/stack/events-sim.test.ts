// The event simulator leaves the backup jobs that really run in the stack to the real job: a
// simulated success every tick would hide a real failed backup (issue 13).
import { describe, expect, it } from "vitest";
import { backupJobs } from "../../../catalog/backups.ts";
import { realStackBackupJobs } from "../../../catalog/data-targets.ts";
import { llmModels } from "../../../catalog/allowlists.ts";
import { priceTable } from "../../../catalog/genai.ts";
import { deployedModels } from "../../../scripts/stack/deployed-models.ts";
import { eventBatch } from "../../../scripts/stack/events-sim.ts";
import { scenario } from "../../../scripts/stack/scenarios.ts";

const backupsOf = (events: Record<string, string | number>[]) => events.filter((e) => e.type === "backup").map((e) => String(e.backup)).sort();

describe("simulated backup events", () => {
  it("report every catalog job when no real job runs beside them", () => {
    expect(backupsOf(eventBatch(scenario("normal"), 0.5, Date.now() / 1000))).toEqual(Object.keys(backupJobs()).sort());
  });

  it("leave the jobs the stack runs for real (postgres_full) to the real backup job", () => {
    const real = realStackBackupJobs();
    expect(real.length).toBeGreaterThan(0);
    for (const name of ["normal", "backup-missing"]) {
      const simulated = backupsOf(eventBatch(scenario(name), 0.5, Date.now() / 1000, real));
      expect(simulated).toEqual(Object.keys(backupJobs()).filter((j) => !real.includes(j)).sort());
      for (const job of real) expect(simulated, name).not.toContain(job);
    }
  });
});

describe("simulated LLM calls", () => {
  it("go to the few models the backend uses, the GenAI price table's first four, each admitted by the allow-list", () => {
    const pairs = new Set<string>();
    for (let i = 0; i < 200; i++) {
      for (const e of eventBatch(scenario("normal"), 0.5, Date.now() / 1000)) if (e.type === "llm_call") pairs.add(`${e.provider}/${e.model}`);
    }
    const deployed = deployedModels().map((m) => `${m.provider}/${m.model}`);
    expect(deployed).toEqual(priceTable().prices.slice(0, 4).map((m) => `${m.provider}/${m.model}`));
    expect([...pairs].sort()).toEqual([...deployed].sort());
    for (const m of deployedModels()) expect(llmModels()[m.provider], m.model).toContain(m.model);
  });
});
