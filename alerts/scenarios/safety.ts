// Failure scenarios of the crisis pipeline (item 21, alerts/safety.ts): the raw series a backend
// whose counsellors do not answer, whose SMS gateway is down or whose detector died would expose,
// each beside a quiet neighbour that must stay silent.
import { histogramBuckets } from "../../catalog/buckets.ts";
import { duration, seconds } from "../../catalog/duration.ts";
import { crisisDetectors, safetyForDurations, safetyWindows } from "../../catalog/safety.ts";
import { jobs } from "../../catalog/selectors.ts";
import { latencyQuantile } from "../../catalog/targets.ts";
import { target } from "../../catalog/thresholds.ts";
import { TEST_INTERVAL, counterValues, humanizeDuration, humanizePercentage, series } from "../testing.ts";
import type { RuleContext, RuleTestCase, SeriesDef } from "../types.ts";
import type { ScenarioFile } from "./types.ts";

const NAME = "xinliya_crisis_takeover_duration_seconds";
const [MODEL, KEYWORDS] = crisisDetectors() as [string, string];
const m = (d: string) => seconds(d) / 60;
const at = (minutes: number) => duration(minutes * 60);
const forOf = (alert: string) => m(safetyForDurations()[alert]!);

function exporter(ctx: RuleContext) {
  return { job: jobs(ctx.env).businessExporter, instance: "app-a:9464" };
}

/** Takeover histogram: `perMinute` takeovers a minute, each taking `took` seconds, over segments. */
function takeovers(ctx: RuleContext, segments: { perMinute: number; took: number; minutes: number }[]): SeriesDef[] {
  const bounds = [...histogramBuckets()[NAME]!.map(String), "+Inf"];
  const out = bounds.map((le) => ({
    series: series(`${NAME}_bucket`, { ...exporter(ctx), le }),
    values: counterValues(segments.map((s) => ({ perMinute: le === "+Inf" || s.took <= Number(le) ? s.perMinute : 0, minutes: s.minutes }))),
  }));
  out.push({ series: series(`${NAME}_count`, exporter(ctx)), values: counterValues(segments.map((s) => ({ perMinute: s.perMinute, minutes: s.minutes }))) });
  return out;
}

/** The p95 histogram_quantile reads when every observation falls in the bucket of `took`. */
function p95Of(took: number): number {
  const bounds = histogramBuckets()[NAME]!;
  const hi = bounds.find((b) => took <= b)!;
  const lo = bounds[bounds.indexOf(hi) - 1] ?? 0;
  return lo + (hi - lo) * latencyQuantile();
}

const gauge = (ctx: RuleContext, name: string, values: string, labels: Record<string, string> = {}): SeriesDef =>
  ({ series: series(name, { ...exporter(ctx), ...labels }), values });
const counter = (ctx: RuleContext, name: string, segments: { perMinute: number; minutes: number }[], labels: Record<string, string> = {}): SeriesDef =>
  ({ series: series(name, { ...exporter(ctx), ...labels }), values: counterValues(segments) });

function takeoverCases(ctx: RuleContext): RuleTestCase[] {
  const job = jobs(ctx.env).businessExporter;
  const win = m(safetyWindows().crisis);
  const slowAt = win + 5; // the window holds only slow takeovers from here on
  const slow = 200; // counsellors take over 3 min 20 s after detection
  const normal = 45;
  return [
    {
      name: "CrisisTakeoverSlow: counsellors accept within a minute, every takeover on time (quiet neighbour)",
      interval: TEST_INTERVAL,
      series: takeovers(ctx, [{ perMinute: 2, took: normal, minutes: 120 }]),
      expect: [
        { at: at(90), alert: "CrisisTakeoverSlow", firing: [] },
        { at: at(90), alert: "CrisisTakeoverOverMax", firing: [] },
      ],
    },
    {
      name: "CrisisTakeoverSlow: the counsellor rota is short, every crisis waits 200 s for a human",
      interval: TEST_INTERVAL,
      series: takeovers(ctx, [{ perMinute: 2, took: normal, minutes: 30 }, { perMinute: 2, took: slow, minutes: 90 }]),
      expect: [
        { at: at(30), alert: "CrisisTakeoverSlow", firing: [] },
        { at: at(30 + slowAt), alert: "CrisisTakeoverSlow", firing: [{ labels: { job }, value: humanizeDuration(p95Of(slow)) }] },
        // 200 s is slow, not beyond the maximum.
        { at: at(30 + slowAt), alert: "CrisisTakeoverOverMax", firing: [] },
      ],
    },
    {
      name: "CrisisTakeoverOverMax: one user waited 7 minutes for a human among crises answered on time",
      interval: TEST_INTERVAL,
      series: takeovers(ctx, [
        { perMinute: 2, took: normal, minutes: 40 }, { perMinute: 1, took: 420, minutes: 1 }, { perMinute: 2, took: normal, minutes: 60 },
      ]),
      expect: [
        { at: at(39), alert: "CrisisTakeoverOverMax", firing: [] },
        { at: at(41 + forOf("CrisisTakeoverOverMax") + 1), alert: "CrisisTakeoverOverMax", firing: [{ labels: { job }, value: "" }] },
        // The p95 of the window stays on target: the tail alone pages.
        { at: at(41 + forOf("CrisisTakeoverOverMax") + 1), alert: "CrisisTakeoverSlow", firing: [] },
        // Once the slow takeover has left the window, the alert resolves.
        { at: at(41 + win + 5), alert: "CrisisTakeoverOverMax", firing: [] },
      ],
    },
  ];
}

function waitingCases(ctx: RuleContext): RuleTestCase[] {
  const job = jobs(ctx.env).businessExporter;
  const name = "xinliya_crisis_oldest_waiting_seconds";
  const f = forOf("CrisisWaitingTooLong");
  return [
    {
      // A crisis every two minutes, accepted after 60-90 s: the age goes up and back to zero.
      name: "CrisisWaitingTooLong: crises accepted within 90 s stay silent (quiet neighbour)",
      interval: TEST_INTERVAL,
      series: [gauge(ctx, name, "0 60 90 0 60 90 0 60 90 0 60 90 0 60 90 0")],
      expect: [{ at: at(14), alert: "CrisisWaitingTooLong", firing: [] }],
    },
    {
      // No counsellor accepts: the oldest crisis ages a minute every minute.
      name: "CrisisWaitingTooLong: nobody accepts, the oldest crisis ages past the target",
      interval: TEST_INTERVAL,
      series: [gauge(ctx, name, "0 0+60x20")],
      // 180 s is reached at minute 4 (not above), 240 s at minute 5, then `for`.
      expect: [
        { at: at(5), alert: "CrisisWaitingTooLong", firing: [] },
        { at: at(5 + f), alert: "CrisisWaitingTooLong", firing: [{ labels: { job }, value: humanizeDuration((5 + f - 1) * 60) }] },
      ],
    },
  ];
}

function notificationCases(ctx: RuleContext): RuleTestCase[] {
  const job = jobs(ctx.env).businessExporter;
  const name = "xinliya_emergency_contact_notifications_total";
  const f = forOf("EmergencyContactNotifyFailing");
  const win = m(safetyWindows().crisis);
  return [
    {
      name: "EmergencyContactNotifyFailing: one wrong number among sixty delivered stays silent (quiet neighbour)",
      interval: TEST_INTERVAL,
      series: [
        counter(ctx, name, [{ perMinute: 2, minutes: 60 }], { result: "delivered" }),
        counter(ctx, name, [{ perMinute: 0, minutes: 20 }, { perMinute: 1, minutes: 1 }, { perMinute: 0, minutes: 39 }], { result: "failed" }),
      ],
      expect: [{ at: at(40), alert: "EmergencyContactNotifyFailing", firing: [] }],
    },
    {
      name: "EmergencyContactNotifyFailing: the SMS gateway is down, every notification fails",
      interval: TEST_INTERVAL,
      series: [
        counter(ctx, name, [{ perMinute: 2, minutes: 20 }, { perMinute: 0, minutes: 60 }], { result: "delivered" }),
        counter(ctx, name, [{ perMinute: 0, minutes: 20 }, { perMinute: 2, minutes: 60 }], { result: "failed" }),
      ],
      expect: [
        { at: at(20), alert: "EmergencyContactNotifyFailing", firing: [] },
        { at: at(20 + win + f + 1), alert: "EmergencyContactNotifyFailing", firing: [{ labels: { job }, value: humanizePercentage(1) }] },
      ],
    },
  ];
}

function detectorCases(ctx: RuleContext): RuleTestCase[] {
  const job = jobs(ctx.env).businessExporter;
  const beats = "xinliya_crisis_detector_heartbeats_total";
  const checks = "xinliya_crisis_detector_checks_total";
  const runs = "xinliya_agent_processing_duration_seconds_count";
  const hb = m(safetyWindows().heartbeat);
  const fs = forOf("CrisisDetectorSilent");
  const fc = forOf("CrisisDetectorCoverageLost");
  const cov = m(safetyWindows().coverage);
  const traffic = 60; // messages a minute, far above the paging floor
  const night = Math.max(1, Math.floor(target("pageMinRate") * 60) - 1);
  const sessions = (v: string) => gauge(ctx, "xinliya_active_sessions", v);
  return [
    {
      name: "CrisisDetectorSilent: the model classifier crashes at minute 10 while conversations go on; keyword rules keep beating",
      interval: TEST_INTERVAL,
      series: [
        counter(ctx, beats, [{ perMinute: 4, minutes: 10 }, { perMinute: 0, minutes: 30 }], { detector: MODEL }),
        counter(ctx, beats, [{ perMinute: 4, minutes: 40 }], { detector: KEYWORDS }),
        sessions("40x40"),
      ],
      expect: [
        { at: at(10), alert: "CrisisDetectorSilent", firing: [] },
        { at: at(10 + hb + fs + 1), alert: "CrisisDetectorSilent", firing: [{ labels: { job, detector: MODEL }, value: "0" }] },
      ],
    },
    {
      name: "CrisisDetectorSilent: detectors idle at night with no conversation stay silent (quiet neighbour)",
      interval: TEST_INTERVAL,
      series: [
        counter(ctx, beats, [{ perMinute: 0, minutes: 40 }], { detector: MODEL }),
        counter(ctx, beats, [{ perMinute: 4, minutes: 40 }], { detector: KEYWORDS }),
        sessions("0x40"),
      ],
      expect: [{ at: at(20), alert: "CrisisDetectorSilent", firing: [] }],
    },
    {
      name: "CrisisDetectorCoverageLost: a deploy stops calling the model classifier, keyword rules still screen every message",
      interval: TEST_INTERVAL,
      series: [
        counter(ctx, runs, [{ perMinute: traffic, minutes: 40 }], { agent: "router", outcome: "success" }),
        counter(ctx, checks, [{ perMinute: traffic, minutes: 10 }, { perMinute: 0, minutes: 30 }], { detector: MODEL }),
        counter(ctx, checks, [{ perMinute: traffic, minutes: 40 }], { detector: KEYWORDS }),
      ],
      expect: [
        { at: at(10 + cov), alert: "CrisisDetectorCoverageLost", firing: [] },
        { at: at(10 + cov + fc + 1), alert: "CrisisDetectorCoverageLost", firing: [{ labels: { job, detector: MODEL }, value: humanizePercentage(0) }] },
      ],
    },
    {
      name: "CrisisDetectorCoverageLost: a quiet night below the paging floor, with nothing screened, stays silent (quiet neighbour)",
      interval: TEST_INTERVAL,
      series: [
        counter(ctx, runs, [{ perMinute: night, minutes: 40 }], { agent: "router", outcome: "success" }),
        counter(ctx, checks, [{ perMinute: 0, minutes: 40 }], { detector: MODEL }),
        counter(ctx, checks, [{ perMinute: night, minutes: 40 }], { detector: KEYWORDS }),
      ],
      expect: [{ at: at(30), alert: "CrisisDetectorCoverageLost", firing: [] }],
    },
  ];
}

function reminderCases(ctx: RuleContext): RuleTestCase[] {
  const job = jobs(ctx.env).businessExporter;
  const name = "xinliya_usage_reminders_total";
  const win = m(safetyWindows().reminders);
  const f = forOf("UsageRemindersStopped");
  const long = (v: string) => gauge(ctx, "xinliya_long_sessions", v);
  return [
    {
      name: "UsageRemindersStopped: reminders keep being shown to long sessions (quiet neighbour)",
      interval: TEST_INTERVAL,
      series: [counter(ctx, name, [{ perMinute: 1, minutes: 200 }]), long("5x200")],
      expect: [{ at: at(180), alert: "UsageRemindersStopped", firing: [] }],
    },
    {
      name: "UsageRemindersStopped: nobody is past the limit, no reminder is due (quiet neighbour)",
      interval: TEST_INTERVAL,
      series: [counter(ctx, name, [{ perMinute: 0, minutes: 200 }]), long("0x200")],
      expect: [{ at: at(180), alert: "UsageRemindersStopped", firing: [] }],
    },
    {
      name: "UsageRemindersStopped: a release breaks the reminder at minute 60 while five sessions run past two hours",
      interval: TEST_INTERVAL,
      series: [counter(ctx, name, [{ perMinute: 1, minutes: 60 }, { perMinute: 0, minutes: 140 }]), long("5x200")],
      expect: [
        { at: at(60 + win + f - 5), alert: "UsageRemindersStopped", firing: [] },
        { at: at(60 + win + f + 5), alert: "UsageRemindersStopped", firing: [{ labels: { job }, value: "0" }] },
      ],
    },
  ];
}

export function safetyScenarioFile(ctx: RuleContext): ScenarioFile {
  const cases = [...takeoverCases(ctx), ...waitingCases(ctx), ...notificationCases(ctx), ...detectorCases(ctx), ...reminderCases(ctx)];
  return { domain: "safety", source: "alerts/scenarios/safety.ts", scenarios: cases.map((c) => ({ item: 21, ...c })) };
}
