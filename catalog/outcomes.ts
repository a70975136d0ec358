// The values of the `outcome` labels of the business metrics, and which of them count as failures.
// The exporter issue validates events against the same sets.

export function agentOutcomes() {
  return { all: ["success", "error", "timeout", "fallback"], fallback: "fallback", failed: ["error", "timeout"] } as const;
}

export function llmOutcomes() {
  return { all: ["success", "error", "timeout", "rate_limited"], success: "success", failed: ["error", "timeout", "rate_limited"], rateLimited: "rate_limited" } as const;
}

export function authOutcomes() {
  return { all: ["success", "failure"], failure: "failure" } as const;
}

/** Ratings run from 1 to 5. */
export function ratingValues(): number[] {
  return [1, 2, 3, 4, 5];
}
