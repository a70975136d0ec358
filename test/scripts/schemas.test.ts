import fs from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import formats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { panelTypesWithoutSchema, schemaProblems, schemasDir } from "../../scripts/check/schemas.ts";
import { dashboardPanels } from "../../scripts/lib/expressions.ts";
import { render } from "../../scripts/render/index.ts";
import { options } from "../helpers.ts";

type Json = Record<string, any>;
const bundle = render(options());
const dashboardFiles = [...bundle.keys()].filter((f) => f.startsWith("grafana/dashboards/"));

/** Schema problems of the dashboards after `edit` changed the first panel of type `type`. */
function problemsAfter(type: string, edit: (panel: Json) => void): string[] {
  const file = dashboardFiles.find((f) => dashboardPanels(JSON.parse(bundle.get(f)!)).some((p) => p.type === type))!;
  const dash = JSON.parse(bundle.get(file)!);
  edit(dashboardPanels(dash).find((p) => p.type === type) as Json);
  return schemaProblems(new Map([[file, JSON.stringify(dash)]])).map((p) => `${p.where}: ${p.message}`);
}

describe("JSON Schemas of the dashboards", () => {
  it("validate every dashboard, and every panel type we use has a schema or is listed as having none", () => {
    expect(schemaProblems(new Map(dashboardFiles.map((f) => [f, bundle.get(f)!])))).toEqual([]);
    const types = new Set(dashboardFiles.flatMap((f) => dashboardPanels(JSON.parse(bundle.get(f)!)).map((p) => String(p.type))));
    expect([...types].sort()).toEqual(["bargauge", "gauge", "heatmap", "row", "stat", "state-timeline", "table", "text", "timeseries"]);
    for (const t of types) {
      const has = fs.existsSync(path.join(schemasDir(), `grafana/foundation-sdk-main/${t}.jsonschema.json`));
      expect(has || panelTypesWithoutSchema().has(t), t).toBe(true);
      expect(has && panelTypesWithoutSchema().has(t), `${t}: a schema exists, so it must be used`).toBe(false);
    }
  });

  it("loosen only the two values the published schema types too narrowly", () => {
    const raw = JSON.parse(fs.readFileSync(path.join(schemasDir(), "grafana/foundation-sdk-main/dashboard.jsonschema.json"), "utf8"));
    delete raw.$id;
    const ajv = new Ajv({ allErrors: true, strictTypes: false });
    (formats as unknown as { default: (a: Ajv) => void }).default(ajv);
    ajv.addKeyword("x-deprecation-message");
    const strict = ajv.compile(raw);
    const system = JSON.parse(bundle.get("grafana/dashboards/xinliya-system.json")!);
    // The SDK's own overrideByName output (a string matcher option, a string unit) fails the schema as published.
    expect(strict(system)).toBe(false);
    expect(strict.errors!.map((e) => e.instancePath)).toEqual(expect.arrayContaining([
      expect.stringMatching(/fieldConfig\/overrides\/\d+\/matcher\/options$/),
      expect.stringMatching(/fieldConfig\/overrides\/\d+\/properties\/\d+\/value$/),
    ]));
    // Loosened, an override still has exactly `matcher` and `properties`, each property an `id`.
    expect(problemsAfter("table", (p) => { p.fieldConfig.overrides[0].colour = "red"; }))
      .toEqual(expect.arrayContaining([expect.stringMatching(/overrides\/0 must NOT have additional properties \(colour\)/)]));
    expect(problemsAfter("table", (p) => { delete p.fieldConfig.overrides[0].properties[0].id; }))
      .toEqual(expect.arrayContaining([expect.stringMatching(/properties\/0 must have required property 'id'/)]));
  });

  it("name the panel whose stat, gauge or timeseries options break their schema", () => {
    expect(problemsAfter("stat", (p) => { delete p.options.reduceOptions; }))
      .toEqual(expect.arrayContaining([expect.stringMatching(/panel \d+ ".+": stat\.options: \/ must have required property 'reduceOptions'/)]));
    expect(problemsAfter("gauge", (p) => { p.options.sizing = "huge"; }))
      .toEqual(expect.arrayContaining([expect.stringMatching(/gauge\.options: \/sizing must be equal to one of the allowed values/)]));
    expect(problemsAfter("timeseries", (p) => { p.fieldConfig.defaults.custom.lineWidth = "thick"; }))
      .toEqual(expect.arrayContaining([expect.stringMatching(/timeseries\.fieldConfig\.custom: \/lineWidth must be number/)]));
  });

  it("name the target that breaks the Prometheus query schema, in tables and heatmaps too", () => {
    expect(problemsAfter("table", (p) => { p.targets[0].format = "json"; }))
      .toEqual(expect.arrayContaining([expect.stringMatching(/target A: prometheus\.jsonschema\.json: \/format must be equal to one of the allowed values/)]));
    expect(problemsAfter("heatmap", (p) => { p.targets[0].instant = "no"; }))
      .toEqual(expect.arrayContaining([expect.stringMatching(/target A: prometheus\.jsonschema\.json: \/instant must be boolean/)]));
  });

  it("name a panel type that has no schema and is not listed", () => {
    expect(problemsAfter("bargauge", (p) => { p.type = "piechart"; }))
      .toEqual(expect.arrayContaining([expect.stringMatching(/panel type "piechart" has no known options schema/)]));
  });
});
