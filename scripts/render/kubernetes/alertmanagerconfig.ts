// The opt-in for a team whose Alertmanager is shared: our routing as an `AlertmanagerConfig`
// (monitoring.coreos.com/v1alpha1) in our namespace, translated from the very config the bundle
// renders (alerts/routing.ts), with the limits of that resource (README, "Kubernetes"):
// - no `global` and no `templates`: every field that calls one of our templates is left out, so the
//   shared Alertmanager's default texts are used;
// - the operator forces `continue: true` on our top route and adds `namespace="<ours>"` to it and to
//   every inhibition: only alerts that carry our namespace are routed or inhibited here;
// - time intervals have no `location`: a fixed-offset zone is shifted to UTC, any other is refused;
// - credentials are keys of a Secret in our namespace, not files.
// A Kustomize Component adds it and deletes the Secret `alertmanager-<name>` (the shared
// Alertmanager has its own configuration); `shared-alertmanager/<env>/` is the overlay with it.
import type { KubernetesSettings } from "../../../catalog/kubernetes.ts";

type Doc = Record<string, any>;

/** Fields that call our notification templates, which the shared Alertmanager does not have. */
const usesOurTemplates = (v: unknown) => typeof v === "string" && /\{\{-?\s*template\s+"xinliya\./.test(v);

/** `name="value"`, `name=~"re"`, ... (Alertmanager's matcher strings, as routing.ts formats them). */
export function matcherObject(text: string, where: string): Doc {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(=~|!~|!=|=)"((?:[^"\\]|\\.)*)"$/.exec(text.trim());
  if (!m) throw new Error(`AlertmanagerConfig: cannot translate the matcher ${JSON.stringify(text)} of ${where}`);
  return { name: m[1], matchType: m[2], value: JSON.parse(`"${m[3]}"`) as string };
}

function route(r: Doc, where: string): Doc {
  const out: Doc = { receiver: r.receiver };
  if (r.group_by) out.groupBy = r.group_by;
  if (r.group_wait) out.groupWait = r.group_wait;
  if (r.group_interval) out.groupInterval = r.group_interval;
  if (r.repeat_interval) out.repeatInterval = r.repeat_interval;
  if (r.matchers) out.matchers = (r.matchers as string[]).map((m) => matcherObject(m, where));
  if (r.continue) out.continue = true;
  if (r.active_time_intervals) out.activeTimeIntervals = r.active_time_intervals;
  if (r.mute_time_intervals) out.muteTimeIntervals = r.mute_time_intervals;
  if (r.routes) out.routes = (r.routes as Doc[]).map((c, i) => route(c, `${where}.routes[${i}]`));
  for (const key of Object.keys(r)) {
    if (!["receiver", "group_by", "group_wait", "group_interval", "repeat_interval", "matchers", "continue", "active_time_intervals", "mute_time_intervals", "routes"].includes(key)) {
      throw new Error(`AlertmanagerConfig: the route field "${key}" of ${where} has no translation`);
    }
  }
  return out;
}

const keyValues = (m: Doc) => Object.entries(m).filter(([, v]) => !usesOurTemplates(v)).map(([key, value]) => ({ key, value: String(value) }));

/** A notifier's fields, camelCased; `*_file` credentials become keys of the receivers' Secret. */
function notifier(c: Doc, secret: string, where: string): Doc {
  const out: Doc = {};
  const ref = (file: string) => ({ name: secret, key: file.split("/").pop()! });
  for (const [k, v] of Object.entries(c)) {
    if (usesOurTemplates(v)) continue;
    if (k === "routing_key_file") out.routingKey = ref(v);
    else if (k === "api_url_file") out.apiURL = ref(v);
    else if (k === "auth_password_file") out.authPassword = ref(v);
    else if (k === "url_file") out.urlSecret = ref(v);
    else if (k === "headers" || k === "details") out[k] = keyValues(v);
    else if (k === "links") out.pagerDutyLinkConfigs = (v as Doc[]).filter((l) => !usesOurTemplates(l.href)).map((l) => ({ href: l.href, alt: l.text }));
    else if (k === "http_config") {
      const auth = v.authorization;
      if (!auth || Object.keys(v).length !== 1) throw new Error(`AlertmanagerConfig: http_config of ${where} has no translation beyond authorization`);
      out.httpConfig = { authorization: { type: auth.type, credentials: ref(auth.credentials_file) } };
    } else if (k.endsWith("_file")) throw new Error(`AlertmanagerConfig: the credential "${k}" of ${where} has no translation`);
    else out[k.replace(/_([a-z])/g, (_m, ch: string) => ch.toUpperCase())] = v;
  }
  return out;
}

function receiver(r: Doc, secret: string): Doc {
  const out: Doc = { name: r.name };
  for (const [k, v] of Object.entries(r)) {
    if (k === "name") continue;
    const type = /^([a-z]+)_configs$/.exec(k)?.[1];
    if (!type) throw new Error(`AlertmanagerConfig: the field "${k}" of receiver ${r.name} has no translation`);
    out[`${type}Configs`] = (v as Doc[]).map((c, i) => notifier(c, secret, `receiver ${r.name} ${k}[${i}]`));
  }
  return out;
}

/** Minutes east of UTC of a zone, if it is the same all year (no daylight saving); else undefined. */
function fixedOffsetMinutes(zone: string): number | undefined {
  const at = (month: number) => {
    const d = new Date(Date.UTC(2025, month, 1, 12));
    const local = new Date(d.toLocaleString("en-US", { timeZone: zone }));
    const utc = new Date(d.toLocaleString("en-US", { timeZone: "UTC" }));
    return Math.round((local.getTime() - utc.getTime()) / 60000);
  };
  const jan = at(0);
  return jan === at(6) ? jan : undefined;
}

function shift(hhmm: string, minutes: number, where: string): string {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  const t = h * 60 + m - minutes;
  if (t < 0 || t > 24 * 60) throw new Error(`AlertmanagerConfig: ${where} crosses midnight in UTC; AlertmanagerConfig has no location`);
  return `${String(Math.floor(t / 60)).padStart(2, "0")}:${String(t % 60).padStart(2, "0")}`;
}

function timeInterval(t: Doc): Doc {
  return {
    name: t.name,
    timeIntervals: (t.time_intervals as Doc[]).map((i) => {
      const where = `time interval ${t.name}`;
      const offset = i.location ? fixedOffsetMinutes(i.location) : 0;
      if (offset === undefined) throw new Error(`AlertmanagerConfig: ${where} is in ${i.location}, which has daylight saving; AlertmanagerConfig has no location`);
      const out: Doc = {};
      if (i.weekdays) out.weekdays = i.weekdays;
      if (i.days_of_month) out.daysOfMonth = i.days_of_month;
      if (i.months) out.months = i.months;
      if (i.years) out.years = i.years;
      if (i.times) out.times = (i.times as Doc[]).map((r) => ({ startTime: shift(r.start_time, offset, where), endTime: shift(r.end_time, offset, where) }));
      return out;
    }),
  };
}

/** The AlertmanagerConfig of an environment, from its rendered alertmanager config. */
export function alertmanagerConfigResource(config: Doc, k: KubernetesSettings): Doc {
  const doc = {
    apiVersion: "monitoring.coreos.com/v1alpha1",
    kind: "AlertmanagerConfig",
    metadata: {
      name: "xinliya",
      // Set here, not by the overlay: the Component may be used from a kustomization of its own.
      namespace: k.namespace,
      labels: { ...k.selectorLabels, "app.kubernetes.io/part-of": "xinliya-observability" },
    },
    spec: {
      route: route(config.route, "route"),
      receivers: (config.receivers as Doc[]).map((r) => receiver(r, k.alertmanagerSecretsName)),
      inhibitRules: (config.inhibit_rules as Doc[] ?? []).map((r, i) => ({
        sourceMatch: (r.source_matchers as string[]).map((m) => matcherObject(m, `inhibit_rules[${i}]`)),
        targetMatch: (r.target_matchers as string[]).map((m) => matcherObject(m, `inhibit_rules[${i}]`)),
        equal: r.equal,
      })),
      muteTimeIntervals: (config.time_intervals as Doc[] ?? []).map(timeInterval),
    },
  };
  const left = JSON.stringify(doc).match(/[^"]*template \\"xinliya\.[^"]*/);
  if (left) throw new Error(`AlertmanagerConfig: a field still calls our templates: ${left[0]}`);
  return doc;
}

/** The Component's kustomization: add the AlertmanagerConfig, delete the full-config Secret. */
export function componentKustomization(k: KubernetesSettings): Doc {
  return {
    apiVersion: "kustomize.config.k8s.io/v1alpha1",
    kind: "Component",
    resources: ["alertmanagerconfig.yaml"],
    patches: [{ patch: `$patch: delete\napiVersion: v1\nkind: Secret\nmetadata:\n  name: alertmanager-${k.alertmanagerName}\n` }],
  };
}
