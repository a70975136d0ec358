// Dashboard queries that return no data from VictoriaMetrics in the long-term stack, each with its
// reason (issue 16). Each reason is true of Prometheus in the same stack too: these are what the
// stack does not play, not differences of the long store. Any other empty query fails the test.
export interface LongTermGap {
  match: RegExp;
  reason: string;
}

export function longTermGaps(): LongTermGap[] {
  return [
    { match: /^xinliya-data › |pg_database_size_bytes/, reason: "the scale-out stack does not run the data tier (PostgreSQL, Redis, blackbox) of issue 13: it would double the stack's processes for series that prove nothing about the long store" },
  ];
}
