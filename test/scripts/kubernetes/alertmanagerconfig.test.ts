// The opt-in for a shared Alertmanager: `shared-alertmanager/<env>` is the environment's overlay with
// the Component that adds an AlertmanagerConfig and deletes the Secret alertmanager-<name>. Built by
// the real `kubectl kustomize`, validated by ajv against the shared CRD schema (child routes too),
// and compared with the bundle's own routing, field by field where the resource can carry it.
import { describe, expect, it } from "vitest";
import { alertmanagerConfig } from "../../../alerts/routing.ts";
import { environment } from "../../../catalog/environments.ts";
import { kubernetesEnvironments } from "../../../catalog/kubernetes.ts";
import type { EnvironmentName } from "../../../catalog/types.ts";
import { buildableTrees, kustomizeBuild, resourceProblems, validatorOf } from "../../../scripts/check/kubernetes.ts";
import { repoRoot } from "../../../scripts/lib/options.ts";
import { alertmanagerConfigResource, matcherObject } from "../../../scripts/render/kubernetes/alertmanagerconfig.ts";
import path from "node:path";

type Doc = Record<string, any>;
const generated = path.join(repoRoot(), "generated");
const settings = kubernetesEnvironments();
const names = Object.keys(settings) as EnvironmentName[];

/** Every route of a tree, depth first, as [path, route]. */
const walk = (r: Doc, at = "route"): [string, Doc][] => [[at, r], ...(r.routes ?? []).flatMap((c: Doc, i: number) => walk(c, `${at}.routes[${i}]`))];

describe("the shared-Alertmanager opt-in", () => {
  it("has a tree per environment, and the AlertmanagerConfig kind is validated by the shared CRD schema", () => {
    expect(buildableTrees(generated).filter((t) => t.startsWith("shared-alertmanager/"))).toEqual(names.map((n) => `shared-alertmanager/${n}`).sort());
    expect(validatorOf("AlertmanagerConfig")).toBe("ajv alertmanagerconfig_v1alpha1.json");
  });

  describe.each(names)("shared-alertmanager/%s", (name) => {
    const k = settings[name]!;
    const docs = kustomizeBuild(generated, `shared-alertmanager/${name}`);
    const full = kustomizeBuild(generated, name);
    const amc = docs.find((d) => d.kind === "AlertmanagerConfig")!;
    const config = alertmanagerConfig({ env: environment(name), locale: "zh" }) as Doc;

    it("is the overlay plus the AlertmanagerConfig, minus the full-config Secret", () => {
      const ids = (list: Doc[]) => list.map((d) => `${d.kind}/${d.metadata.name}`).sort();
      const expected = ids(full).filter((id) => id !== `Secret/alertmanager-${k.alertmanagerName}`);
      expect(ids(docs)).toEqual([...expected, "AlertmanagerConfig/xinliya"].sort());
      expect(amc.metadata.namespace).toBe(k.namespace);
      for (const [label, value] of Object.entries(k.selectorLabels)) expect(amc.metadata.labels[label]).toBe(value);
      expect(resourceProblems("t", amc)).toEqual([]);
    });

    it("carries the bundle's routes, receivers and inhibitions; no global, no template, credentials as Secret keys", () => {
      const ours = walk(config.route);
      const theirs = walk(amc.spec.route);
      expect(theirs.map(([at]) => at)).toEqual(ours.map(([at]) => at));
      for (const [i, [at, r]] of ours.entries()) {
        const t = theirs[i]![1];
        expect(t.receiver, at).toBe(r.receiver);
        expect(t.matchers ?? [], at).toEqual((r.matchers ?? []).map((m: string) => matcherObject(m, at)));
        expect([t.groupWait, t.groupInterval, t.repeatInterval, t.continue ?? false], at).toEqual([r.group_wait, r.group_interval, r.repeat_interval, r.continue ?? false]);
      }
      expect(amc.spec.receivers.map((r: Doc) => r.name)).toEqual(config.receivers.map((r: Doc) => r.name));
      expect(amc.spec.inhibitRules).toHaveLength(config.inhibit_rules.length);
      expect(amc.spec).not.toHaveProperty("global");
      expect(amc.spec).not.toHaveProperty("templates");
      const text = JSON.stringify(amc);
      expect(text).not.toMatch(/template \\"xinliya\./);
      expect(text).not.toMatch(/_file"/);
      // Secret key selectors ({key, name}), one for each `*_file` of the bundle's config.
      const refs: Doc[] = [];
      const find = (v: unknown) => {
        if (!v || typeof v !== "object") return;
        if (!Array.isArray(v) && Object.keys(v).sort().join() === "key,name") refs.push(v as Doc);
        else Object.values(v).forEach(find);
      };
      find(amc.spec.receivers);
      expect(refs.length).toBe((JSON.stringify(config).match(/_file"/g) ?? []).length);
      for (const ref of refs) expect(ref.name).toBe(k.alertmanagerSecretsName);
    });

    it("shifts the working hours to UTC (no location in AlertmanagerConfig): Asia/Shanghai is UTC+8 all year", () => {
      const ours = config.time_intervals.find((t: Doc) => t.name === "working-hours").time_intervals[0];
      expect(ours.location).toBe("Asia/Shanghai");
      const theirs = amc.spec.muteTimeIntervals.find((t: Doc) => t.name === "working-hours").timeIntervals[0];
      const minus8 = (hhmm: string) => `${String(Number(hhmm.slice(0, 2)) - 8).padStart(2, "0")}${hhmm.slice(2)}`;
      expect(theirs.times).toEqual(ours.times.map((t: Doc) => ({ startTime: minus8(t.start_time), endTime: minus8(t.end_time) })));
      expect(theirs.weekdays).toEqual(ours.weekdays);
    });
  });

  it("the schema check rejects a misspelt child-route field, a bad matcher type, a file credential", () => {
    const amc = structuredClone(kustomizeBuild(generated, "shared-alertmanager/production").find((d) => d.kind === "AlertmanagerConfig")!);
    amc.spec.route.routes[1].routes[0].recevier = "sre-chat";
    amc.spec.route.routes[2].matchers[0].matchType = "==";
    amc.spec.receivers[0].pagerdutyConfigs[0].routing_key_file = "/etc/x";
    const messages = resourceProblems("t", amc).map((p) => p.message).join("\n");
    expect(messages).toContain("/spec/route/routes/1/routes/0 must NOT have additional properties (recevier)");
    expect(messages).toContain("/spec/route/routes/2/matchers/0/matchType must be equal to one of the allowed values");
    expect(messages).toContain("(routing_key_file)");
  });

  it("refuses what it cannot translate, naming it: a zone with daylight saving, a matcher it cannot read", () => {
    const config = alertmanagerConfig({ env: environment("production"), locale: "zh" }) as Doc;
    const k = settings.production!;
    const dst = structuredClone(config);
    dst.time_intervals[0].time_intervals[0].location = "Europe/Berlin";
    expect(() => alertmanagerConfigResource(dst, k)).toThrow(/time interval working-hours is in Europe\/Berlin, which has daylight saving/);
    const bad = structuredClone(config);
    bad.route.routes[0].matchers = ["alertname Watchdog"];
    expect(() => alertmanagerConfigResource(bad, k)).toThrow(/cannot translate the matcher "alertname Watchdog" of route.routes\[0\]/);
  });
});
