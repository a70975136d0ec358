// Route tests with the real amtool 0.25, per environment: `check-config`, then every alerting rule
// of the generated rule files, whatever alerts exist, must reach exactly the receivers that its
// priority demands (`--verify.receivers` exits 1 on a mismatch), plus the explicit cases.
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { EnvironmentName } from "../../../catalog/types.ts";
import { render } from "../../../scripts/render/index.ts";
import { options, renderTo } from "../../helpers.ts";
import { alertRules, amtool } from "./tools.ts";
import { inhibitions } from "../../../alerts/routing/inhibitions.ts";
import { environment } from "../../../catalog/environments.ts";

type Case = "P0" | "P1" | "P2" | "P3" | "watchdog" | "unclassified";

/** The contract of the issue, written out here rather than derived from the code under test. */
const ON_CALL: Record<Case, string[]> = {
  P0: ["oncall-primary", "oncall-secondary", "sre-chat"],
  P1: ["oncall-primary", "sre-chat"],
  P2: ["sre-chat"],
  P3: ["sre-ticket"],
  watchdog: ["deadmans-switch"],
  unclassified: ["sre-chat"],
};
const EXPECTED: Record<EnvironmentName, Record<Case, string[]>> = {
  production: ON_CALL,
  // The local sink keeps every receiver apart (one URL path each).
  local: ON_CALL,
  // Staging pages nobody: everything goes to the team chat.
  staging: { P0: ["sre-chat"], P1: ["sre-chat"], P2: ["sre-chat"], P3: ["sre-chat"], watchdog: ["sre-chat"], unclassified: ["sre-chat"] },
};
const ENVS = Object.keys(EXPECTED) as EnvironmentName[];

function caseOf(labels: Record<string, string>): Case {
  if (labels.alertname === "Watchdog") return "watchdog";
  return ["P0", "P1", "P2", "P3"].includes(labels.priority ?? "") ? (labels.priority as Case) : "unclassified";
}

/** amtool's verdict on one label set: exit 0 only when the receivers are exactly `expected`, in order. */
function routesTest(config: string, labels: Record<string, string>, expected: string[]) {
  const args = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  const run = amtool(["config", "routes", "test", `--config.file=${config}`, `--verify.receivers=${expected.join(",")}`, ...args]);
  return { code: run.code, receivers: run.out.split("\n").filter((l) => !l.startsWith("WARNING")).join(" ") };
}

describe.each(ENVS)("routing in %s", (env) => {
  const dir = renderTo(options(env));
  const config = path.join(dir, "alertmanager/alertmanager.yml");
  const expected = EXPECTED[env];

  it("passes amtool check-config, in both locales", () => {
    for (const locale of ["zh", "en"] as const) {
      const localeDir = locale === "zh" ? dir : renderTo(options(env, locale));
      const run = amtool(["check-config", "alertmanager/alertmanager.yml"], localeDir);
      expect(run.code, run.out).toBe(0);
      expect(run.out, `${env}/${locale}`).toMatch(/SUCCESS/);
      expect(run.out).toContain(`${new Set(Object.values(expected).flat()).size} receivers`);
      expect(run.out).toMatch(new RegExp(`${inhibitions(environment("production")).length} inhibit rules`));
      expect(run.out).toMatch(/1 templates/);
    }
  });

  const rules = alertRules(render(options(env)));
  it("finds alerting rules to test", () => {
    expect(rules.length).toBeGreaterThan(0);
  });

  it.each(rules.map((r) => [r.alert, r.labels] as const))("rule %s reaches exactly the receivers of its priority", (_alert, labels) => {
    const want = expected[caseOf(labels)];
    const got = routesTest(config, labels, want);
    expect({ labels, receivers: got.receivers, code: got.code }).toEqual({ labels, receivers: want.join(","), code: 0 });
  });

  const explicit: [string, Record<string, string>, Case][] = [
    ["Watchdog, which has no priority", { alertname: "Watchdog", severity: "none" }, "watchdog"],
    ["Watchdog even if it wrongly carried a priority", { alertname: "Watchdog", severity: "none", priority: "P3" }, "watchdog"],
    ["an alert without priority", { alertname: "SomeoneElsesAlert", severity: "warning" }, "unclassified"],
    ["an unknown priority", { alertname: "TypoAlert", priority: "P7" }, "unclassified"],
    ["a lower-case priority", { alertname: "TypoAlert", priority: "p1" }, "unclassified"],
    ["P0", { alertname: "AnyP0", priority: "P0", severity: "critical" }, "P0"],
    ["P3", { alertname: "AnyP3", priority: "P3", severity: "info" }, "P3"],
  ];
  it.each(explicit)("%s", (_name, labels, c) => {
    const got = routesTest(config, labels, expected[c]);
    expect({ receivers: got.receivers, code: got.code }).toEqual({ receivers: expected[c].join(","), code: 0 });
  });

  it("fails --verify.receivers when the receivers differ (the check can fail)", () => {
    const wrong = expected.P1.length > 1 ? [...expected.P1].reverse() : ["sre-ticket"];
    expect(routesTest(config, { alertname: "AnyP1", priority: "P1" }, wrong).code).toBe(1);
  });
});
