import path from "node:path";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { runChecks } from "../../scripts/check/index.ts";
import { writeBundle } from "../../scripts/lib/bundle-io.ts";
import { render } from "../../scripts/render/index.ts";
import { options, tempDir } from "../helpers.ts";

const TEXT_KEYS = new Set(["summary", "description"]);
const CJK = /[\u4e00-\u9fff]/;

/** The document with every summary and description replaced by its template placeholders (word order differs). */
function withoutText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutText);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) =>
      [k, TEXT_KEYS.has(k) && typeof v === "string" ? (v.match(/\{\{[^}]*\}\}/g) ?? []).sort() : withoutText(v)]));
  }
  return value;
}

describe("locales", () => {
  const zh = render(options("production", "zh"));
  const en = render(options("production", "en"));

  it("generate the same files", () => {
    expect([...en.keys()]).toEqual([...zh.keys()]);
  });

  it("generate identical rules and promtool tests apart from the text, with the same placeholders", () => {
    const files = [...zh.keys()].filter((f) => f.startsWith("prometheus/"));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      expect(withoutText(yaml.load(en.get(f)!)), f).toEqual(withoutText(yaml.load(zh.get(f)!)));
      // A file of recording rules only (api-routes) has no text to translate.
      if (f.startsWith("prometheus/rules/") && /\balert:/.test(zh.get(f)!)) expect(en.get(f), f).not.toEqual(zh.get(f));
    }
  });

  it("write the people's text in the locale: Chinese by default, no Chinese in English", () => {
    for (const [f, content] of en) {
      if (f.startsWith("prometheus/rules/") || f.startsWith("runbooks/")) expect(CJK.test(content), f).toBe(false);
    }
    expect(zh.get("runbooks/HostCpuHigh.md")).toContain("## 含义");
    expect(en.get("runbooks/HostCpuHigh.md")).toContain("## What it means");
  });

  // The Chinese bundle is the committed one (test/scripts/check.test.ts). promtool's unit tests of
  // the English text run where `npm start -- --env staging --locale en` checks its bundle
  // (test/scripts/stack/lifecycle.test.ts); here promtool checks the English rules and config.
  it("both pass every check, the real promtool included", { timeout: 180_000 }, () => {
    const dir = path.join(tempDir(), "generated");
    writeBundle(dir, en);
    const problems = runChecks({ dir, ...options("production", "en"), unitTests: false }).flatMap((r) => r.problems.map((p) => `${r.name}: ${p.where}: ${p.message}`));
    expect(problems).toEqual([]);
  });
});
