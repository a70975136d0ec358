// `npm run generate`: scripts/generate.ts, compiled once and cached (scripts/lib/compiled.mjs), so
// that node loads one file instead of ~200 modules through tsx. `tsx scripts/generate.ts` does
// the same work, slower.
import { runCompiled } from "./lib/compiled.mjs";

await runCompiled("scripts/generate.ts");
