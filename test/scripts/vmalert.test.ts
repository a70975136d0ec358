// vmalert (VictoriaMetrics' ruler, Debian's package) loads every generated rule file: -dryRun
// parses the rules, their PromQL (as MetricsQL) and their annotation templates, and exits non-zero
// on any error (shown on a broken template first, so a pass means something).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runTool } from "../../scripts/check/tools.ts";
import { repoRoot } from "../../scripts/lib/options.ts";
import { render } from "../../scripts/render/index.ts";
import { options, tempDir } from "../helpers.ts";

const rulesDir = path.join(repoRoot(), "generated", "prometheus", "rules");

describe("vmalert -dryRun", () => {
  it("rejects a rule file with a broken template (exit code, and the rule named)", () => {
    const dir = tempDir("xinliya-vmalert-");
    const file = path.join(dir, "bad.yml");
    fs.writeFileSync(file, "groups:\n  - name: g\n    rules:\n      - alert: Broken\n        expr: vector(1)\n        annotations:\n          description: '{{ $nope }}'\n");
    const run = runTool("vmalert", ["-dryRun", `-rule=${file}`], dir);
    expect(run.code).not.toBe(0);
    expect(run.output).toContain('"Broken"');
  });

  it("loads every committed rule file, one by one", () => {
    const files = fs.readdirSync(rulesDir).filter((f) => f.endsWith(".yml"));
    expect(files.length).toBe([...render(options()).keys()].filter((f) => f.startsWith("prometheus/rules/")).length);
    for (const f of files) {
      const run = runTool("vmalert", ["-dryRun", `-rule=${path.join(rulesDir, f)}`], rulesDir);
      expect(run.code, `${f}\n${run.output}`).toBe(0);
    }
  });

  it("loads the staging rules and the scaled local rules of the live stack, all at once", () => {
    for (const opts of [options("staging"), { ...options("local"), env: { ...options("local").env, timeScale: 1 / 20 } }]) {
      const dir = tempDir("xinliya-vmalert-");
      for (const [f, text] of render(opts)) {
        if (!f.startsWith("prometheus/rules/")) continue;
        fs.mkdirSync(path.join(dir, "rules"), { recursive: true });
        fs.writeFileSync(path.join(dir, "rules", path.basename(f)), text);
      }
      const run = runTool("vmalert", ["-dryRun", `-rule=${path.join(dir, "rules", "*.yml")}`], dir);
      expect(run.code, `${opts.env.name}\n${run.output}`).toBe(0);
    }
  });
});
