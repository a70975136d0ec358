// Failure scenarios of the probe-based uptime SLI (item 19, alerts/probe-slo.ts), from the raw
// probe_success of blackbox_exporter's two modules probing the API's public health endpoint.
import { dataJobs, dataTargetsOf } from "../../catalog/data-targets.ts";
import { pageMinEvents } from "../../catalog/thresholds.ts";
import { probeFailedRecord } from "../probe-slo.ts";
import { series } from "../testing.ts";
import type { RuleContext, SeriesDef } from "../types.ts";
import type { FailureScenario, ScenarioFile } from "./types.ts";

/** Run-length promtool notation of 0/1 samples: `1x119 0 1 0`. */
export function samples(values: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < values.length;) {
    let j = i;
    while (j < values.length && values[j] === values[i]) j++;
    out.push(j - i === 1 ? `${values[i]}` : `${values[i]}x${j - i - 1}`);
    i = j;
  }
  return out.join(" ");
}

/** `count` samples, each 1 unless `failed(i)`. */
const probes = (count: number, failed: (i: number) => boolean) => Array.from({ length: count }, (_, i) => (failed(i) ? 0 : 1));

function url(ctx: RuleContext): string {
  return dataTargetsOf(ctx.env).probeUrls[0]!;
}

/** probe_success of the strict module and of the no-verify one, sample by sample. */
function probeSeries(ctx: RuleContext, strict: readonly number[], noVerify: readonly number[] = strict): SeriesDef[] {
  return [
    { series: series("probe_success", { job: dataJobs().probe, instance: url(ctx) }), values: samples(strict) },
    { series: series("probe_success", { job: dataJobs().probeNoVerify, instance: url(ctx) }), values: samples(noVerify) },
  ];
}

function fastScenarios(ctx: RuleContext): FailureScenario[] {
  const labels = { job: dataJobs().probe, instance: url(ctx) };
  const perMinute = 2; // probes every 30 s, as production scrapes
  const lead = 60 * perMinute;
  // Minutes of a total outage until the long window holds the floor of failed probes.
  const floorMinutes = pageMinEvents() / perMinute;
  return [
    {
      item: 19,
      name: "one of two nodes behind the load balancer is broken: every other probe fails; ApiProbeFailed never holds for its for, the probe budget burns fast",
      interval: "30s",
      series: probeSeries(ctx, probes(lead + 80, (i) => i >= lead && i % 2 === 0), probes(lead + 80, (i) => i >= lead && i % 2 === 1)),
      expect: [
        { at: "70m", alert: "ApiProbeBudgetBurnFast", firing: [] },
        { at: "95m", alert: "ApiProbeBudgetBurnFast", firing: [{ labels, value: "299.6" }] },
        { at: "95m", alert: "ApiProbeFailed", firing: [] },
      ],
    },
    {
      item: 19,
      name: "the proxy in front of the API answers 502 to every probe for half an hour: the probe budget burns fast once the floor of failed probes is reached",
      interval: "30s",
      series: probeSeries(ctx, probes(lead + 60, (i) => i >= lead)),
      expect: [
        { at: `${60 + Math.floor(floorMinutes) - 2}m`, alert: "ApiProbeBudgetBurnFast", firing: [] },
        { at: "75m", alert: "ApiProbeBudgetBurnFast", firing: [{ labels, value: "217.6" }] },
        { at: "75m", alert: "ApiProbeFailed", firing: [{ labels: { instance: url(ctx) }, value: "0" }] },
      ],
    },
    {
      item: 19,
      name: "one probe lost at night in an hour of probes: nobody is paged",
      interval: "30s",
      series: probeSeries(ctx, probes(lead, (i) => i === 60)),
      expect: [
        { at: "32m", alert: "ApiProbeBudgetBurnFast", firing: [] },
        { at: "45m", alert: "ApiProbeBudgetBurnFast", firing: [] },
        { at: "45m", alert: "ApiProbeFailed", firing: [] },
      ],
    },
    {
      item: 19,
      name: "two probes lost in the same minute (a blip between prober and API): the burn pair is above its factor, the floor of failed probes holds the page",
      interval: "30s",
      series: probeSeries(ctx, probes(lead, (i) => i === 60 || i === 61)),
      checks: [{ at: "33m", expr: `sum by (job, instance) (${probeFailedRecord("1h")})`, samples: [{ labels, value: 2 }] }],
      expect: [
        { at: "33m", alert: "ApiProbeBudgetBurnFast", firing: [] },
        { at: "40m", alert: "ApiProbeBudgetBurnFast", firing: [] },
      ],
    },
  ];
}

function slowScenarios(ctx: RuleContext): FailureScenario[] {
  const labels = { job: dataJobs().probe, instance: url(ctx) };
  const day = 24 * 60;
  // Two clean days first: the longest pair's window (3d) then holds a long clean history, as in
  // production (a shorter one would read a short history as the whole window).
  const lead = 2 * day;
  return [
    {
      item: 19,
      name: "after two clean days, a flaky entry point loses one probe in 50: a ticket after some hours, no page",
      interval: "1m",
      evaluationInterval: "5m",
      series: probeSeries(ctx, probes(lead + 8 * 60 + 5, (i) => i >= lead && (i - lead) % 50 === 25)),
      expect: [
        { at: `${lead + 60}m`, alert: "ApiProbeBudgetBurnSlow", firing: [] },
        { at: `${lead + 8 * 60}m`, alert: "ApiProbeBudgetBurnSlow", firing: [{ labels, value: "11.53" }] },
        { at: `${lead + 8 * 60}m`, alert: "ApiProbeBudgetBurnFast", firing: [] },
      ],
    },
    {
      item: 19,
      name: "one probe lost a day for two days: within the 99.9 % budget, no ticket",
      interval: "1m",
      evaluationInterval: "5m",
      series: probeSeries(ctx, probes(2 * day, (i) => i % day === 600)),
      expect: [
        { at: `${day + 610}m`, alert: "ApiProbeBudgetBurnSlow", firing: [] },
        { at: `${2 * day - 5}m`, alert: "ApiProbeBudgetBurnSlow", firing: [] },
      ],
    },
  ];
}

export function probeSloScenarioFile(ctx: RuleContext): ScenarioFile {
  return { domain: "probe-slo", source: "alerts/scenarios/probe-slo.ts", scenarios: [...fastScenarios(ctx), ...slowScenarios(ctx)] };
}
