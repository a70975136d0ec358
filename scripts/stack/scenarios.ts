// Scenarios of the traffic simulator (`npm start -- --scenario <name>`): each one breaks exactly
// the indicator its alert watches, and leaves the others healthy.
import { type DataScenarioName, dataScenarioNames } from "./data-stack.ts";

/** Issue 10's live failures (README, "Live failure scenarios (alerts)"). */
export type LiveFailureName = "rotated-token" | "backend-leaves" | "quiet-night" | "llm-near-outage";

export type ScenarioName =
  | "normal" | "latency-spike" | "error-burst" | "llm-outage" | "slow-agent" | "backup-missing" | "auth-attack"
  | "backend-down" | "crisis-handoff-slow" | "crisis-detector-down" | "emergency-contact-fails"
  | LiveFailureName
  | DataScenarioName;

export interface Scenario {
  name: ScenarioName;
  /** Share of API requests that answer 5xx. */
  serverErrorShare: number;
  /** Share of API requests that take `slowSeconds`. */
  slowShare: number;
  slowSeconds: number;
  /** Share of LLM calls that fail. */
  llmFailureShare: number;
  /** Seconds an agent run takes (most runs). */
  agentSeconds: number;
  /** Hours since the last good backup that the simulator reports. */
  backupAgeHours: number;
  /** Failed logins per second. */
  authFailuresPerSecond: number;
  /** Issue 14 (scripts/stack/crisis-sim.ts): counsellors take crises over. */
  counsellorsAccept: boolean;
  /** The model classifier is dead: no heartbeat, nothing screened. */
  crisisDetectorDown: boolean;
  /** Share of emergency-contact notifications that fail. */
  emergencyContactFailureShare: number;
  /** Issue 10: API requests per second the backend serves. */
  apiRequestsPerSecond: number;
  /** API requests that fail (5xx) once, when the scenario starts: the one or two of a quiet night. */
  failedRequests: number;
  /** Share of agent runs that end in `fallback`. */
  agentFallbackShare: number;
  /** The stack rotates the exporter's token (restarts it with a new one); the senders keep the old. */
  exporterTokenRotated: boolean;
  /** False: the stack drops the backend's job from Prometheus' targets and reloads it. */
  backendScraped: boolean;
}

const NORMAL: Scenario = {
  name: "normal",
  serverErrorShare: 0,
  slowShare: 0.01,
  slowSeconds: 0.8,
  llmFailureShare: 0.005,
  agentSeconds: 1.5,
  backupAgeHours: 2,
  authFailuresPerSecond: 0.05,
  counsellorsAccept: true,
  crisisDetectorDown: false,
  emergencyContactFailureShare: 0.01,
  apiRequestsPerSecond: 50,
  failedRequests: 0,
  agentFallbackShare: 0.02,
  exporterTokenRotated: false,
  backendScraped: true,
};

export function scenarios(): Record<ScenarioName, Scenario> {
  return {
    normal: NORMAL,
    "latency-spike": { ...NORMAL, name: "latency-spike", slowShare: 0.2, slowSeconds: 3.5 },
    "error-burst": { ...NORMAL, name: "error-burst", serverErrorShare: 0.3 },
    "llm-outage": { ...NORMAL, name: "llm-outage", llmFailureShare: 1 },
    "slow-agent": { ...NORMAL, name: "slow-agent", agentSeconds: 8 },
    "backup-missing": { ...NORMAL, name: "backup-missing", backupAgeHours: 30 },
    "auth-attack": { ...NORMAL, name: "auth-attack", authFailuresPerSecond: 20 },
    // Most requests fail: BackendUnavailable, which inhibits the API alerts (the inhibition demo).
    "backend-down": { ...NORMAL, name: "backend-down", serverErrorShare: 0.7 },
    // The data tier's faults are injected by scripts/stack/data-stack.ts; the API traffic stays normal.
    ...Object.fromEntries(dataScenarioNames().map((name) => [name, { ...NORMAL, name }])) as Record<DataScenarioName, Scenario>,
    // Issue 14: no counsellor accepts (CrisisWaitingTooLong), the model classifier dies
    // (CrisisDetectorSilent, CrisisDetectorCoverageLost), the SMS gateway fails (EmergencyContactNotifyFailing).
    "crisis-handoff-slow": { ...NORMAL, name: "crisis-handoff-slow", counsellorsAccept: false },
    "crisis-detector-down": { ...NORMAL, name: "crisis-detector-down", crisisDetectorDown: true },
    "emergency-contact-fails": { ...NORMAL, name: "emergency-contact-fails", emergencyContactFailureShare: 1 },
    // Issue 10, played for real: ExporterRejectingEvents; BackendUnavailable; nobody paged; LlmApiDown.
    "rotated-token": { ...NORMAL, name: "rotated-token", exporterTokenRotated: true },
    "backend-leaves": { ...NORMAL, name: "backend-leaves", backendScraped: false },
    // Below the traffic floor at any time scale the e2e uses (15 requests per scaled 5 m window).
    "quiet-night": { ...NORMAL, name: "quiet-night", apiRequestsPerSecond: 0.5, failedRequests: 2 },
    // 99.8 % of the calls fail, a few retries get through; agents fall back and wait on timeouts.
    "llm-near-outage": { ...NORMAL, name: "llm-near-outage", llmFailureShare: 0.998, agentFallbackShare: 0.9, agentSeconds: 8 },
  };
}

/**
 * Several scenarios at once: each field takes the value of the scenario that departs from
 * `normal`, so "latency-spike" and "llm-outage" together break both indicators.
 */
export function combine(names: string[]): Scenario {
  const parts = names.map(scenario);
  const merged: Scenario = { ...NORMAL, name: (parts.length === 1 ? parts[0]!.name : "normal") };
  for (const part of parts) {
    for (const key of Object.keys(NORMAL) as (keyof Scenario)[]) {
      if (key !== "name" && part[key] !== NORMAL[key]) (merged as unknown as Record<string, unknown>)[key] = part[key];
    }
  }
  return merged;
}

export function scenario(name: string): Scenario {
  const all = scenarios();
  if (!Object.hasOwn(all, name)) throw new Error(`unknown scenario "${name}" (known: ${Object.keys(all).join(", ")})`);
  return all[name as ScenarioName];
}
