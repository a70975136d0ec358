// Failure scenarios of the business exporter (items 2 and 14): blind while up, and down.
import { jobs } from "../../catalog/selectors.ts";
import type { RuleContext, SeriesDef } from "../types.ts";
import { backend, counter, exporter, httpHistogram, othersHealthy, up } from "./raw.ts";
import type { FailureScenario, ScenarioFile } from "./types.ts";

const MINUTES = 30;

/** What a running exporter always exposes: its `up` and the agent-run counters (flat when no event arrives). */
function exporterSeries(ctx: RuleContext, runsPerMinute: number, rejected: Record<string, number>): SeriesDef[] {
  return [
    up(exporter(ctx), [{ minutes: MINUTES, value: 1 }]),
    counter("xinliya_agent_processing_duration_seconds_count", { ...exporter(ctx), agent: "router", outcome: "success" }, [{ minutes: MINUTES, perMinute: runsPerMinute }]),
    ...Object.entries(rejected).map(([reason, n]) =>
      counter("xinliya_exporter_rejected_events_total", { ...exporter(ctx), reason }, [{ minutes: MINUTES, perMinute: n }])),
  ];
}

function traffic(ctx: RuleContext, perMinute: number): SeriesDef[] {
  return [up(backend(ctx), [{ minutes: MINUTES, value: 1 }]), ...httpHistogram(backend(ctx), [{ minutes: MINUTES, requests: perMinute, seconds: 0.3 }])];
}

export function exporterScenarioFile(ctx: RuleContext): ScenarioFile {
  const job = jobs(ctx.env).businessExporter;
  const others = othersHealthy(ctx, MINUTES, ["businessExporter", "backend"]);
  const scenarios: FailureScenario[] = [
    {
      item: 2,
      name: "rotated token: the exporter is up and rejects every event as unauthorized",
      interval: "1m",
      series: [...others, ...traffic(ctx, 300), ...exporterSeries(ctx, 0, { unauthorized: 120 })],
      expect: [
        { at: "3m", alert: "ExporterRejectingEvents", firing: [] },
        { at: "15m", alert: "ExporterRejectingEvents", firing: [{ labels: { job }, value: "600" }] },
        { at: "15m", alert: "BusinessExporterDown", firing: [] },
      ],
    },
    {
      item: 2,
      name: "the backend has traffic and no event arrives at all",
      interval: "1m",
      series: [...others, ...traffic(ctx, 300), ...exporterSeries(ctx, 0, {})],
      expect: [
        { at: "5m", alert: "ExporterReceivesNoEvents", firing: [] },
        { at: "25m", alert: "ExporterReceivesNoEvents", firing: [{ labels: { job }, value: "0" }] },
      ],
    },
    {
      item: 2,
      name: "a few malformed events rejected while events keep arriving: the exporter is not blind",
      interval: "1m",
      series: [...others, ...traffic(ctx, 300), ...exporterSeries(ctx, 100, { invalid_event: 5, malformed_json: 1 })],
      expect: [{ at: "25m", alert: "ExporterRejectingEvents", firing: [] }, { at: "25m", alert: "ExporterReceivesNoEvents", firing: [] }],
    },
    {
      item: 2,
      name: "a night without any backend traffic and without events: nothing is missing",
      interval: "1m",
      series: [...others, ...traffic(ctx, 0), ...exporterSeries(ctx, 0, {})],
      expect: [{ at: "25m", alert: "ExporterReceivesNoEvents", firing: [] }],
    },
    {
      item: 14,
      name: "the exporter process is down: BusinessExporterDown pages at P1, since it blinds the P0 LlmApiDown",
      interval: "1m",
      series: [...others, ...traffic(ctx, 300), up(exporter(ctx), [{ minutes: 5, value: 1 }, { minutes: MINUTES - 5, value: 0 }])],
      expect: [
        { at: "6m", alert: "BusinessExporterDown", firing: [] },
        { at: "15m", alert: "BusinessExporterDown", firing: [{ labels: { job, instance: exporter(ctx).instance! }, value: "0" }] },
      ],
    },
    {
      item: 14,
      name: "the exporter up and scraped: no page",
      interval: "1m",
      series: [...others, ...traffic(ctx, 300), ...exporterSeries(ctx, 100, {})],
      expect: [{ at: "25m", alert: "BusinessExporterDown", firing: [] }],
    },
  ];
  return { domain: "exporter", source: "alerts/scenarios/exporter.ts", scenarios };
}
