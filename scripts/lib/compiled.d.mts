/** The compiled entry (scripts/lib/compiled.mjs), built first if missing or stale: its path. */
export function compiledEntry(entry: string): Promise<string>;
/** Runs the compiled entry in this process. */
export function runCompiled(entry: string): Promise<void>;
