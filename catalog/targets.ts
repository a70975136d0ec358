// The numbers of the ops guide (../shared/ops-guide.zh.md, sections 1.1 and 2.1), written once.
// Ratios are stored as ratios (0.8), not percentages, because that is what PromQL compares.
import type { Duration } from "./types.ts";

export interface Target {
  value: number;
  /** Inclusive range a sane value must fall in; a catalog test enforces it. */
  range: readonly [number, number];
  /** `ratio` values are shown as percentages; `seconds` as durations. */
  unit: "ratio" | "seconds";
  source: string;
}

export type TargetName =
  | "cpuUtilisation"
  | "memoryUtilisation"
  | "diskUtilisation"
  | "apiLatencyP95"
  | "apiSuccessRate"
  | "agentProcessingP95"
  | "availabilitySlo";

export function targets(): Record<TargetName, Target> {
  return {
    cpuUtilisation: { value: 0.8, range: [0.5, 0.99], unit: "ratio", source: "运维指南 2.1：CPU 使用率告警阈值 80%" },
    memoryUtilisation: { value: 0.85, range: [0.5, 0.99], unit: "ratio", source: "运维指南 2.1：内存使用率告警阈值 85%" },
    diskUtilisation: { value: 0.9, range: [0.5, 0.99], unit: "ratio", source: "运维指南 2.1：磁盘使用率告警阈值 90%" },
    apiLatencyP95: { value: 2, range: [0.1, 30], unit: "seconds", source: "运维指南 1.1/2.1：API 响应时间 < 2 秒" },
    apiSuccessRate: { value: 0.995, range: [0.9, 0.99999], unit: "ratio", source: "运维指南 2.1：请求成功率 > 99.5%" },
    agentProcessingP95: { value: 5, range: [0.5, 60], unit: "seconds", source: "运维指南 2.1：智能体处理时间 < 5 秒" },
    availabilitySlo: { value: 0.999, range: [0.9, 0.99999], unit: "ratio", source: "运维指南 1.1：99.9% 系统可用时间" },
  };
}

/**
 * Every `for` of every alert, keyed by alert name. An alert without an entry here is a
 * render error, so no `for` is ever written anywhere else.
 */
export function forDurations(): Record<string, Duration> {
  return {
    // A CPU or memory peak of a few minutes is normal for LLM-backed traffic; page only when it lasts.
    HostCpuHigh: "15m",
    HostMemoryHigh: "15m",
    // A full disk breaks writes at once: a short `for` only rides out a scrape blip.
    HostDiskSpaceHigh: "5m",
  };
}

/** The rate window of the recording rules: at least four scrape intervals. */
export function rateWindow(): Duration {
  return "5m";
}

/** Filesystem types that are not real disks and must never raise a disk alert. */
export function ignoredFilesystemTypes(): string[] {
  return ["tmpfs", "overlay", "squashfs"];
}
