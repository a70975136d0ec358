// System resources (ops guide 2.1, 系统层面): CPU, memory and disk of every node.
import { diskFillLookback, ignoredFilesystemTypes, rateWindow } from "../catalog/targets.ts";
import { formatTarget, target } from "../catalog/thresholds.ts";
import { jobMatcher } from "../catalog/selectors.ts";
import { systemTests } from "./cases/system.ts";
import type { AlertDef, RecordDef, RuleContext, RuleGroupDef } from "./types.ts";

export function systemRecordNames() {
  return {
    cpu: `instance:node_cpu_utilisation:rate${rateWindow()}`,
    memory: "instance:node_memory_utilisation:ratio",
    disk: "instance_mountpoint:node_filesystem_utilisation:ratio",
    // The free bytes in diskFillHorizon on the trend of diskFillLookback: the alert and the panel
    // read it once per evaluation, instead of 6 h of every filesystem at each of the panel's 721
    // steps (bench:scale, round 4: 2.0 s p99 at 30 nodes).
    diskForecast: `instance_mountpoint:node_filesystem_avail_bytes:predict_linear${diskFillLookback()}`,
  };
}

/** Matchers of the real filesystems of our nodes. */
export function realFilesystems(ctx: RuleContext): string {
  return `${jobMatcher(ctx.env, "node")}, fstype!~"${ignoredFilesystemTypes().join("|")}"`;
}

function records(ctx: RuleContext): RecordDef[] {
  const job = jobMatcher(ctx.env, "node");
  const fs = realFilesystems(ctx);
  const names = systemRecordNames();
  return [
    {
      // iowait and steal count as idle: the CPU could run work, it is waiting on something else.
      kind: "record",
      record: names.cpu,
      expr: `1 - avg without (cpu) (sum without (mode) (rate(node_cpu_seconds_total{${job}, mode=~"idle|iowait|steal"}[${rateWindow()}])))`,
    },
    {
      kind: "record",
      record: names.memory,
      expr: `1 - node_memory_MemAvailable_bytes{${job}} / node_memory_MemTotal_bytes{${job}}`,
    },
    {
      // Read-only mounts cannot fill up through us; they are excluded like the pseudo filesystems.
      kind: "record",
      record: names.disk,
      expr:
        `1 - node_filesystem_avail_bytes{${fs}} / node_filesystem_size_bytes{${fs}}` +
        ` unless on (job, instance, device, mountpoint) node_filesystem_readonly{${job}} == 1`,
    },
    { kind: "record", record: names.diskForecast, expr: `predict_linear(node_filesystem_avail_bytes{${fs}}[${diskFillLookback()}], ${target("diskFillHorizon")})` },
  ];
}

function alerts(ctx: RuleContext): AlertDef[] {
  const names = systemRecordNames();
  return [
    {
      kind: "alert",
      name: "HostCpuHigh",
      expr: `${names.cpu} > ${target("cpuUtilisation")}`,
      priority: "P2",
      summary: { zh: "主机 CPU 使用率过高", en: "Host CPU usage is high" },
      description: {
        zh: (t) => `实例 ${t.label("instance")} 的 CPU 使用率为 ${t.value("percent")}，高于告警阈值 ${formatTarget("cpuUtilisation")}。`,
        en: (t) => `CPU usage on ${t.label("instance")} is ${t.value("percent")}, above the ${formatTarget("cpuUtilisation")} threshold.`,
      },
      dashboard: { uid: "xinliya-system", panel: "cpu" },
    },
    {
      kind: "alert",
      name: "HostMemoryHigh",
      expr: `${names.memory} > ${target("memoryUtilisation")}`,
      priority: "P2",
      summary: { zh: "主机内存使用率过高", en: "Host memory usage is high" },
      description: {
        zh: (t) => `实例 ${t.label("instance")} 的内存使用率为 ${t.value("percent")}，高于告警阈值 ${formatTarget("memoryUtilisation")}。`,
        en: (t) => `Memory usage on ${t.label("instance")} is ${t.value("percent")}, above the ${formatTarget("memoryUtilisation")} threshold.`,
      },
      dashboard: { uid: "xinliya-system", panel: "memory" },
    },
    {
      kind: "alert",
      name: "HostDiskSpaceHigh",
      expr: `${names.disk} > ${target("diskUtilisation")}`,
      priority: "P1",
      summary: { zh: "磁盘空间即将用尽", en: "A filesystem is almost full" },
      description: {
        zh: (t) => `实例 ${t.label("instance")} 上挂载点 ${t.label("mountpoint")} 已使用 ${t.value("percent")}，高于告警阈值 ${formatTarget("diskUtilisation")}。`,
        en: (t) => `Filesystem ${t.label("mountpoint")} on ${t.label("instance")} is ${t.value("percent")} full, above the ${formatTarget("diskUtilisation")} threshold.`,
      },
      dashboard: { uid: "xinliya-system", panel: "disk" },
    },
    {
      // The record already leaves out pseudo and read-only filesystems; `and` keeps only those.
      kind: "alert",
      name: "HostDiskWillFillIn24h",
      expr:
        `${names.disk} > ${target("diskFillFloor")}` +
        ` and on (job, instance, device, mountpoint)` +
        ` ${names.diskForecast} < 0`,
      priority: "P2",
      summary: { zh: "磁盘预计将在一天内写满", en: "A filesystem is predicted to fill up within a day" },
      description: {
        zh: (t) => `实例 ${t.label("instance")} 上挂载点 ${t.label("mountpoint")} 已使用 ${t.value("percent")}（高于 ${formatTarget("diskFillFloor")}），按过去 ${diskFillLookback()} 的趋势将在 ${formatTarget("diskFillHorizon")} 内写满。`,
        en: (t) => `Filesystem ${t.label("mountpoint")} on ${t.label("instance")} is ${t.value("percent")} full (above ${formatTarget("diskFillFloor")}) and, at the trend of the last ${diskFillLookback()}, fills up within ${formatTarget("diskFillHorizon")}.`,
      },
      dashboard: { uid: "xinliya-system", panel: "diskForecast" },
    },
  ];
}

export function systemRules(ctx: RuleContext): RuleGroupDef {
  return { domain: "system", group: "xinliya.system", rules: [...records(ctx), ...alerts(ctx)], tests: systemTests(ctx) };
}
