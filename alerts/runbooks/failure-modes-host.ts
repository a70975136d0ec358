// Runbooks of the issue-10 alerts of hosts and of the monitoring pipeline (alerts/hosts.ts, monitoring.ts).
import type { Localized } from "../../catalog/types.ts";
import type { GuideCase, RunbookDef } from "./types.ts";

const s = (zh: string, en: string): Localized => ({ zh, en });
const rb = (meaning: Localized, checks: Localized[], mitigations: Localized[], guide: GuideCase[]): RunbookDef => ({ meaning, checks, mitigations, guide });
const promLog = s("查看 Prometheus 的日志与 /status 页面。", "Read Prometheus's log and its /status page.");

export function hostAndPipelineRunbooks(): Record<string, RunbookDef> {
  return {
    HostFilesystemReadOnly: rb(
      s("文件系统变为只读：通常是内核发现磁盘错误后重新挂载，所有写入失败。磁盘空间告警不再评估它，所以只有本告警会响。", "A filesystem turned read-only: usually the kernel remounted it after disk errors, and every write fails. The disk-space alerts no longer judge it, so only this alert speaks."),
      [s("查看 `dmesg` 中的 I/O 错误与文件系统错误。", "Look for I/O and filesystem errors in `dmesg`."), s("确认挂载选项（`findmnt`）。", "Check the mount options (`findmnt`).")],
      [s("把服务迁出该节点，检查并修复文件系统（fsck）后重新挂载为读写。", "Move services off the node, check and repair the filesystem (fsck), then remount it read-write.")],
      ["capacity", "database"]),
    HostCollectorFailing: rb(
      s("node_exporter 的一个采集器失败，它的指标消失：依赖它的告警会悄悄恢复而不是触发。", "A node_exporter collector fails and its series vanish: the alerts that read them resolve silently instead of firing."),
      [s("查看 node_exporter 日志中该采集器的错误（权限、挂载卡死的 NFS）。", "Read node_exporter's log for the collector's error (permissions, a hung NFS mount).")],
      [s("修复原因（卸载卡死的挂载、调整权限）后重启 node_exporter。", "Fix the cause (unmount the hung mount, fix permissions) and restart node_exporter.")],
      ["capacity"]),
    HostInodesHigh: rb(
      s("inode 即将用尽：即使还有空间也无法创建新文件。", "Inodes are running out: no new file can be created even with space left."),
      [s("用 `df -i` 与 `find` 找出小文件最多的目录（会话缓存、日志碎片）。", "Find the directories with the most small files with `df -i` and `find` (session caches, log fragments).")],
      [s("清理小文件并修复产生它们的任务。", "Clean up the small files and fix the job that makes them.")],
      ["capacity"]),
    HostDiskWillFillIn4h: rb(
      s("按最近 1 小时的趋势，磁盘将在 4 小时内写满：比 24 小时档更紧急。", "At the trend of the last hour the disk fills up within 4 hours: more urgent than the 24-hour tier."),
      [s("找出正在快速写入的进程与目录（`du`、`iotop`）。", "Find the process and directory writing fast (`du`, `iotop`).")],
      [s("停止失控的写入（日志级别、导出任务），释放或扩容空间。", "Stop the runaway writes (log level, export jobs), free or add space.")],
      ["capacity"]),
    HostOomKills: rb(
      s("内核因内存耗尽杀掉了进程：服务可能已重启或丢失请求。", "The kernel killed processes out of memory: services may have restarted or lost requests."),
      [s("在 `dmesg` 中查看被杀的进程与它的内存占用。", "See in `dmesg` which process was killed and how much memory it held.")],
      [s("调高该服务的内存限制或修复内存泄漏；必要时扩容。", "Raise the service's memory limit or fix the leak; add capacity if needed.")],
      ["capacity", "performance"]),
    HostClockSkew: rb(
      s("主机时钟偏差过大：令牌与证书校验、日志与指标时间都会出错。", "The host's clock is off: token and certificate checks, log and metric times all go wrong."),
      [s("检查 chrony/ntpd 的状态（`chronyc tracking`）。", "Check chrony or ntpd (`chronyc tracking`).")],
      [s("恢复时间同步服务，必要时手动校时。", "Restore time synchronisation; step the clock by hand if needed.")],
      ["security"]),
    HostCpuStealHigh: rb(
      s("宿主机挪用了大量 CPU 时间：服务变慢而本机 CPU 使用率看起来正常。", "The hypervisor steals much CPU time: services slow down while local CPU usage looks normal."),
      [s("对照云厂商的实例监控与同宿主机的负载。", "Compare with the cloud provider's instance metrics and noisy neighbours.")],
      [s("迁移实例或换用独占型实例规格。", "Migrate the instance or move to a dedicated instance type.")],
      ["performance", "capacity"]),
    PrometheusConfigReloadFailed: rb(
      s("Prometheus 配置重载失败：它仍在用旧配置，新的规则与目标没有生效。", "Prometheus failed to reload: it still runs the old configuration; new rules and targets are not in effect."),
      [promLog, s("用 `promtool check config` 检查部署的配置。", "Check the deployed configuration with `promtool check config`.")],
      [s("修正配置（或回滚）后再次重载。", "Fix (or roll back) the configuration and reload again.")], ["unresponsive"]),
    AlertmanagerConfigReloadFailed: rb(
      s("Alertmanager 配置重载失败：路由与接收者仍是旧的。", "Alertmanager failed to reload: routes and receivers are still the old ones."),
      [s("用 `amtool check-config` 检查部署的配置，查看 Alertmanager 日志。", "Check the deployed configuration with `amtool check-config`; read Alertmanager's log.")],
      [s("修正配置（或回滚）后再次重载。", "Fix (or roll back) the configuration and reload again.")], ["unresponsive"]),
    PrometheusAlertmanagerMissing: rb(
      s("Prometheus 没有连接任何 Alertmanager：告警无法送达任何人。", "Prometheus is connected to no Alertmanager: no alert reaches anyone."),
      [promLog, s("确认 Alertmanager 在运行且 Prometheus 能访问它。", "Make sure Alertmanager runs and Prometheus can reach it.")],
      [s("恢复 Alertmanager 或修正 prometheus.yml 的 alerting 配置。", "Restore Alertmanager or fix the alerting section of prometheus.yml.")], ["unresponsive"]),
    PrometheusNotificationsDropped: rb(
      s("Prometheus 丢弃了发往 Alertmanager 的告警：有人可能没有收到通知。", "Prometheus dropped alerts on their way to Alertmanager: someone may not have been notified."),
      [promLog, s("检查 Prometheus 到 Alertmanager 的网络与 Alertmanager 的负载。", "Check the network from Prometheus to Alertmanager and Alertmanager's load.")],
      [s("恢复连通后，在 Alertmanager 界面确认当前告警齐全。", "Once connected again, check in Alertmanager's UI that every current alert is there.")], ["unresponsive"]),
    PrometheusRuleGroupsMissed: rb(
      s("Prometheus 跳过了规则组评估（上一次太慢）：告警会延迟或漏报。", "Prometheus missed rule-group evaluations (the previous one ran too long): alerts are late or missed."),
      [promLog, s("在 /rules 页面查看各组的评估耗时。", "See each group's evaluation time on the /rules page.")],
      [s("优化慢的表达式（改用记录规则），或给 Prometheus 更多 CPU。", "Speed up the slow expressions (use recording rules) or give Prometheus more CPU.")], ["performance"]),
    PrometheusTsdbFailing: rb(
      s("Prometheus 的存储出错（压缩失败或 WAL 损坏）：数据可能丢失，磁盘可能被占满。", "Prometheus's storage fails (compactions or a corrupted WAL): data may be lost and the disk may fill up."),
      [promLog, s("检查数据目录的磁盘空间与文件系统错误。", "Check the data directory's free space and filesystem errors.")],
      [s("释放空间或修复磁盘；WAL 损坏时按官方文档修复后重启。", "Free space or repair the disk; for a corrupted WAL, repair it as the documentation says and restart.")], ["capacity"]),
    PrometheusRetentionTooShort: rb(
      s("Prometheus 保留的数据短于 30 天的 SLO 周期：30 天可用性与错误预算实际读的是更短的窗口。", "Prometheus keeps less than the 30-day SLO period: the 30-day availability and error budget really read a shorter window."),
      [s("查看 Prometheus 的启动参数 `--storage.tsdb.retention.time`。", "Look at Prometheus's `--storage.tsdb.retention.time` flag.")],
      [s("按 generated/prometheus/flags.txt 设置保留期并重启。", "Set the retention from generated/prometheus/flags.txt and restart.")], ["capacity"]),
  };
}
