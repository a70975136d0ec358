// Failure scenarios of the hosts (item 8), from node_exporter's series.
import { jobs } from "../../catalog/selectors.ts";
import type { RuleContext, SeriesDef } from "../types.ts";
import { counter, gauge } from "./raw.ts";
import type { FailureScenario, ScenarioFile } from "./types.ts";

const MINUTES = 90;
const GB = 1e9;

function node(ctx: RuleContext, instance = "db-1:9100"): Record<string, string> {
  return { job: jobs(ctx.env).node, instance };
}

/** One filesystem: size, free bytes minute by minute (`freeGb(m)`), read-only flag, inodes. */
function filesystem(ctx: RuleContext, o: { mountpoint: string; sizeGb: number; freeGb: (m: number) => number; readonly?: (m: number) => number; inodes?: [number, number] }): SeriesDef[] {
  const fs = { ...node(ctx), device: "/dev/vdb1", fstype: "ext4", mountpoint: o.mountpoint };
  const each = (f: (m: number) => number) => Array.from({ length: MINUTES + 1 }, (_, m) => String(f(m))).join(" ");
  const out: SeriesDef[] = [
    gauge("node_filesystem_size_bytes", fs, [{ minutes: MINUTES + 1, value: o.sizeGb * GB }]),
    { series: `node_filesystem_avail_bytes{${Object.entries(fs).map(([k, v]) => `${k}="${v}"`).join(",")}}`, values: each((m) => o.freeGb(m) * GB) },
    { series: `node_filesystem_readonly{${Object.entries(fs).map(([k, v]) => `${k}="${v}"`).join(",")}}`, values: each(o.readonly ?? (() => 0)) },
  ];
  if (o.inodes) {
    out.push(gauge("node_filesystem_files", fs, [{ minutes: MINUTES + 1, value: o.inodes[0] }]));
    out.push(gauge("node_filesystem_files_free", fs, [{ minutes: MINUTES + 1, value: o.inodes[1] }]));
  }
  return out;
}

function collectors(ctx: RuleContext, failing: string[] = []): SeriesDef[] {
  return ["cpu", "meminfo", "filesystem", "vmstat", "timex"].map((c) =>
    gauge("node_scrape_collector_success", { ...node(ctx), collector: c }, [{ minutes: 10, value: 1 }, { minutes: MINUTES - 9, value: failing.includes(c) ? 0 : 1 }]));
}

export function hostScenarioFile(ctx: RuleContext): ScenarioFile {
  const n = node(ctx);
  const mount = { ...n, device: "/dev/vdb1", fstype: "ext4", mountpoint: "/var/lib/postgresql" };
  const scenarios: FailureScenario[] = [
    {
      item: 8,
      name: "a 95 %-full filesystem is remounted read-only after disk errors: the disk alert resolves, HostFilesystemReadOnly pages",
      interval: "1m",
      series: [...collectors(ctx), ...filesystem(ctx, { mountpoint: "/var/lib/postgresql", sizeGb: 100, freeGb: () => 5, readonly: (m) => (m >= 20 ? 1 : 0) })],
      expect: [
        { at: "15m", alert: "HostDiskSpaceHigh", firing: [{ labels: mount, value: "95%" }] },
        { at: "15m", alert: "HostFilesystemReadOnly", firing: [] },
        { at: "30m", alert: "HostDiskSpaceHigh", firing: [] },
        { at: "30m", alert: "HostFilesystemReadOnly", firing: [{ labels: mount, value: "1" }] },
      ],
    },
    {
      item: 8,
      name: "the filesystem collector fails (a hung NFS mount): its series vanish, HostCollectorFailing pages",
      interval: "1m",
      series: collectors(ctx, ["filesystem"]),
      expect: [
        { at: "5m", alert: "HostCollectorFailing", firing: [] },
        { at: "30m", alert: "HostCollectorFailing", firing: [{ labels: { ...n, collector: "filesystem" }, value: "0" }] },
      ],
    },
    {
      item: 8,
      name: "a log burst eats 0.1 GB a minute of the last 18 GB (full within 4 h), and inodes are nearly exhausted",
      interval: "1m",
      series: [...collectors(ctx), ...filesystem(ctx, { mountpoint: "/var/lib/postgresql", sizeGb: 100, freeGb: (m) => 18 - 0.1 * m, inodes: [1000000, 50000] })],
      expect: [
        { at: "5m", alert: "HostDiskWillFillIn4h", firing: [] },
        { at: "3m", alert: "HostInodesHigh", firing: [] },
        { at: "80m", alert: "HostDiskWillFillIn4h", firing: [{ labels: mount, value: "90%" }] },
        { at: "80m", alert: "HostInodesHigh", firing: [{ labels: mount, value: "95%" }] },
      ],
    },
    {
      item: 8,
      name: "OOM kills, a drifting clock and a noisy neighbour stealing CPU",
      interval: "1m",
      series: [
        ...collectors(ctx),
        counter("node_vmstat_oom_kill", n, [{ minutes: 30, perMinute: 0 }, { minutes: 1, perMinute: 2 }, { minutes: MINUTES - 31, perMinute: 0 }]),
        gauge("node_timex_offset_seconds", n, [{ minutes: 10, value: 0.001 }, { minutes: MINUTES - 9, value: 0.3 }]),
        ...["0", "1"].flatMap((cpu) => [
          counter("node_cpu_seconds_total", { ...n, cpu, mode: "steal" }, [{ minutes: 10, perMinute: 1 }, { minutes: MINUTES - 10, perMinute: 18 }]),
          counter("node_cpu_seconds_total", { ...n, cpu, mode: "idle" }, [{ minutes: 10, perMinute: 59 }, { minutes: MINUTES - 10, perMinute: 42 }]),
        ]),
      ],
      expect: [
        { at: "20m", alert: "HostOomKills", firing: [] },
        { at: "33m", alert: "HostOomKills", firing: [{ labels: n, value: "2" }] },
        { at: "5m", alert: "HostClockSkew", firing: [] },
        { at: "30m", alert: "HostClockSkew", firing: [{ labels: n, value: "0.30" }] },
        { at: "15m", alert: "HostCpuStealHigh", firing: [] },
        { at: "40m", alert: "HostCpuStealHigh", firing: [{ labels: n, value: "30%" }] },
      ],
    },
    {
      item: 8,
      name: "a healthy host: half-full disk growing slowly, collectors fine, clock synchronised, no steal",
      interval: "1m",
      series: [
        ...collectors(ctx),
        ...filesystem(ctx, { mountpoint: "/var/lib/postgresql", sizeGb: 100, freeGb: (m) => 50 - 0.001 * m, inodes: [1000000, 800000] }),
        counter("node_vmstat_oom_kill", n, [{ minutes: MINUTES, perMinute: 0 }]),
        gauge("node_timex_offset_seconds", n, [{ minutes: MINUTES + 1, value: 0.002 }]),
        counter("node_cpu_seconds_total", { ...n, cpu: "0", mode: "steal" }, [{ minutes: MINUTES, perMinute: 0.5 }]),
      ],
      expect: ["HostFilesystemReadOnly", "HostCollectorFailing", "HostInodesHigh", "HostDiskWillFillIn4h", "HostOomKills", "HostClockSkew", "HostCpuStealHigh"]
        .map((alert) => ({ at: "80m", alert, firing: [] })),
    },
  ];
  return { domain: "hosts", source: "alerts/scenarios/hosts.ts", scenarios };
}
