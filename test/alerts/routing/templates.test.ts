// Notification templates rendered by the real `amtool template render` 0.25, on alerts whose labels
// and annotations are those our rules produce (taken from the generated promtool tests, where
// promtool has checked them against the rules).
import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { afterAll, describe, expect, it } from "vitest";
import { notificationPolicy } from "../../../catalog/notifications.ts";
import type { EnvironmentName, Locale } from "../../../catalog/types.ts";
import { options, renderTo, tempDir } from "../../helpers.ts";
import { amtool } from "./tools.ts";

type Labels = Record<string, string>;
interface Alert { labels: Labels; annotations: Labels }

/** Firing alerts as promtool expects them from our rules: concrete labels and annotations. */
function ruleAlerts(dir: string): Map<string, Alert> {
  const out = new Map<string, Alert>();
  for (const f of fs.readdirSync(path.join(dir, "prometheus/tests"))) {
    const doc = yaml.load(fs.readFileSync(path.join(dir, "prometheus/tests", f), "utf8")) as {
      tests: { alert_rule_test?: { alertname: string; exp_alerts?: { exp_labels: Labels; exp_annotations: Labels }[] }[] }[];
    };
    for (const t of doc.tests.flatMap((x) => x.alert_rule_test ?? [])) {
      const first = t.exp_alerts?.[0];
      if (first && !out.has(t.alertname)) out.set(t.alertname, { labels: { alertname: t.alertname, ...first.exp_labels }, annotations: first.exp_annotations });
    }
  }
  return out;
}

const dataDir = tempDir("xinliya-tpl-");
let dataFiles = 0;
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const common = (maps: Labels[]): Labels =>
  Object.fromEntries(Object.entries(maps[0] ?? {}).filter(([k, v]) => maps.every((m) => m[k] === v)));

/** Alertmanager's template data for one notification of a group. */
function data(status: "firing" | "resolved", alerts: (Alert & { status?: string })[]): string {
  const commonLabels = common(alerts.map((a) => a.labels));
  const groupLabels = Object.fromEntries(notificationPolicy().groupBy.filter((l) => l in commonLabels).map((l) => [l, commonLabels[l]!]));
  const file = path.join(dataDir, `data-${++dataFiles}.json`);
  fs.writeFileSync(file, JSON.stringify({
    receiver: "sre-chat", status, externalURL: "https://alertmanager.xinliya.example",
    groupLabels, commonLabels, commonAnnotations: common(alerts.map((a) => a.annotations)),
    alerts: alerts.map((a) => ({
      status: a.status ?? status, labels: a.labels, annotations: a.annotations, fingerprint: "0123456789abcdef",
      startsAt: "2024-06-03T02:00:00Z", endsAt: "0001-01-01T00:00:00Z", generatorURL: "http://prometheus:9090/graph?g0.expr=private",
    })),
  }));
  return file;
}

function renderTemplate(dir: string, text: string, dataFile: string, type: "text" | "html" = "text"): string {
  const run = amtool(["template", "render", `--template.glob=${path.join(dir, "alertmanager/templates/*.tmpl")}`,
    `--template.text=${text}`, `--template.data=${dataFile}`, `--template.type=${type}`]);
  expect(run.code, run.out).toBe(0);
  return run.out;
}

const TITLE = '{{ template "xinliya.title" . }}';
const TEXT = '{{ template "xinliya.text" . }}';

const bundles = new Map<string, string>();
function bundle(env: EnvironmentName, locale: Locale): string {
  const key = `${env}/${locale}`;
  if (!bundles.has(key)) bundles.set(key, renderTo(options(env, locale)));
  return bundles.get(key)!;
}

describe("notification templates", () => {
  const zh = bundle("production", "zh");
  const disk = ruleAlerts(zh).get("HostDiskSpaceHigh")!;

  it("give priority and alert name, then summary, description, runbook, dashboard and silence links (zh)", () => {
    const file = data("firing", [disk]);
    expect(renderTemplate(zh, TITLE, file)).toBe("[告警 1] P1 高优先级 · HostDiskSpaceHigh：磁盘空间即将用尽");
    const text = renderTemplate(zh, TEXT, file);
    const a = disk.annotations;
    const order = [a.description!, `运行手册：${a.runbook_url}`, `仪表盘：${a.dashboard_url}`, "静默此告警组：https://alertmanager.xinliya.example/#/silences/new?filter=%7B"];
    const at = order.map((s) => text.indexOf(s));
    expect(at.every((i) => i >= 0), text).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    const instance = encodeURIComponent(disk.labels.instance!);
    expect(text).toContain(`%7Balertname%3D%22HostDiskSpaceHigh%22%2Cinstance%3D%22${instance}%22%2Cjob%3D%22node%22%7D`);
  });

  it("are in English with --locale en", () => {
    const en = bundle("production", "en");
    const alert = ruleAlerts(en).get("HostDiskSpaceHigh")!;
    const file = data("firing", [alert]);
    expect(renderTemplate(en, TITLE, file)).toBe("[FIRING 1] P1 High priority · HostDiskSpaceHigh: A filesystem is almost full");
    const text = renderTemplate(en, TEXT, file);
    expect(text).toContain(alert.annotations.description!);
    expect(text).toContain(`Runbook: ${alert.annotations.runbook_url}`);
    expect(text).toMatch(/Silence this group: https:\/\/alertmanager\.xinliya\.example\/#\/silences\/new\?filter=/);
    expect(text).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("mark an alert with no or an unknown priority, visibly", () => {
    for (const labels of [{ alertname: "ForeignAlert", severity: "warning" }, { alertname: "ForeignAlert", priority: "P7" }] as Labels[]) {
      const file = data("firing", [{ labels, annotations: { summary: "别人的告警" } }]);
      expect(renderTemplate(zh, TITLE, file)).toBe("[告警 1] ⚠ 未分级 · ForeignAlert：别人的告警");
      expect(renderTemplate(zh, TEXT, file)).toMatch(/^⚠ 未分级告警：缺少或未知的 priority 标签/);
    }
  });

  it("call Watchdog a heartbeat, without the unclassified marker", () => {
    const file = data("firing", [{ labels: { alertname: "Watchdog", severity: "none" }, annotations: {} }]);
    expect(renderTemplate(zh, TITLE, file)).toBe("[告警 1] 心跳：告警链路正常 · Watchdog");
    expect(renderTemplate(zh, TEXT, file)).not.toContain("未分级");
  });

  it("list firing and resolved alerts of one group apart", () => {
    const resolved = { ...disk, status: "resolved", annotations: { ...disk.annotations, description: "已恢复的那一条" } };
    const text = renderTemplate(zh, TEXT, data("firing", [disk, resolved]));
    expect(text.indexOf(disk.annotations.description!)).toBeLessThan(text.indexOf("已恢复：\n- 已恢复的那一条"));
    expect(renderTemplate(zh, TITLE, data("resolved", [resolved]))).toMatch(/^\[已恢复\] P1 高优先级 · HostDiskSpaceHigh/);
  });

  it("show nothing but our own labels and annotations: no extra label, annotation or generator URL", () => {
    const leaky = {
      labels: { ...disk.labels, user_id: "u-123456", message: "我今天很难过" },
      annotations: { ...disk.annotations, user_text: "用户原话" },
    };
    const file = data("firing", [leaky]);
    const everything = [TITLE, TEXT].map((t) => renderTemplate(zh, t, file)).join("\n") +
      renderTemplate(zh, '{{ template "xinliya.email.html" . }}', file, "html");
    for (const leak of ["u-123456", "我今天很难过", "用户原话", "private", "user_id", "message"]) expect(everything).not.toContain(leak);
  });

  it.each(["production", "staging"] as const)("render every templated field of the %s receivers", (env) => {
    const dir = bundle(env, "zh");
    const config = yaml.load(fs.readFileSync(path.join(dir, "alertmanager/alertmanager.yml"), "utf8")) as { receivers: unknown[] };
    const fields: [string, string][] = [];
    const walk = (node: unknown, at: string): void => {
      if (typeof node === "string" && node.includes("{{")) fields.push([at, node]);
      else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) walk(v, `${at}.${k}`);
    };
    walk(config.receivers, "receivers");
    expect(fields.length).toBeGreaterThan(env === "production" ? 20 : 2);
    // A group with a firing and a resolved alert, so that every field has something to say.
    const file = data("firing", [disk, { ...disk, status: "resolved", labels: { ...disk.labels, mountpoint: "/data" } }]);
    // One amtool run for all text fields, the HTML body on its own (html/template).
    const separator = "\n=====\n";
    const text = fields.filter(([at]) => !at.endsWith(".html"));
    const out = renderTemplate(dir, text.map(([, t]) => t).join(separator), file).split(separator.trim()).map((s) => s.trim());
    expect(out).toHaveLength(text.length);
    text.forEach(([at], i) => expect(out[i], at).not.toBe(""));
    for (const [at, t] of fields.filter(([f]) => f.endsWith(".html"))) {
      expect(renderTemplate(dir, t, file, "html"), at).toContain("<pre>");
    }
  });
});
