// JSON Schema validation with ajv, against ../shared/schemas (set up as its SOURCES.md says).
import fs from "node:fs";
import path from "node:path";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import formats from "ajv-formats";
import yaml from "js-yaml";
import type { Bundle } from "../render/index.ts";
import { dashboardPanels } from "../lib/expressions.ts";
import type { Problem } from "../lib/problems.ts";
import { repoRoot } from "../lib/options.ts";

export function schemasDir(): string {
  return process.env.XINLIYA_SCHEMAS_DIR ?? path.join(repoRoot(), "..", "shared", "schemas");
}

const FILES: Record<string, string> = {
  dashboard: "grafana/foundation-sdk-main/dashboard.jsonschema.json",
  promQuery: "grafana/foundation-sdk-main/prometheus.jsonschema.json",
  timeseries: "grafana/foundation-sdk-main/timeseries.jsonschema.json",
  stat: "grafana/foundation-sdk-main/stat.jsonschema.json",
  gauge: "grafana/foundation-sdk-main/gauge.jsonschema.json",
  rules: "prometheus/prometheus.rules.json",
  ruleTests: "prometheus/prometheus.rules.test.json",
  prometheus: "prometheus/prometheus.json",
  alertmanager: "alertmanager/prometheus-alertmanager.json",
};

let cached: Ajv | undefined;

/**
 * dashboard.jsonschema.json types two values as JSON objects although the CUE it is generated from
 * (grafana kinds/dashboard, `value?: _`, `options?: _`) allows any value, and Grafana's own exports
 * and the SDK's overrideByName write strings, numbers and arrays there: an override property's
 * `value` (`{"id": "unit", "value": "s"}`) and a field matcher's `options` (`{"id": "byName",
 * "options": "Value #A"}`). Exactly these two become "any JSON value"; the rest stays as strict.
 */
export function loosenFreeFormValues(schema: Record<string, any>): Record<string, any> {
  const defs = schema.definitions ?? {};
  for (const [def, prop] of [["DynamicConfigValue", "value"], ["MatcherConfig", "options"]] as const) {
    if (!defs[def]?.properties?.[prop]) throw new Error(`dashboard schema: ${def}.${prop} not found, review loosenFreeFormValues`);
    defs[def].properties[prop] = {};
  }
  return schema;
}

/** One ajv instance with every schema, compiled on first use and then reused. */
export function schemaRegistry(): Ajv {
  if (cached) return cached;
  const dir = schemasDir();
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  // ajv-formats is CommonJS: under NodeNext its default export is the module object.
  const addFormats = (formats as unknown as { default: typeof formats.default }).default;
  addFormats(ajv);
  ajv.addKeyword("x-deprecation-message");
  for (const [key, file] of Object.entries(FILES)) {
    const full = path.join(dir, file);
    if (!fs.existsSync(full)) throw new Error(`JSON Schema not found: ${full} (set XINLIYA_SCHEMAS_DIR)`);
    const schema = JSON.parse(fs.readFileSync(full, "utf8"));
    delete schema.$id; // registered under our own key; SchemaStore ids differ in host names
    ajv.addSchema(key === "dashboard" ? loosenFreeFormValues(schema) : schema, key);
  }
  cached = ajv;
  return ajv;
}

function validator(ref: string): ValidateFunction {
  const v = schemaRegistry().getSchema(ref);
  if (!v) throw new Error(`no schema ${ref}`);
  return v;
}

function errors(where: string, schema: string, v: ValidateFunction, data: unknown): Problem[] {
  if (v(data)) return [];
  return (v.errors ?? []).slice(0, 20).map((e: ErrorObject) => ({
    where,
    message: `${schema}: ${e.instancePath || "/"} ${e.message}${e.params && "additionalProperty" in e.params ? ` (${e.params.additionalProperty})` : ""}`,
  }));
}

/** Panel types whose `options` have a schema in foundation-sdk-main. */
const PANEL_SCHEMAS = new Set(["timeseries", "stat", "gauge"]);

/**
 * Panel types we use that have no options schema there (foundation-sdk-main publishes only the
 * three above): the dashboard schema checks their common panel fields and targets, the SDK's types
 * their options. A panel of any other type is a problem until it is put in one of these two lists.
 */
export function panelTypesWithoutSchema(): Set<string> {
  return new Set(["row", "table", "bargauge", "heatmap", "text", "state-timeline"]);
}

function dashboardProblems(file: string, json: unknown): Problem[] {
  const problems = errors(file, "dashboard.jsonschema.json", validator("dashboard"), json);
  const unschemed = panelTypesWithoutSchema();
  for (const panel of dashboardPanels(json) as Record<string, any>[]) {
    const where = `${file} › panel ${panel.id} "${panel.title}"`;
    if (!PANEL_SCHEMAS.has(panel.type) && !unschemed.has(panel.type)) {
      problems.push({ where, message: `panel type "${panel.type}" has no known options schema: add its schema, or list it in panelTypesWithoutSchema()` });
    }
    if (PANEL_SCHEMAS.has(panel.type)) {
      problems.push(...errors(where, `${panel.type}.options`, validator(`${panel.type}#/definitions/Options`), panel.options ?? {}));
      if (panel.type === "timeseries") {
        const custom = panel.fieldConfig?.defaults?.custom ?? {};
        problems.push(...errors(where, "timeseries.fieldConfig.custom", validator("timeseries#/definitions/FieldConfig"), custom));
      }
    }
    for (const target of panel.targets ?? []) {
      if (target?.datasource?.type !== "prometheus") continue;
      problems.push(...errors(`${where} › target ${target.refId}`, "prometheus.jsonschema.json", validator("promQuery"), target));
    }
  }
  return problems;
}

/** Validates every file of the bundle that has a schema. */
export function schemaProblems(bundle: Bundle): Problem[] {
  const problems: Problem[] = [];
  for (const [file, content] of bundle) {
    if (!/\.(ya?ml|json)$/.test(file)) continue; // e.g. Alertmanager's .tmpl templates: no schema
    let doc: unknown;
    try {
      doc = file.endsWith(".json") ? JSON.parse(content) : yaml.load(content);
    } catch (e) {
      problems.push({ where: file, message: `does not parse: ${(e as Error).message.split("\n")[0]}` });
      continue;
    }
    if (file.startsWith("grafana/dashboards/")) problems.push(...dashboardProblems(file, doc));
    else if (file.startsWith("prometheus/rules/")) problems.push(...errors(file, "prometheus.rules.json", validator("rules"), doc));
    else if (file.startsWith("prometheus/tests/")) problems.push(...errors(file, "prometheus.rules.test.json", validator("ruleTests"), doc));
    else if (file === "prometheus/prometheus.yml") problems.push(...errors(file, "prometheus.json", validator("prometheus"), doc));
    else if (file === "alertmanager/alertmanager.yml") problems.push(...errors(file, "prometheus-alertmanager.json", validator("alertmanager"), doc));
  }
  return problems;
}
