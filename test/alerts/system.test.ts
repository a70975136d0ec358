import yaml from "js-yaml";
import { describe, expect, it, vi } from "vitest";
import { render } from "../../scripts/render/index.ts";
import { options } from "../helpers.ts";

// Move the CPU target from the ops guide's 80 % to 70 %: the rule, its tests and the panel follow.
vi.mock("../../catalog/targets.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../catalog/targets.ts")>();
  const moved = () => ({ ...real.targets(), cpuUtilisation: { ...real.targets().cpuUtilisation, value: 0.7 } });
  return { ...real, targets: moved };
});

interface Rule { alert?: string; record?: string; expr: string; for?: string; labels?: Record<string, string>; annotations?: Record<string, string> }

function rules(): Rule[] {
  const doc = yaml.load(render(options()).get("prometheus/rules/system.yml")!) as { groups: { rules: Rule[] }[] };
  return doc.groups.flatMap((g) => g.rules);
}

describe("system rules take every number from the catalog", () => {
  it("moves the CPU alert, its text, its tests and its panel threshold with the catalog target", () => {
    const cpu = rules().find((r) => r.alert === "HostCpuHigh")!;
    expect(cpu.expr).toMatch(/ > 0\.7$/);
    expect(cpu.annotations!.description).toContain("70%");

    const tests = render(options()).get("prometheus/tests/system.yml")!;
    expect(tests).toContain("CPU 使用率为 71%"); // just above the moved threshold

    const dashboard = JSON.parse(render(options()).get("grafana/dashboards/xinliya-system.json")!);
    const panel = dashboard.panels.find((p: { title: string }) => p.title === "CPU 使用率");
    expect(panel.fieldConfig.defaults.thresholds.steps.map((s: { value: number | null }) => s.value)).toEqual([null, 0.7]);
  });

  it("gives every alert its labels, annotations and catalog `for`", () => {
    const alerts = rules().filter((r) => r.alert);
    expect(alerts.map((a) => [a.alert, a.labels!.priority, a.labels!.severity, a.for])).toEqual([
      ["HostCpuHigh", "P2", "warning", "15m"],
      ["HostMemoryHigh", "P2", "warning", "15m"],
      ["HostDiskSpaceHigh", "P1", "critical", "5m"],
      ["HostDiskWillFillIn24h", "P2", "warning", "1h"],
    ]);
    for (const a of alerts) {
      expect(Object.keys(a.annotations!).sort()).toEqual(["dashboard_url", "description", "runbook_url", "summary"]);
      expect(a.annotations!.summary).not.toContain("{{");
      expect(a.annotations!.description).toContain("{{ $labels.instance }}");
      expect(a.annotations!.runbook_url).toBe(`https://ops.xinliya.example/runbooks/${a.alert}.md`);
    }
  });

  it("excludes pseudo and read-only filesystems from the disk rule", () => {
    const disk = rules().find((r) => r.expr.includes("node_filesystem_avail_bytes"))!;
    expect(disk.expr).toContain('fstype!~"tmpfs|overlay|squashfs"');
    expect(disk.expr).toContain("unless on (job, instance, device, mountpoint) node_filesystem_readonly");
  });

  it("predicts a full disk only for real filesystems that are already fairly full", () => {
    const fill = rules().find((r) => r.alert === "HostDiskWillFillIn24h")!;
    expect(fill.expr).toBe(
      "instance_mountpoint:node_filesystem_utilisation:ratio > 0.8 and on (job, instance, device, mountpoint)" +
      " instance_mountpoint:node_filesystem_avail_bytes:predict_linear6h < 0");
    // The forecast is recorded once per evaluation (issue 17): the alert and the system panel read it.
    expect(rules().find((r) => r.record === "instance_mountpoint:node_filesystem_avail_bytes:predict_linear6h")!.expr)
      .toBe('predict_linear(node_filesystem_avail_bytes{job="node", fstype!~"tmpfs|overlay|squashfs"}[6h], 86400)');
    expect(fill.annotations!.description).toContain("{{ $labels.mountpoint }}");
  });
});
