// Runbooks of the system alerts (alerts/system.ts).
import type { Localized } from "../../catalog/types.ts";
import type { RunbookDef } from "./types.ts";

const s = (zh: string, en: string): Localized => ({ zh, en });

export function systemRunbooks(): Record<string, RunbookDef> {
  return {
    HostCpuHigh: {
      meaning: s("一台主机的 CPU 长时间处于高负载：请求排队、响应变慢，API 与智能体的时延目标随之受威胁。",
        "A host's CPU has been busy for a long time: requests queue up and slow down, putting the API and agent latency targets at risk."),
      checks: [
        s("在仪表盘上确认是单台实例还是所有实例同时升高（同时升高多为流量上涨）。", "On the dashboard, see whether one instance or all of them rose (all at once usually means more traffic)."),
        s("登录该主机，用 `top` / `pidstat` 找出占用 CPU 的进程。", "On the host, find the busy processes with `top` / `pidstat`."),
        s("对照 API 性能仪表盘的请求速率，判断是流量增长还是单个请求变重。", "Compare with the request rate on the API dashboard: more traffic, or heavier requests?"),
      ],
      mitigations: [
        s("流量增长：水平扩容或把流量分到其他实例（运维指南 5.2 扩容策略）。", "More traffic: scale out or move traffic to other instances (ops guide 5.2)."),
        s("异常进程：重启该进程或回退最近的发布。", "A runaway process: restart it or roll back the latest release."),
      ],
      guide: ["performance"],
    },
    HostMemoryHigh: {
      meaning: s("一台主机的可用内存持续偏低：接近上限时会触发交换或 OOM，进程可能被杀死。",
        "A host has been short of available memory for a long time: near the limit it swaps or the OOM killer ends processes."),
      checks: [
        s("用 `free -m` 与 `ps aux --sort=-rss` 找出占用内存最多的进程。", "Find the largest processes with `free -m` and `ps aux --sort=-rss`."),
        s("查看内存是否随时间单调上升（疑似泄漏）。", "See whether memory only ever grows (a leak?)."),
        s("检查 `dmesg` 是否已有 OOM 记录。", "Look for OOM kills in `dmesg`."),
      ],
      mitigations: [
        s("疑似泄漏：滚动重启受影响的服务，并保留堆快照供分析。", "A leak: restart the affected service one instance at a time, keeping a heap snapshot."),
        s("缓存过大：调小缓存上限（运维指南 3.3 缓存管理）。", "An oversized cache: lower its limit (ops guide 3.3)."),
      ],
      guide: ["performance"],
    },
    HostDiskSpaceHigh: {
      meaning: s("一个真实文件系统已接近写满：写满后数据库、日志和备份的写入都会失败，可能造成数据丢失。",
        "A real filesystem is almost full: once full, database, log and backup writes fail and data can be lost."),
      checks: [
        s("用 `df -h` 与 `du -xh --max-depth=1 <挂载点> | sort -h` 找出占用最多的目录。", "Find the largest directories with `df -h` and `du -xh --max-depth=1 <mountpoint> | sort -h`."),
        s("检查日志、旧备份与数据库文件的增长。", "Check the growth of logs, old backups and database files."),
      ],
      mitigations: [
        s("清理或归档旧日志与过期备份（运维指南 3.1 每周日志清理归档）。", "Remove or archive old logs and expired backups (ops guide 3.1)."),
        s("扩容磁盘或迁移数据。", "Grow the disk or move data elsewhere."),
      ],
      guide: ["capacity", "database"],
    },
    HostDiskWillFillIn24h: {
      meaning: s("一个已经较满的文件系统按近几个小时的写入趋势，将在一天内写满：现在处理可避免夜间故障。",
        "A filesystem that is already fairly full will, at the trend of the last hours, fill up within a day: acting now avoids a night-time outage."),
      checks: [
        s("在仪表盘上查看剩余空间预测曲线，确认增长是持续的而不是一次性写入。", "On the dashboard, check that the free-space forecast reflects steady growth, not a one-off write."),
        s("找出正在增长的目录（日志、数据库、备份、临时文件）。", "Find what grows: logs, database, backups, temporary files."),
      ],
      mitigations: [
        s("调整日志轮转或清理策略，删除不再需要的文件。", "Tighten log rotation or clean-up, delete files no longer needed."),
        s("计划扩容（运维指南 5.2 容量规划）。", "Plan more capacity (ops guide 5.2)."),
      ],
      guide: ["capacity"],
    },
  };
}
