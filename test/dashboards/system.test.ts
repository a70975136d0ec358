import { describe, expect, it } from "vitest";
import { target } from "../../catalog/thresholds.ts";
import { render } from "../../scripts/render/index.ts";
import { dashboardPanels } from "../../scripts/lib/expressions.ts";
import { options } from "../helpers.ts";

function systemDashboard(locale: "zh" | "en" = "zh") {
  return JSON.parse(render(options("production", locale)).get("grafana/dashboards/xinliya-system.json")!);
}

describe("系统资源 dashboard", () => {
  it("has a stable uid, a Chinese title and an English one", () => {
    expect(systemDashboard()).toMatchObject({ uid: "xinliya-system", title: "系统资源", editable: false });
    expect(systemDashboard("en").title).toBe("System resources");
  });

  it("has a datasource variable and job/instance variables that use it", () => {
    const vars = systemDashboard().templating.list;
    expect(vars.map((v: { name: string }) => v.name)).toEqual(["datasource", "job", "instance"]);
    expect(vars[0]).toMatchObject({ type: "datasource", query: "prometheus" });
    for (const v of vars.slice(1)) {
      expect(v).toMatchObject({ type: "query", multi: true, includeAll: true, allValue: ".+", refresh: 2, datasource: { uid: "${datasource}" } });
    }
  });

  it("gives every panel a description, a unit and the templated datasource", () => {
    const panels = dashboardPanels(systemDashboard()).filter((p) => p.type !== "row") as Record<string, any>[];
    expect(panels.map((p) => p.title)).toEqual([
      "实例一览", "CPU 使用率", "内存使用率", "磁盘使用率", "24h 后的预计剩余空间", "文件系统", "网络吞吐", "TCP 连接数", "系统负载",
      "只读挂载、采集器与 OOM", "inode 使用率与 CPU steal", "时钟偏差", // issue 10
    ]);
    for (const p of panels) {
      expect(p.description, p.title).toBeTruthy();
      expect(p.fieldConfig.defaults.unit, p.title).toBeTruthy();
      expect(p.datasource, p.title).toEqual({ type: "prometheus", uid: "${datasource}" });
      for (const t of p.targets ?? []) expect(t.expr, p.title).toContain('instance=~"$instance"');
    }
  });

  it("draws the catalog's thresholds, the same constants as the alerts", () => {
    const panels = dashboardPanels(systemDashboard()) as Record<string, any>[];
    const threshold = (title: string) => panels.find((p) => p.title === title)!.fieldConfig.defaults.thresholds.steps.at(-1).value;
    expect(threshold("CPU 使用率")).toBe(target("cpuUtilisation"));
    expect(threshold("内存使用率")).toBe(target("memoryUtilisation"));
    expect(threshold("磁盘使用率")).toBe(target("diskUtilisation"));
  });

  it("uses $__rate_interval in every rate", () => {
    const exprs = dashboardPanels(systemDashboard()).flatMap((p) => (p.targets ?? []).map((t) => String(t.expr)));
    const rates = exprs.filter((e) => /\b(rate|irate|increase)\(/.test(e));
    expect(rates.length).toBeGreaterThan(0);
    for (const e of rates) expect(e).toContain("[$__rate_interval]");
  });
});
