// Inhibitions, proven on a real Alertmanager 0.25 running the generated config of the local
// environment (its receivers point at a loopback sink started here): alerts are posted through the
// API, and the API says which ones are suppressed and by which source. Scenarios are kept apart by
// their `environment` and `instance` labels, the labels the rules compare.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertmanagerConfig, alertmanagerTemplates, routingDefs } from "../../../alerts/routing.ts";
import { present, re } from "../../../alerts/routing/matchers.ts";
import { environment } from "../../../catalog/environments.ts";
import type { Environment } from "../../../catalog/types.ts";
import { render } from "../../../scripts/render/index.ts";
import { toYaml } from "../../../scripts/render/yaml.ts";
import { renderTo } from "../../helpers.ts";
import { type AmAlert, type Alertmanager, startAlertmanager, startSink, writeConfig } from "./tools.ts";

type Labels = Record<string, string>;
/** An alert to post and the alertname of the source expected to inhibit it (null: notified). */
type Case = [name: string, labels: Labels, inhibitedBy: string | null];

const P = (priority: string) => ({ priority, severity: priority === "P0" || priority === "P1" ? "critical" : priority === "P2" ? "warning" : "info" });
const backend = { environment: "t-backend" };

/** The contract of the issue, written out: which alerts BackendUnavailable silences and which it must not. */
const CASES: Case[] = [
  ["BackendUnavailable, the cause", { alertname: "BackendUnavailable", ...P("P0"), job: "xinliya-backend", ...backend }, null],
  ["ApiLatencyHigh", { alertname: "ApiLatencyHigh", ...P("P1"), job: "xinliya-backend", ...backend }, "BackendUnavailable"],
  ["ApiSuccessRateLow", { alertname: "ApiSuccessRateLow", ...P("P1"), job: "xinliya-backend", ...backend }, "BackendUnavailable"],
  ["ApiErrorBudgetBurnFast", { alertname: "ApiErrorBudgetBurnFast", ...P("P0"), ...backend }, "BackendUnavailable"],
  ["ApiErrorBudgetBurnSlow", { alertname: "ApiErrorBudgetBurnSlow", ...P("P2"), ...backend }, "BackendUnavailable"],
  ["AgentProcessingSlow", { alertname: "AgentProcessingSlow", ...P("P1"), agent: "counsellor", ...backend }, "BackendUnavailable"],
  ["AgentFallbackHigh", { alertname: "AgentFallbackHigh", ...P("P2"), agent: "counsellor", ...backend }, "BackendUnavailable"],
  // Not BackendUnavailable's symptom; but LlmApiDown fires in the same environment (next line), whose symptom it is.
  ["LlmApiErrorsHigh: the provider is another cause", { alertname: "LlmApiErrorsHigh", ...P("P1"), provider: "p1", ...backend }, "LlmApiDown"],
  ["LlmApiDown: the provider is another cause", { alertname: "LlmApiDown", ...P("P0"), provider: "p1", ...backend }, null],
  ["a host alert in the same environment", { alertname: "HostCpuHigh", ...P("P2"), job: "node", instance: "b1:9100", ...backend }, null],
  ["ApiLatencyHigh of another environment", { alertname: "ApiLatencyHigh", ...P("P1"), environment: "t-other" }, null],
  ["Watchdog beside every firing source", { alertname: "Watchdog", severity: "none", ...backend }, null],

  ["TargetDown of a node, the cause", { alertname: "TargetDown", ...P("P2"), job: "node", instance: "n1:9100", environment: "t-node" }, null],
  ["HostCpuHigh of that node", { alertname: "HostCpuHigh", ...P("P2"), job: "node", instance: "n1:9100", environment: "t-node" }, "TargetDown"],
  ["HostDiskSpaceHigh of that node", { alertname: "HostDiskSpaceHigh", ...P("P1"), job: "node", instance: "n1:9100", mountpoint: "/", environment: "t-node" }, "TargetDown"],
  ["HostMemoryHigh of another node", { alertname: "HostMemoryHigh", ...P("P2"), job: "node", instance: "n2:9100", environment: "t-node" }, null],
  ["TargetDown of a non-node job", { alertname: "TargetDown", ...P("P2"), job: "xinliya-backend", instance: "n3:8000", environment: "t-node" }, null],
  ["a Host alert on that instance string", { alertname: "HostCpuHigh", ...P("P2"), job: "node", instance: "n3:8000", environment: "t-node" }, null],

  // Issue 10: the disk tiers (the rule they replace could never match: one priority per alert).
  ["HostDiskWillFillIn4h, the cause", { alertname: "HostDiskWillFillIn4h", ...P("P1"), instance: "i1", mountpoint: "/data", environment: "t-prio" }, null],
  ["HostDiskWillFillIn24h of that filesystem", { alertname: "HostDiskWillFillIn24h", ...P("P2"), instance: "i1", mountpoint: "/data", environment: "t-prio" }, "HostDiskWillFillIn4h"],
  ["HostDiskWillFillIn24h of another mountpoint", { alertname: "HostDiskWillFillIn24h", ...P("P2"), instance: "i1", mountpoint: "/var", environment: "t-prio" }, null],
  ["HostDiskWillFillIn24h of another instance", { alertname: "HostDiskWillFillIn24h", ...P("P2"), instance: "i2", mountpoint: "/data", environment: "t-prio" }, null],

  // Issue 10, item 15: one LLM outage, one page.
  ["LlmApiDown, the cause", { alertname: "LlmApiDown", ...P("P0"), job: "xinliya-business-exporter", environment: "t-llm" }, null],
  ["LlmApiErrorsHigh during the LLM outage", { alertname: "LlmApiErrorsHigh", ...P("P1"), provider: "openai", environment: "t-llm" }, "LlmApiDown"],
  ["AgentFallbackHigh during the LLM outage", { alertname: "AgentFallbackHigh", ...P("P2"), agent: "router", environment: "t-llm" }, "LlmApiDown"],
  ["AgentProcessingSlow during the LLM outage", { alertname: "AgentProcessingSlow", ...P("P1"), agent: "router", environment: "t-llm" }, "LlmApiDown"],
  ["AgentRunsFailing during the LLM outage", { alertname: "AgentRunsFailing", ...P("P1"), agent: "router", environment: "t-llm" }, "LlmApiDown"],
  ["ApiLatencyHigh during the LLM outage: not an LLM symptom by name", { alertname: "ApiLatencyHigh", ...P("P1"), job: "xinliya-backend", environment: "t-llm" }, null],

  // Issue 10, item 15: a blind exporter silences what reads it.
  ["ExporterRejectingEvents, the cause", { alertname: "ExporterRejectingEvents", ...P("P1"), job: "xinliya-business-exporter", environment: "t-exp" }, null],
  ["BackupMissing while the exporter is blind", { alertname: "BackupMissing", ...P("P1"), backup: "postgres_full", environment: "t-exp" }, "ExporterRejectingEvents"],
  ["AuthLoginsFailing while the exporter is blind", { alertname: "AuthLoginsFailing", ...P("P1"), job: "xinliya-business-exporter", environment: "t-exp" }, "ExporterRejectingEvents"],
  ["HostCpuHigh while the exporter is blind: node_exporter still sees", { alertname: "HostCpuHigh", ...P("P2"), instance: "h1", environment: "t-exp" }, null],
  // Issue 10, live rotated-token: the refusal is the news, not the silence that follows (its own environment:
  // an inhibited alert still inhibits, and Alertmanager names one source).
  ["ExporterRejectingEvents after a token rotation", { alertname: "ExporterRejectingEvents", ...P("P1"), job: "xinliya-business-exporter", environment: "t-rot" }, null],
  ["ExporterReceivesNoEvents while it rejects every event", { alertname: "ExporterReceivesNoEvents", ...P("P1"), job: "xinliya-business-exporter", environment: "t-rot" }, "ExporterRejectingEvents"],
  ["ExporterReceivesNoEvents of another exporter job", { alertname: "ExporterReceivesNoEvents", ...P("P1"), job: "xinliya-exporter-b", environment: "t-rot" }, null],

  // Issue 13: a total outage pages once at P0, as ApiProbeFailed; the burning probe budget is the same news.
  ["ApiProbeFailed, the cause", { alertname: "ApiProbeFailed", ...P("P0"), instance: "https://api.example/healthz", environment: "t-probe" }, null],
  ["ApiProbeBudgetBurnFast of that endpoint", { alertname: "ApiProbeBudgetBurnFast", ...P("P0"), job: "blackbox-https", instance: "https://api.example/healthz", environment: "t-probe" }, "ApiProbeFailed"],
  ["ApiProbeBudgetBurnSlow of that endpoint", { alertname: "ApiProbeBudgetBurnSlow", ...P("P2"), job: "blackbox-https", instance: "https://api.example/healthz", environment: "t-probe" }, "ApiProbeFailed"],
  ["ApiProbeBudgetBurnFast of another endpoint", { alertname: "ApiProbeBudgetBurnFast", ...P("P0"), job: "blackbox-https", instance: "https://other.example/healthz", environment: "t-probe" }, null],

  // Issue 10, live backend-leaves: its job gone from discovery pages once, as BackendUnavailable.
  ["BackendUnavailable on absent(up), the cause", { alertname: "BackendUnavailable", ...P("P0"), job: "xinliya-backend", environment: "t-gone" }, null],
  ["ScrapeJobMissing of that job", { alertname: "ScrapeJobMissing", ...P("P1"), job: "xinliya-backend", environment: "t-gone" }, "BackendUnavailable"],
  ["ScrapeJobMissing of another job", { alertname: "ScrapeJobMissing", ...P("P1"), job: "node", environment: "t-gone" }, null],
];

/** Posts the cases, waits until every expected inhibition is in place, and returns alertname of source per case. */
async function inhibitionsOf(am: Alertmanager, cases: Case[]): Promise<Record<string, string | null>> {
  await am.post(cases.map(([name, labels]) => ({ ...labels, test_case: name })));
  const deadline = Date.now() + 10_000;
  let alerts: AmAlert[] = [];
  for (;;) {
    alerts = await am.alerts();
    const suppressed = new Set(alerts.filter((a) => a.status.state === "suppressed").map((a) => a.labels.test_case));
    const waiting = cases.filter(([name, , by]) => by !== null && !suppressed.has(name));
    if ((alerts.length === cases.length && waiting.length === 0) || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const byFingerprint = new Map(alerts.map((a) => [a.fingerprint, a.labels.alertname!]));
  return Object.fromEntries(alerts.map((a) => [
    a.labels.test_case!,
    a.status.inhibitedBy.length ? a.status.inhibitedBy.map((f) => byFingerprint.get(f)).sort().join(",") : null,
  ]));
}

describe("inhibitions on a real Alertmanager (generated config of the local environment)", () => {
  let am: Alertmanager;
  let sink: Awaited<ReturnType<typeof startSink>>;

  beforeAll(async () => {
    sink = await startSink();
    const local = environment("local");
    const env: Environment = { ...local, notifications: { kind: "local-sink", sinkUrl: sink.url } };
    const dir = renderTo({ env, locale: "zh" });
    am = await startAlertmanager(path.join(dir, "alertmanager/alertmanager.yml"));
  });
  afterAll(async () => {
    await am?.stop();
    await sink?.stop();
  });

  it("silences exactly the symptoms of each cause, and never Watchdog", async () => {
    const got = await inhibitionsOf(am, CASES);
    expect(got).toEqual(Object.fromEntries(CASES.map(([name, , by]) => [name, by])));
  });

  it("delivers Watchdog to the sink path of deadmans-switch (group_wait 0s)", async () => {
    const deadline = Date.now() + 10_000;
    while (!sink.paths.includes("/deadmans-switch") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(sink.paths).toContain("/deadmans-switch");
    expect(sink.paths.every((p) => p === "/deadmans-switch")).toBe(true); // every other route waits ≥ 10 s
  });
});

describe("the missing-on-both-sides trap, on a real Alertmanager", () => {
  // The classic rule "P0/P1 silences P2/P3 on the same instance", written without the guard.
  const naive = { name: "naive", why: "demonstration", source: [re("priority", "P0|P1")], target: [re("priority", "P2|P3")], equal: ["instance"] };
  const cases = (expectTrap: boolean): Case[] => [
    ["ApiLatencyHigh, aggregated: no instance", { alertname: "ApiLatencyHigh", ...P("P1"), environment: "t" }, null],
    ["ConversationQualityLow, unrelated, no instance", { alertname: "ConversationQualityLow", ...P("P2"), environment: "t" }, expectTrap ? "ApiLatencyHigh" : null],
    ["HostDiskSpaceHigh on a", { alertname: "HostDiskSpaceHigh", ...P("P1"), instance: "a", environment: "t" }, null],
    ["HostCpuHigh on a", { alertname: "HostCpuHigh", ...P("P2"), instance: "a", environment: "t" }, "HostDiskSpaceHigh"],
  ];

  async function run(inhibitions: (typeof naive)[], expectTrap: boolean) {
    const ctx = { env: environment("local"), locale: "zh" as const };
    const defs = { ...routingDefs(ctx), inhibitions };
    // alertmanagerConfig does not validate: this is how the config would look without the guard.
    const file = writeConfig(toYaml(alertmanagerConfig(ctx, defs)), alertmanagerTemplates(ctx));
    try {
      const am = await startAlertmanager(file);
      try {
        return await inhibitionsOf(am, cases(expectTrap));
      } finally {
        await am.stop();
      }
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  }

  it("without present(instance): an alert lacking instance silences every other one lacking it", async () => {
    expect(() => render({ env: environment("local"), locale: "zh", routing: (ctx) => ({ ...routingDefs(ctx), inhibitions: [naive] }) }))
      .toThrow(/equal label "instance" is not required on the source and target side/);
    const got = await run([naive], true);
    expect(got).toEqual(Object.fromEntries(cases(true).map(([name, , by]) => [name, by])));
  });

  it("with present(instance) on both sides, as the guard demands: only the same instance is silenced", async () => {
    const guarded = { ...naive, source: [...naive.source, present("instance")], target: [...naive.target, present("instance")] };
    const got = await run([guarded], false);
    expect(got).toEqual(Object.fromEntries(cases(false).map(([name, , by]) => [name, by])));
  });
});
