// promtool cases of the system rules (alerts/system.ts).
import { duration, seconds } from "../../catalog/duration.ts";
import { jobs } from "../../catalog/selectors.ts";
import { forDurations, forOf, ignoredFilesystemTypes } from "../../catalog/targets.ts";
import { target } from "../../catalog/thresholds.ts";
import { TEST_INTERVAL, boundaryCases, events, humanizePercentage, sampleCount, series } from "../testing.ts";
import type { RuleContext, RuleTestCase, SeriesDef } from "../types.ts";

type Labels = Record<string, string>;

function fsLabels(ctx: RuleContext, instance: string, mountpoint: string, fstype: string): Labels {
  return { job: jobs(ctx.env).node, instance, device: `/dev/${mountpoint === "/" ? "vda1" : "vdb1"}`, fstype, mountpoint };
}

/** A filesystem of `size` bytes with the given `avail` values and its read-only flag. */
function filesystem(labels: Labels, size: number, avail: string, readonly: 0 | 1, n: number): SeriesDef[] {
  return [
    { series: series("node_filesystem_size_bytes", labels), values: `${size}x${n}` },
    { series: series("node_filesystem_avail_bytes", labels), values: avail },
    { series: series("node_filesystem_readonly", labels), values: `${readonly}x${n}` },
  ];
}

function hostTests(ctx: RuleContext): RuleTestCase[] {
  const fors = forDurations();
  const job = { job: jobs(ctx.env).node };
  const margin = 0.01;
  const cpuFor = fors.HostCpuHigh!;
  const memFor = fors.HostMemoryHigh!;
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
        { series: series("node_memory_MemAvailable_bytes", { ...job, instance }), values: `${events(1 - level, 1000)}x${sampleCount(memFor)}` },
      ],
      labels: (instance) => ({ ...job, instance }),
      format: humanizePercentage,
      realised: (level) => 1 - events(1 - level, 1000) / 1000,
    }),
  ];
}

function diskSpaceTests(ctx: RuleContext): RuleTestCase[] {
  const diskFor = forOf("HostDiskSpaceHigh");
  const n = sampleCount(diskFor);
  const steady = (level: number, labels: Labels, readonly: 0 | 1 = 0) =>
    filesystem(labels, 1000, `${events(1 - level, 1000)}x${n}`, readonly, n);
  return [
    ...boundaryCases({
      alert: "HostDiskSpaceHigh", forDuration: diskFor, threshold: target("diskUtilisation"), margin: 0.01,
      inputs: (level, instance) => steady(level, fsLabels(ctx, instance, "/", "ext4")),
      labels: (instance) => fsLabels(ctx, instance, "/", "ext4"),
      format: humanizePercentage,
      realised: (level) => 1 - events(1 - level, 1000) / 1000,
    }),
    {
      name: "HostDiskSpaceHigh: full tmpfs, overlay, squashfs and read-only mounts never fire",
      interval: TEST_INTERVAL,
      series: [
        ...ignoredFilesystemTypes().flatMap((fstype) => steady(0.99, fsLabels(ctx, "host-a:9100", `/run/${fstype}`, fstype))),
        ...steady(0.99, fsLabels(ctx, "host-a:9100", "/snap", "ext4"), 1),
      ],
      expect: [{ at: duration(seconds(diskFor) + 120), alert: "HostDiskSpaceHigh", firing: [] }],
    },
  ];
}

/**
 * HostDiskWillFillIn24h: a filesystem whose free space falls linearly and is `level` full two
 * minutes after `for`; `fillShare` is its time to fill at that moment, as a share of the horizon.
 */
function diskFillTests(ctx: RuleContext): RuleTestCase[] {
  const alert = "HostDiskWillFillIn24h";
  const forSeconds = seconds(forOf(alert));
  const atMinute = forSeconds / 60 + 2;
  const horizonMinutes = target("diskFillHorizon") / 60;
  const size = 1_440_000;
  const floor = target("diskFillFloor");
  const margin = 0.02;
  const round = (v: number) => Number(v.toFixed(6));
  const filling = (instance: string, level: number, fillShare: number) => {
    const availEnd = round((1 - level) * size);
    const slope = fillShare === Infinity ? 0 : round(availEnd / (fillShare * horizonMinutes));
    const start = round(availEnd + slope * atMinute);
    return filesystem(fsLabels(ctx, instance, "/", "ext4"), size, `${start}-${slope}x${atMinute + 5}`, 0, atMinute + 5);
  };
  const fired = (instance: string, level: number) => ({ labels: fsLabels(ctx, instance, "/", "ext4"), value: humanizePercentage(level) });
  const at = duration(atMinute * 60);
  return [
    {
      name: `${alert}: below the ${floor} floor it stays silent, however fast it fills`,
      interval: TEST_INTERVAL,
      series: filling("host-a:9100", floor - margin, 0.5),
      expect: [{ at, alert, firing: [] }],
    },
    {
      name: `${alert}: a filesystem that fills just after the horizon stays silent`,
      interval: TEST_INTERVAL,
      series: filling("host-a:9100", floor + margin, 1.05),
      expect: [{ at, alert, firing: [] }],
    },
    {
      name: `${alert}: a filesystem that fills just within the horizon waits for its for, then fires`,
      interval: TEST_INTERVAL,
      series: filling("host-a:9100", floor + margin, 0.95),
      expect: [
        { at: duration(forSeconds - 60), alert, firing: [] },
        { at, alert, firing: [fired("host-a:9100", floor + margin)] },
      ],
    },
    {
      name: `${alert}: of a full but steady filesystem and a filling one only the filling one fires`,
      interval: TEST_INTERVAL,
      series: [...filling("host-a:9100", floor + 2 * margin, Infinity), ...filling("host-b:9100", floor + margin, 0.95)],
      expect: [{ at, alert, firing: [fired("host-b:9100", floor + margin)] }],
    },
  ];
}

export function systemTests(ctx: RuleContext): RuleTestCase[] {
  return [...hostTests(ctx), ...diskSpaceTests(ctx), ...diskFillTests(ctx)];
}
