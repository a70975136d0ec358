import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { environments } from "../../catalog/environments.ts";
import type { EnvironmentName } from "../../catalog/types.ts";
import { render } from "../../scripts/render/index.ts";
import { options } from "../helpers.ts";

type Json = Record<string, any>;

describe("Grafana provisioning", () => {
  it.each(Object.keys(environments()) as EnvironmentName[])("loads every dashboard of %s on its Prometheus with no clicks", (env) => {
    const bundle = render(options(env));
    const ds = (yaml.load(bundle.get("grafana/provisioning/datasources/prometheus.yml")!) as Json).datasources;
    const providers = (yaml.load(bundle.get("grafana/provisioning/dashboards/xinliya.yml")!) as Json).providers;
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ type: "prometheus", uid: "xinliya-prometheus", url: environments()[env].prometheusUrl, isDefault: true });
    expect(providers).toEqual([expect.objectContaining({ type: "file", allowUiUpdates: false, options: { path: environments()[env].grafanaDashboardsPath } })]);
    const dashboards = [...bundle].filter(([f]) => f.startsWith("grafana/dashboards/")).map(([, c]) => JSON.parse(c) as Json);
    expect(dashboards).toHaveLength(11); // eight, xinliya-data (issue 13), xinliya-safety (issue 14) and xinliya-host (issue 12)
    for (const d of dashboards) {
      const variable = d.templating.list.find((v: Json) => v.name === "datasource");
      // Selected by default: the provisioned datasource, even where another Prometheus is the org's default.
      expect(variable.current.value, d.uid).toBe(ds[0].uid);
    }
  });
});
