// The simulated crisis pipeline (issue 14): crises detected by the model or the user, counsellors
// taking over, the waiting queue, emergency-contact notifications, referrals, continuous-use
// reminders and the detectors' heartbeats and checks, posted to the business exporter as events.
// Counts and durations only. Scenarios break one stage each: nobody accepts (crisis-handoff-slow),
// the model classifier dies (crisis-detector-down), the SMS gateway fails (emergency-contact-fails).
import { crisisDetectors, crisisResources, crisisRiskLevels, crisisSources } from "../../catalog/safety.ts";
import { eventPoster } from "./poster.ts";
import type { Scenario } from "./scenarios.ts";

type Event = Record<string, string | number>;

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const around = (x: number) => x * (0.7 + Math.random() * 0.5);

export interface CrisisState {
  /** When the oldest crisis nobody accepts started waiting (ms), while counsellors do not accept. */
  waitingSince?: number;
}

/**
 * One tick of the crisis pipeline. `speed` is how many simulated seconds pass per real second (the
 * stack's 1 / timeScale), so a wait grows at the pace of the scaled rules.
 */
export function crisisBatch(s: Scenario, state: CrisisState, now: number, speed: number, messages: number): Event[] {
  const events: Event[] = [];
  const [model] = crisisDetectors();
  for (const detector of crisisDetectors()) {
    if (s.crisisDetectorDown && detector === model) continue; // dead: no heartbeat, nothing screened
    events.push({ type: "detector_heartbeat", detector });
    events.push({ type: "detector_checks", detector, messages });
  }
  if (Math.random() < 0.5) {
    const source = s.crisisDetectorDown ? "user" : pick(crisisSources());
    events.push({ type: "crisis_detected", source, risk: pick(crisisRiskLevels()) });
    if (s.counsellorsAccept) events.push({ type: "crisis_takeover", durationSeconds: around(45) });
    events.push({ type: "emergency_contact", result: Math.random() < s.emergencyContactFailureShare ? "failed" : "delivered" });
    events.push({ type: "crisis_referral", resource: pick(crisisResources()) });
  }
  if (s.counsellorsAccept) {
    state.waitingSince = undefined;
    events.push({ type: "crisis_queue", waiting: Math.random() < 0.5 ? 1 : 0, oldestWaitingSeconds: Math.round(around(20)) });
  } else {
    state.waitingSince ??= now;
    const waited = Math.round(((now - state.waitingSince) / 1000) * speed);
    events.push({ type: "crisis_queue", waiting: 3, oldestWaitingSeconds: Math.min(waited, 86_400) });
  }
  if (Math.random() < 0.5) events.push({ type: "usage_reminder" });
  events.push({ type: "long_sessions", count: 4 });
  return events;
}

export interface CrisisSim {
  setScenario(s: Scenario): void;
  /** Batches the exporter did not take (refused, or no answer), as the events simulator counts them. */
  failures(): number;
  stop(): void;
}

export function startCrisisSim(exporterUrl: string, initial: Scenario, speed: number, tickMs = 500): CrisisSim {
  let current = initial;
  const state: CrisisState = {};
  // Messages screened per tick: one per agent answer of the events simulator (six agents a tick).
  const messages = 6;
  const poster = eventPoster(exporterUrl);
  const timer = setInterval(() => poster.post(crisisBatch(current, state, Date.now(), speed, messages)), tickMs);
  return { setScenario: (s) => { current = s; }, failures: poster.failures, stop: () => clearInterval(timer) };
}
