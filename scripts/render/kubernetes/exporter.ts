// The business exporter on Kubernetes: Deployment, Service, PodDisruptionBudget, NetworkPolicy and
// the claim of its state volume. Environment-independent: it lives in the Kustomize base, and the
// overlays set the namespace, the image and the peers the NetworkPolicy admits.
import { exporterIngestPort, exporterPort, exporterStateDir } from "../../../catalog/kubernetes.ts";

export const EXPORTER_NAME = "xinliya-business-exporter";
export const EXPORTER_IMAGE = "xinliya-business-exporter";
const TOKEN_DIR = "/etc/xinliya-exporter/token";

export function exporterLabels(): Record<string, string> {
  return { "app.kubernetes.io/name": EXPORTER_NAME, "app.kubernetes.io/part-of": "xinliya-observability" };
}

const selector = () => ({ "app.kubernetes.io/name": EXPORTER_NAME });

export function exporterDeployment(tokenSecretName: string): Record<string, unknown> {
  const port = exporterPort();
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: EXPORTER_NAME, labels: exporterLabels() },
    spec: {
      // One replica with a ReadWriteOnce state volume: Recreate, so two pods never share it.
      replicas: 1,
      strategy: { type: "Recreate" },
      selector: { matchLabels: selector() },
      template: {
        metadata: { labels: exporterLabels() },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532, seccompProfile: { type: "RuntimeDefault" } },
          containers: [{
            name: "exporter",
            image: EXPORTER_IMAGE,
            // Two listeners (exporters/http.ts): scrapes on `http` (PORT), the backend's events on
            // `ingest` (INGEST_PORT), so a flood of either never starves the other.
            ports: [
              { name: "http", containerPort: port, protocol: "TCP" },
              { name: "ingest", containerPort: exporterIngestPort(), protocol: "TCP" },
            ],
            env: [
              { name: "HOST", value: "0.0.0.0" },
              { name: "PORT", value: String(port) },
              { name: "INGEST_PORT", value: String(exporterIngestPort()) },
              { name: "EXPORTER_TOKEN_FILE", value: `${TOKEN_DIR}/token` },
              { name: "EXPORTER_STATE_DIR", value: exporterStateDir() },
            ],
            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
            livenessProbe: { httpGet: { path: "/healthz", port: "http" }, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 },
            readinessProbe: { httpGet: { path: "/readyz", port: "http" }, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 2 },
            startupProbe: { httpGet: { path: "/healthz", port: "http" }, periodSeconds: 2, failureThreshold: 30 },
            resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
            volumeMounts: [
              { name: "token", mountPath: TOKEN_DIR, readOnly: true },
              { name: "state", mountPath: exporterStateDir() },
              { name: "tmp", mountPath: "/tmp" },
            ],
          }],
          // SIGTERM: the exporter answers requests in flight within SHUTDOWN_TIMEOUT_MS (default 4 s).
          terminationGracePeriodSeconds: 15,
          volumes: [
            { name: "token", secret: { secretName: tokenSecretName, defaultMode: 0o440, items: [{ key: "token", path: "token" }] } },
            { name: "state", persistentVolumeClaim: { claimName: `${EXPORTER_NAME}-state` } },
            { name: "tmp", emptyDir: { medium: "Memory", sizeLimit: "16Mi" } },
          ],
        },
      },
    },
  };
}

export function exporterStateClaim(size: string): Record<string, unknown> {
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: `${EXPORTER_NAME}-state`, labels: exporterLabels() },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: size } } },
  };
}

export function exporterService(): Record<string, unknown> {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: EXPORTER_NAME, labels: exporterLabels() },
    spec: {
      selector: selector(),
      ports: [
        { name: "http", port: exporterPort(), targetPort: "http", protocol: "TCP" },
        { name: "ingest", port: exporterIngestPort(), targetPort: "ingest", protocol: "TCP" },
      ],
    },
  };
}

/**
 * One replica: `maxUnavailable: 1` lets a node drain evict it (a `minAvailable: 1` would block every
 * drain forever). What the budget buys is that no other voluntary disruption takes it twice at once.
 */
export function exporterDisruptionBudget(): Record<string, unknown> {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: EXPORTER_NAME, labels: exporterLabels() },
    spec: { maxUnavailable: 1, selector: { matchLabels: selector() } },
  };
}

export interface Peer { namespace: string; labels: Record<string, string> }

/** Prometheus reaches the scrape port (GET /metrics) only, the backend the ingest port (POST /v1/events) only; no egress at all. */
export function exporterNetworkPolicy(prometheus: Peer, backend: Peer): Record<string, unknown> {
  const from = (p: Peer) => ({
    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": p.namespace } },
    podSelector: { matchLabels: p.labels },
  });
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: EXPORTER_NAME, labels: exporterLabels() },
    spec: {
      podSelector: { matchLabels: selector() },
      policyTypes: ["Ingress", "Egress"],
      ingress: [
        { from: [from(prometheus)], ports: [{ port: "http", protocol: "TCP" }] },
        { from: [from(backend)], ports: [{ port: "ingest", protocol: "TCP" }] },
      ],
      egress: [],
    },
  };
}

/** The job name the rules select by (catalog/selectors.ts), set on the scraped series. */
function jobRelabel(job: string): Record<string, unknown>[] {
  return [{ action: "replace", targetLabel: "job", replacement: job }];
}

export function serviceMonitor(name: string, job: string, o: { namespace?: string; labels: Record<string, string>; port: string }): Record<string, unknown> {
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "ServiceMonitor",
    metadata: { name, labels: { "app.kubernetes.io/part-of": "xinliya-observability" } },
    spec: {
      selector: { matchLabels: o.labels },
      ...(o.namespace ? { namespaceSelector: { matchNames: [o.namespace] } } : {}),
      endpoints: [{ port: o.port, path: "/metrics", relabelings: jobRelabel(job) }],
    },
  };
}
