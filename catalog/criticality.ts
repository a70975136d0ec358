// Agents whose silent failure is the worst outcome of a counselling product: their failures page at
// P0 (SafetyAgentRunsFailing). Names are those of catalog/allowlists.ts agents().
export function safetyCriticalAgents(): string[] {
  return ["crisis_triage", "safety_reviewer"];
}

/** The window of the safety agents' failure share: they run seldom, so an hour holds enough runs. */
export function safetyWindow(): "1h" {
  return "1h";
}
