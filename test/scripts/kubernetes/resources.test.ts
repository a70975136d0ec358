// What the overlays deploy, read from the real `kubectl kustomize` output of the committed tree.
import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { alertmanagerConfig } from "../../../alerts/routing.ts";
import { environment } from "../../../catalog/environments.ts";
import { dataJobs, dataTargetsOf, probeModules } from "../../../catalog/data-targets.ts";
import { exporterIngestPort, exporterPort, exporterStateDir, kubernetesEnvironments } from "../../../catalog/kubernetes.ts";
import { loadConfig } from "../../../exporters/config.ts";
import type { EnvironmentName } from "../../../catalog/types.ts";
import { kustomizeBuild } from "../../../scripts/check/kubernetes.ts";
import { secretsIn } from "../../../scripts/check/secrets.ts";
import { runTool } from "../../../scripts/check/tools.ts";
import { repoRoot } from "../../../scripts/lib/options.ts";
import { render } from "../../../scripts/render/index.ts";
import { operatorSecretPaths } from "../../../scripts/render/kubernetes/config.ts";
import { tempDir } from "../../helpers.ts";

type Doc = Record<string, any>;
const generated = path.join(repoRoot(), "generated");
const settings = kubernetesEnvironments();
const names = Object.keys(settings) as EnvironmentName[];
const builds = new Map(names.map((n) => [n, kustomizeBuild(generated, n)]));
const of = (env: EnvironmentName, kind: string): Doc[] => builds.get(env)!.filter((d) => d.kind === kind);

describe.each(names)("overlay %s", (name) => {
  const k = settings[name]!;

  it("puts every resource in the catalog's namespace with the catalog's selector labels (release)", () => {
    for (const doc of builds.get(name)!) {
      expect(doc.metadata.namespace, `${doc.kind}/${doc.metadata.name}`).toBe(k.namespace);
      for (const [label, value] of Object.entries(k.selectorLabels)) expect(doc.metadata.labels?.[label], `${doc.kind}/${doc.metadata.name}`).toBe(value);
    }
    // The selector labels never leak into pod selectors (that would orphan pods on a rename).
    expect(of(name, "Deployment")[0]!.spec.selector.matchLabels).not.toHaveProperty("release");
  });

  it("runs the exporter non-root, read-only, token from a Secret file, state on a volume, probes on /healthz", () => {
    const dep = of(name, "Deployment")[0]!;
    const pod = dep.spec.template.spec;
    const c = pod.containers[0];
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
    expect(c.image).toBe(k.exporter.image);
    const env = Object.fromEntries(c.env.map((e: Doc) => [e.name, e.value]));
    const mountOf = (file: string) => c.volumeMounts.find((m: Doc) => file.startsWith(`${m.mountPath}/`) || file === m.mountPath);
    const tokenMount = mountOf(env.EXPORTER_TOKEN_FILE);
    const tokenVolume = pod.volumes.find((v: Doc) => v.name === tokenMount.name);
    expect(tokenVolume.secret.secretName).toBe(k.exporter.tokenSecretName);
    expect(tokenMount.readOnly).toBe(true);
    expect(env.EXPORTER_STATE_DIR).toBe(exporterStateDir());
    const stateVolume = pod.volumes.find((v: Doc) => v.name === mountOf(env.EXPORTER_STATE_DIR).name);
    const claim = of(name, "PersistentVolumeClaim").find((p) => p.metadata.name === stateVolume.persistentVolumeClaim.claimName);
    expect(claim?.spec.resources.requests.storage).toBe(k.exporter.stateStorage);
    expect(env.EXPORTER_ALLOW_NO_AUTH).toBeUndefined();
    expect(c.livenessProbe.httpGet.path).toBe("/healthz");
    expect(c.readinessProbe.httpGet.path).toBe("/readyz");
    expect(dep.spec.strategy.type).toBe("Recreate"); // one ReadWriteOnce volume, never two pods on it
  });

  it("exposes the exporter by a Service and a ServiceMonitor on the scrape port, the backend's events on the ingest port", () => {
    const svc = of(name, "Service")[0]!;
    const ports = Object.fromEntries(svc.spec.ports.map((p: Doc) => [p.name, p]));
    expect(ports.http).toMatchObject({ port: exporterPort(), targetPort: "http" });
    expect(ports.ingest).toMatchObject({ port: exporterIngestPort(), targetPort: "ingest" });
    // The container's env, read by the exporter's own config loader: the two listeners it opens.
    const c = of(name, "Deployment")[0]!.spec.template.spec.containers[0];
    const env = Object.fromEntries(c.env.map((e: Doc) => [e.name, e.value]));
    const config = loadConfig({ ...env, EXPORTER_TOKEN_FILE: undefined, EXPORTER_STATE_DIR: undefined, HOST: "127.0.0.1", EXPORTER_ALLOW_NO_AUTH: "1" });
    expect([config.port, config.ingestPort]).toEqual([exporterPort(), exporterIngestPort()]);
    const containerPorts = Object.fromEntries(c.ports.map((p: Doc) => [p.name, p.containerPort]));
    expect(containerPorts).toEqual({ http: config.port, ingest: config.ingestPort });
    const monitors: Record<string, Doc> = Object.fromEntries(of(name, "ServiceMonitor").map((m) => [m.metadata.name, m]));
    expect(Object.keys(monitors).sort()).toEqual(["xinliya-backend", "xinliya-business-exporter"]);
    expect(monitors["xinliya-business-exporter"]!.spec.selector.matchLabels["app.kubernetes.io/name"]).toBe(svc.metadata.labels["app.kubernetes.io/name"]);
    expect(monitors["xinliya-business-exporter"]!.spec.endpoints.map((e: Doc) => e.port)).toEqual(["http"]); // scrapes stay on the metrics port
    expect(monitors["xinliya-backend"]!.spec.namespaceSelector.matchNames).toEqual([k.backend.namespace]);
    const jobs = Object.values(monitors).map((m) => m.spec.endpoints[0].relabelings.find((r: Doc) => r.targetLabel === "job").replacement);
    expect(jobs.sort()).toEqual(["xinliya-backend", "xinliya-business-exporter"]);
    const np = of(name, "NetworkPolicy")[0]!;
    expect(np.spec.policyTypes).toEqual(["Ingress", "Egress"]);
    expect(np.spec.egress).toEqual([]);
    // Prometheus on the scrape port only, the backend on the ingest port only.
    const admitted = np.spec.ingress.map((r: Doc) => ({
      from: r.from.map((f: Doc) => f.namespaceSelector.matchLabels["kubernetes.io/metadata.name"]),
      ports: r.ports.map((p: Doc) => p.port),
    }));
    expect(admitted).toEqual([
      { from: [k.prometheusPods.namespace], ports: ["http"] },
      { from: [k.backend.namespace], ports: ["ingest"] },
    ]);
    expect(of(name, "PodDisruptionBudget")[0]!.spec.selector).toEqual(of(name, "Deployment")[0]!.spec.selector);
  });

  it("probes the environment's health URLs with both blackbox modules, through the catalog's blackbox Service", () => {
    const probes = of(name, "Probe");
    const d = dataTargetsOf(environment(name));
    const byJob = Object.fromEntries(probes.map((p) => [p.spec.jobName, p.spec]));
    // The job names the reachability alerts select by (alerts/reachability.ts), with their modules.
    expect(Object.keys(byJob).sort()).toEqual([dataJobs().probe, dataJobs().probeNoVerify].sort());
    expect(byJob[dataJobs().probe].module).toBe(probeModules().strict);
    expect(byJob[dataJobs().probeNoVerify].module).toBe(probeModules().noVerify);
    for (const spec of Object.values(byJob) as Doc[]) {
      expect(spec.prober).toEqual({ url: k.blackboxExporter, scheme: "http", path: "/probe" });
      expect(spec.targets.staticConfig.static).toEqual([...d.probeUrls]);
    }
  });

  it("ships every dashboard as a ConfigMap for the Grafana sidecar, byte-for-byte, in the catalog's folder", () => {
    const bundle = render({ env: environment(name), locale: "zh" });
    const dashboards = [...bundle].filter(([f]) => f.startsWith("grafana/dashboards/"));
    const maps = of(name, "ConfigMap").filter((c) => c.metadata.labels.grafana_dashboard === "1");
    expect(maps).toHaveLength(dashboards.length);
    for (const [file, json] of dashboards) {
      const key = path.basename(file);
      const map = maps.find((m) => key in m.data)!;
      expect(map.data[key]).toBe(json);
      expect(map.metadata.annotations.grafana_folder).toBe(k.grafanaFolder);
      expect(Buffer.byteLength(JSON.stringify(map))).toBeLessThan(256 * 1024); // client-side apply's annotation limit
    }
    const ds = of(name, "ConfigMap").find((c) => c.metadata.labels.grafana_datasource === "1")!;
    expect((yaml.load(Object.values(ds.data)[0] as string) as Doc).datasources[0].url).toBe(k.prometheusUrl);
  });

  it("carries the whole Alertmanager config as Secret alertmanager-<name>, valid for amtool, with no secret in it", () => {
    const secret = of(name, "Secret").find((s) => s.metadata.name === `alertmanager-${k.alertmanagerName}`)!;
    expect(Object.keys(secret.stringData).sort()).toEqual(["alertmanager.yaml", "xinliya.tmpl"]);
    const config = yaml.load(secret.stringData["alertmanager.yaml"]) as Doc;
    expect(config.templates).toEqual(["/etc/alertmanager/config/*.tmpl"]);
    // The same tree as the bundle's alertmanager.yml; only the operator's mount points differ.
    const env = operatorSecretPaths(environment(name), k.alertmanagerSecretsName);
    expect({ ...config, templates: undefined }).toEqual({ ...alertmanagerConfig({ env, locale: "zh" }), templates: undefined });
    const files = JSON.stringify(config).match(/"[a-z_]+_file":"[^"]+"/g) ?? [];
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(f).toContain(`/etc/alertmanager/secrets/${k.alertmanagerSecretsName}/`);
    expect(secretsIn("alertmanager.yaml", secret.stringData["alertmanager.yaml"])).toEqual([]);
    // amtool on the config as the operator mounts it: the templates beside it.
    const dir = tempDir("xinliya-k8s-am-");
    fs.writeFileSync(path.join(dir, "xinliya.tmpl"), secret.stringData["xinliya.tmpl"]);
    fs.writeFileSync(path.join(dir, "alertmanager.yaml"), yaml.dump({ ...config, templates: [path.join(dir, "*.tmpl")] }));
    const run = runTool("amtool", ["check-config", "alertmanager.yaml"], dir);
    expect(run.output).toContain("Found:");
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/templates: 1|1 templates/);
  });
});
