// `npm run preview -- --dashboard <uid> [--dashboard <uid> ...] [--out DIR] [--prometheus URL] [--warmup S]`
// Without --prometheus, starts the live stack (as `npm start` does, scenario normal), lets it
// collect --warmup seconds (default 40) of data, renders, and stops it. Default output: previews/
// (git-ignored). Every dashboard when no --dashboard is given.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "./lib/options.ts";
import { writePreviews } from "./preview/index.ts";
import { startStack } from "./stack/stack.ts";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dashboard: { type: "string", multiple: true }, out: { type: "string" }, prometheus: { type: "string" }, warmup: { type: "string" },
    },
  });
  const outDir = path.resolve(values.out ?? path.join(repoRoot(), "previews"));
  const stack = values.prometheus ? undefined : await startStack({
    dir: path.join(repoRoot(), ".stack", `preview-${new Date().toISOString().replace(/[:.]/g, "-")}`), scenario: "normal", basePort: 0,
    // The stack's start-up lines, not the notifications of the sink.
    print: (l) => { if (!/^\[通知\]|^  (摘要|运行手册)/.test(l)) console.log(l); },
  });
  try {
    const folder = stack ? path.join(stack.dir, "generated/grafana/dashboards") : path.join(repoRoot(), "generated/grafana/dashboards");
    const all = fs.readdirSync(folder).filter((f) => f.endsWith(".json")).map((f) => JSON.parse(fs.readFileSync(path.join(folder, f), "utf8")));
    const wanted = values.dashboard ?? all.map((d) => d.uid);
    const unknown = wanted.filter((u) => !all.some((d) => d.uid === u));
    if (unknown.length) throw new Error(`--dashboard ${unknown.join(", ")}: no such dashboard (known: ${all.map((d) => d.uid).join(", ")})`);
    if (stack) {
      const warmup = Number(values.warmup ?? 40);
      console.log(`Collecting ${warmup} s of live data from ${stack.urls.prometheus} ...`);
      await new Promise((r) => setTimeout(r, warmup * 1000));
    }
    const prometheusUrl = values.prometheus ?? stack!.urls.prometheus;
    const written = await writePreviews({
      prometheusUrl, outDir, dashboards: all.filter((d) => wanted.includes(d.uid)),
      lookback: stack ? Number(values.warmup ?? 40) + 20 : undefined, rateInterval: stack ? "10s" : undefined,
    });
    for (const p of written) {
      const empty = p.panels.filter((x) => x.points === 0).length;
      console.log(`${p.uid}: ${path.relative(process.cwd(), p.png)} and .html (${p.panels.length} panels, ${empty} without data) — a preview, not Grafana`);
    }
  } finally {
    await stack?.stop();
  }
}

main().catch((e: Error) => { console.error(`preview: ${e.message}`); process.exit(1); });
