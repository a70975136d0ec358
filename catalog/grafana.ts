// The Prometheus datasource that Grafana provisioning creates and every dashboard selects by
// default (its `datasource` variable), so that a provisioned Grafana shows data with no clicks.
export function grafanaDatasource(): { uid: string; name: string } {
  return { uid: "xinliya-prometheus", name: "Prometheus" };
}
