// A problem names where it is (file, rule, panel, target) and what is wrong. Render and check
// collect every problem before they report, so one run lists them all.
export interface Problem {
  where: string;
  message: string;
}

export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `  - ${p.where}: ${p.message}`).join("\n");
}

/** Thrown by render when a definition is wrong; nothing has been written at that point. */
export class RenderError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(`generation failed, ${problems.length} problem(s):\n${formatProblems(problems)}`);
    this.name = "RenderError";
  }
}
