// System resources (ops guide 2.1, 系统层面): CPU, memory and disk of every node.
import { forDurations, ignoredFilesystemTypes, rateWindow } from "../catalog/targets.ts";
import { formatTarget, target } from "../catalog/thresholds.ts";
import { jobMatcher, jobs } from "../catalog/selectors.ts";
import { duration, seconds } from "../catalog/duration.ts";
import { TEST_INTERVAL, boundaryCases, humanizePercentage, sampleCount, series } from "./testing.ts";
import type { AlertDef, RecordDef, RuleContext, RuleGroupDef, RuleTestCase } from "./types.ts";

export function systemRecordNames() {
  return {
    cpu: `instance:node_cpu_utilisation:rate${rateWindow()}`,
    memory: "instance:node_memory_utilisation:ratio",
    disk: "instance_mountpoint:node_filesystem_utilisation:ratio",
  };
}

function records(ctx: RuleContext): RecordDef[] {
  const job = jobMatcher(ctx.env, "node");
  const fs = `${job}, fstype!~"${ignoredFilesystemTypes().join("|")}"`;
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
  ];
}

function alerts(): AlertDef[] {
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
  ];
}

function tests(ctx: RuleContext): RuleTestCase[] {
  const fors = forDurations();
  const job = { job: jobs(ctx.env).node };
  const margin = 0.01;
  const cpuFor = fors.HostCpuHigh!;
  const memFor = fors.HostMemoryHigh!;
  const diskFor = fors.HostDiskSpaceHigh!;
  const fsLabels = (instance: string, mountpoint: string, fstype: string) =>
    ({ ...job, instance, device: `/dev/${mountpoint === "/" ? "vda1" : "vdb1"}`, fstype, mountpoint });
  // A filesystem of 1000 bytes that is `level` full, for `n` samples.
  const disk = (level: number, labels: Record<string, string>, readonly: 0 | 1, n: number) => [
    { series: series("node_filesystem_size_bytes", labels), values: `1000x${n}` },
    { series: series("node_filesystem_avail_bytes", labels), values: `${Math.round((1 - level) * 1000)}x${n}` },
    { series: series("node_filesystem_readonly", labels), values: `${readonly}x${n}` },
  ];
  const diskCase = {
    alert: "HostDiskSpaceHigh", forDuration: diskFor, threshold: target("diskUtilisation"), margin,
    inputs: (level: number, instance: string) => disk(level, fsLabels(instance, "/", "ext4"), 0, sampleCount(diskFor)),
    labels: (instance: string) => fsLabels(instance, "/", "ext4"),
    format: humanizePercentage,
  };
  const full = 0.99;
  const n = sampleCount(diskFor);
  return [
    ...boundaryCases({
      alert: "HostCpuHigh", forDuration: cpuFor, threshold: target("cpuUtilisation"), margin,
      // An idle counter that grows by (1 - busy) seconds per second of one CPU.
      inputs: (level, instance) => [{
        series: series("node_cpu_seconds_total", { ...job, instance, cpu: "0", mode: "idle" }),
        values: `0+${Number(((1 - level) * 60).toFixed(6))}x${sampleCount(cpuFor)}`,
      }],
      labels: (instance) => ({ ...job, instance }),
      format: humanizePercentage,
    }),
    ...boundaryCases({
      alert: "HostMemoryHigh", forDuration: memFor, threshold: target("memoryUtilisation"), margin,
      inputs: (level, instance) => [
        { series: series("node_memory_MemTotal_bytes", { ...job, instance }), values: `1000x${sampleCount(memFor)}` },
        { series: series("node_memory_MemAvailable_bytes", { ...job, instance }), values: `${Math.round((1 - level) * 1000)}x${sampleCount(memFor)}` },
      ],
      labels: (instance) => ({ ...job, instance }),
      format: humanizePercentage,
    }),
    ...boundaryCases(diskCase),
    {
      name: "HostDiskSpaceHigh: full tmpfs, overlay, squashfs and read-only mounts never fire",
      interval: TEST_INTERVAL,
      series: [
        ...ignoredFilesystemTypes().flatMap((fstype) => disk(full, fsLabels("host-a:9100", `/run/${fstype}`, fstype), 0, n)),
        ...disk(full, fsLabels("host-a:9100", "/snap", "ext4"), 1, n),
      ],
      expect: [{ at: duration(seconds(diskFor) + 120), alert: "HostDiskSpaceHigh", firing: [] }],
    },
  ];
}

export function systemRules(ctx: RuleContext): RuleGroupDef {
  return { domain: "system", group: "xinliya.system", rules: [...records(ctx), ...alerts()], tests: tests(ctx) };
}
