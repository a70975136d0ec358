// The scale-out configs derived from the rendered prometheus.yml and rules, checked by the real
// promtool and vmalert (the live behaviour is in test/scripts/stack/ha.test.ts and longterm.test.ts).
import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { runTool } from "../../scripts/check/tools.ts";
import { render } from "../../scripts/render/index.ts";
import { REPLICA_LABEL, RULE_SERIES, haAlertmanagerConfig, haPrometheusConfig, longTermPrometheusConfig, prepareRuleFile } from "../../scripts/render/scaleout.ts";
import { toYaml } from "../../scripts/render/yaml.ts";
import { options, tempDir } from "../helpers.ts";

type Doc = Record<string, any>;
const bundle = render(options());
const base = yaml.load(bundle.get("prometheus/prometheus.yml")!) as Doc;

/** The bundle's prometheus/ folder with `config` as prometheus.yml, checked by promtool. */
function promtoolCheck(config: Doc): { code: number; output: string } {
  const dir = tempDir("xinliya-scaleout-");
  for (const [f, text] of bundle) {
    if (!f.startsWith("prometheus/rules/")) continue;
    fs.mkdirSync(path.join(dir, "rules"), { recursive: true });
    fs.writeFileSync(path.join(dir, f.replace(/^prometheus\//, "")), text);
  }
  fs.writeFileSync(path.join(dir, "prometheus.yml"), toYaml(config));
  return runTool("promtool", ["check", "config", "--syntax-only", "prometheus.yml"], dir);
}

describe("HA replicas", () => {
  it("get the replica external label and drop it from every alert, the standard way; promtool accepts it", () => {
    const a = haPrometheusConfig(base, "a");
    expect(a.global.external_labels).toEqual({ ...base.global.external_labels, [REPLICA_LABEL]: "a" });
    expect(a.alerting.alert_relabel_configs).toEqual([{ action: "labeldrop", regex: REPLICA_LABEL }]);
    expect(a.alerting.alertmanagers).toEqual(base.alerting.alertmanagers);
    expect({ ...haPrometheusConfig(base, "b"), global: undefined }).toEqual({ ...a, global: undefined }); // same rules, same targets
    const run = promtoolCheck(a);
    expect(run.code, run.output).toBe(0);
  });
});

describe("HA Alertmanagers", () => {
  it("raise every group_interval below the floor to it, leave the others, and stay valid for amtool", () => {
    const scaled = render({ ...options("local"), env: { ...options("local").env, timeScale: 1 / 40 } });
    const am = yaml.load(scaled.get("alertmanager/alertmanager.yml")!) as Doc;
    const intervals = (r: Doc): string[] => [r.group_interval, ...(r.routes ?? []).flatMap(intervals)].filter(Boolean);
    expect(intervals(am.route)).toContain("2s"); // the Watchdog's 1 m at 1/40
    const ha = haAlertmanagerConfig(am, 5);
    expect(intervals(ha.route).filter((i) => /^\d+s$/.test(i) && Number.parseInt(i) < 5)).toEqual([]);
    expect(intervals(ha.route)).toContain(intervals(am.route).find((i) => Number.parseInt(i) > 5));
    const dir = tempDir("xinliya-ha-am-");
    fs.mkdirSync(path.join(dir, "templates"));
    fs.writeFileSync(path.join(dir, "templates", "xinliya.tmpl"), scaled.get("alertmanager/templates/xinliya.tmpl")!);
    fs.writeFileSync(path.join(dir, "alertmanager.yml"), toYaml(ha));
    const run = runTool("amtool", ["check-config", "alertmanager.yml"], dir);
    expect(run.code, run.output).toBe(0);
  });
});

describe("long-term storage", () => {
  it("Prometheus remote-writes the raw series, not the rules' series, and sends no alert; promtool accepts it", () => {
    const lt = longTermPrometheusConfig(base, "http://127.0.0.1:8428/api/v1/write");
    expect(lt.alerting).toBeUndefined();
    expect(lt.rule_files).toEqual(base.rule_files);
    expect(lt.remote_write[0].write_relabel_configs).toEqual([{ source_labels: ["__name__"], regex: RULE_SERIES, action: "drop" }]);
    const drops = new RegExp(`^(?:${RULE_SERIES})$`);
    expect(["job:http_server_requests:rate5m", "ALERTS", "ALERTS_FOR_STATE"].every((n) => drops.test(n))).toBe(true);
    expect(["up", "http_server_request_duration_seconds_count", "node_cpu_seconds_total"].some((n) => drops.test(n))).toBe(false);
    const run = promtoolCheck(lt);
    expect(run.code, run.output).toBe(0);
  });

  it("prepares the rules for the long store: the external label joins every by and on clause and every bare aggregation, nothing else moves", () => {
    const doc = { groups: [{ name: "g", rules: [
      { record: "job:x:rate5m", expr: 'sum by (job) (rate(x{job="a"}[5m])) or 0 * job:y:rate5m', labels: { k: "v" } },
      { alert: "A", expr: "a > on (job, instance) group_left b and sum by () (c)", for: "5m" },
      { record: "job:z:ratio", expr: "job:z:rate5m / ignoring (job) group_left () sum(s) + count_over_time(u[5m]) * max(v) unless on () absent(w)" },
    ] }] };
    const prepared = prepareRuleFile(doc, "environment");
    expect(prepared.groups[0].rules.map((r: Doc) => r.expr)).toEqual([
      'sum by (environment, job) (rate(x{job="a"}[5m])) or 0 * job:y:rate5m',
      "a > on (environment, job, instance) group_left b and sum by (environment) (c)",
      "job:z:rate5m / ignoring (job) group_left () sum by (environment) (s) + count_over_time(u[5m]) * max by (environment) (v) unless on (environment) absent(w)",
    ]);
    expect({ ...prepared.groups[0].rules[0], expr: undefined }).toEqual({ ...doc.groups[0]!.rules[0], expr: undefined });
    // Every prepared rule file of the bundle still parses for promtool and loads in vmalert.
    const dir = tempDir("xinliya-prepared-");
    const files: string[] = [];
    for (const [f, text] of bundle) {
      if (!f.startsWith("prometheus/rules/")) continue;
      const file = path.join(dir, path.basename(f));
      fs.writeFileSync(file, toYaml(prepareRuleFile(yaml.load(text) as Doc, "environment")));
      files.push(file);
    }
    const check = runTool("promtool", ["check", "rules", ...files], dir);
    expect(check.code, check.output).toBe(0);
    const vm = runTool("vmalert", ["-dryRun", `-rule=${path.join(dir, "*.yml")}`], dir);
    expect(vm.code, vm.output).toBe(0);
  });
});
