/** The path of the compiled exporter (scripts/lib/exporter-bundle.mjs), built first if it is missing or stale. */
export function exporterBundle(root?: string): string;
