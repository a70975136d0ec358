// Runbooks of the PostgreSQL, backup-size and restore-drill alerts (alerts/database.ts, alerts/recovery.ts).
import type { Localized } from "../../catalog/types.ts";
import type { RunbookDef } from "./types.ts";

const s = (zh: string, en: string): Localized => ({ zh, en });
const rb = (meaning: Localized, checks: Localized[], mitigations: Localized[], guide: RunbookDef["guide"] = ["database"]): RunbookDef => ({ meaning, checks, mitigations, guide });
const activity = s("查看会话：`SELECT pid, state, wait_event_type, now() - xact_start AS age, left(query, 60) FROM pg_stat_activity ORDER BY age DESC NULLS LAST;`（只在数据库内查看，不要把查询文本贴到聊天或工单里：它可能含用户内容）。",
  "List the sessions: `SELECT pid, state, wait_event_type, now() - xact_start AS age, left(query, 60) FROM pg_stat_activity ORDER BY age DESC NULLS LAST;` (read it in the database only; never paste query text into chat or tickets: it may hold user content).");

export function databaseRunbooks(): Record<string, RunbookDef> {
  return {
    PostgresDown: rb(s("postgres_exporter 连不上 PostgreSQL：后端无法读写会话、消息与用户数据，系统实际上不可用。", "postgres_exporter cannot connect to PostgreSQL: the backend cannot read or write sessions, messages or user data, so the system is in effect down."),
      [s("在数据库主机上 `pg_isready -h 127.0.0.1` 并查看 PostgreSQL 日志（磁盘满、OOM、崩溃恢复）。", "On the database host run `pg_isready -h 127.0.0.1` and read PostgreSQL's log (full disk, OOM, crash recovery)."),
        s("确认 postgres_exporter 的连接串与权限没有变化。", "Make sure postgres_exporter's connection string and permissions did not change.")],
      [s("重启 PostgreSQL；若数据目录损坏，按恢复流程从最近一次通过演练的备份恢复。", "Restart PostgreSQL; if the data directory is damaged, restore from the latest backup that passed its drill.")], ["database", "unresponsive"]),
    PostgresConnectionsHigh: rb(s("连接数接近 max_connections：再多一点，新请求就会被拒绝（FATAL: too many clients）。", "Connections are near max_connections: a little more and new requests are refused (FATAL: too many clients)."),
      [activity, s("按应用与状态统计连接：`SELECT application_name, state, count(*) FROM pg_stat_activity GROUP BY 1, 2 ORDER BY 3 DESC;`", "Count connections by application and state: `SELECT application_name, state, count(*) FROM pg_stat_activity GROUP BY 1, 2 ORDER BY 3 DESC;`")],
      [s("找出泄漏连接的服务并重启它；必要时 `pg_terminate_backend` 空闲太久的会话，并检查连接池上限。", "Find the service that leaks connections and restart it; if needed `pg_terminate_backend` long-idle sessions, and check the pool limits.")]),
    PostgresLongTransaction: rb(s("一个事务运行太久：它持有的锁会阻塞别人，它的快照让 VACUUM 无法清理死元组。", "A transaction has run too long: its locks block others and its snapshot keeps VACUUM from removing dead tuples."),
      [activity], [s("确认该事务的来源（批处理、迁移、人工会话）；无法等待时 `SELECT pg_cancel_backend(pid)`，仍不结束再 `pg_terminate_backend(pid)`。", "Find where it comes from (batch job, migration, a manual session); if it cannot wait, `SELECT pg_cancel_backend(pid)`, then `pg_terminate_backend(pid)` if it still runs.")]),
    PostgresIdleInTransaction: rb(s("会话开启了事务却不再发语句：连接与锁被白白占用，通常是应用忘了提交或回滚。", "A session opened a transaction and sends nothing more: its connection and locks are wasted, usually because the application forgot to commit or roll back."),
      [activity], [s("终止该会话（`pg_terminate_backend(pid)`），并为应用角色设置 `idle_in_transaction_session_timeout`。", "Terminate the session (`pg_terminate_backend(pid)`) and set `idle_in_transaction_session_timeout` for the application's role.")]),
    PostgresLockWaits: rb(s("有会话持续等待锁：某个事务持有冲突的锁（如 ACCESS EXCLUSIVE），排在它后面的用户请求全部卡住。", "Sessions keep waiting for locks: a transaction holds a conflicting one (such as ACCESS EXCLUSIVE) and every user request behind it is stuck."),
      [s("找出阻塞者：`SELECT pid, pg_blocking_pids(pid) AS blocked_by, wait_event_type, now() - query_start AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock';`", "Find the blocker: `SELECT pid, pg_blocking_pids(pid) AS blocked_by, wait_event_type, now() - query_start AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock';`"), activity],
      [s("确认阻塞者可以中断后 `pg_cancel_backend` / `pg_terminate_backend` 它；DDL 与迁移改在低峰期并设置 `lock_timeout`。", "Once you know the blocker may be stopped, `pg_cancel_backend` / `pg_terminate_backend` it; run DDL and migrations off-peak with a `lock_timeout`.")]),
    PostgresDeadlocks: rb(s("PostgreSQL 检测到死锁并回滚了其中一个事务：用户看到的是偶发的失败。", "PostgreSQL found a deadlock and rolled back one of the transactions: users see sporadic failures."),
      [s("在 PostgreSQL 日志里找 `deadlock detected` 及涉及的表。", "Find `deadlock detected` and the tables involved in PostgreSQL's log.")],
      [s("让应用按相同顺序更新行与表；把长事务拆小。", "Make the application update rows and tables in the same order; split long transactions.")]),
    PostgresSlowQueries: rb(s("某条语句平均耗时超过目标：它会直接拉长 API 响应时间。语句只以 queryid 标识，不暴露文本。", "A statement is slower on average than the target: it lengthens API responses directly. It is identified by queryid only, never its text."),
      [s("在数据库里查看：`SELECT calls, mean_exec_time, left(query, 80) FROM pg_stat_statements WHERE queryid = <queryid>;`，再 `EXPLAIN (ANALYZE, BUFFERS)`。", "In the database: `SELECT calls, mean_exec_time, left(query, 80) FROM pg_stat_statements WHERE queryid = <queryid>;`, then `EXPLAIN (ANALYZE, BUFFERS)`.")],
      [s("补索引、改写语句或加缓存；紧急时限制调用它的功能。", "Add an index, rewrite the statement or cache it; in an emergency, throttle the feature that calls it.")], ["database", "performance"]),
    PostgresCacheHitRatioLow: rb(s("共享缓冲区命中率偏低：大量读落到磁盘，查询变慢。", "The shared-buffer hit ratio is low: many reads go to disk and queries slow down."),
      [s("查看是否有新的全表扫描（`pg_stat_user_tables.seq_scan`）或数据量突增。", "Look for new sequential scans (`pg_stat_user_tables.seq_scan`) or a jump in data size.")],
      [s("补索引；评估 `shared_buffers` 与主机内存。", "Add indexes; review `shared_buffers` and the host's memory.")], ["database", "capacity"]),
    PostgresXidWraparoundRisk: rb(s("事务号离回卷越来越近：到达上限前 PostgreSQL 会拒绝写入以保护数据。", "Transaction IDs are getting close to wraparound: before the limit PostgreSQL refuses writes to protect the data."),
      [s("找出最老的表：`SELECT relname, age(relfrozenxid) FROM pg_class WHERE relkind = 'r' ORDER BY 2 DESC LIMIT 10;`，并检查阻止冻结的长事务或复制槽。", "Find the oldest tables: `SELECT relname, age(relfrozenxid) FROM pg_class WHERE relkind = 'r' ORDER BY 2 DESC LIMIT 10;`, and look for long transactions or replication slots that hold freezing back.")],
      [s("在低峰期对这些表执行 `VACUUM (FREEZE, VERBOSE)`。", "Run `VACUUM (FREEZE, VERBOSE)` on those tables off-peak.")]),
    PostgresDeadTuplesHigh: rb(s("表中死元组过多：autovacuum 跟不上，表膨胀、查询变慢。", "Too many dead tuples: autovacuum cannot keep up, the table bloats and queries slow down."),
      [s("查看该表最近的 (auto)vacuum 时间与是否有长事务阻止清理。", "Check the table's last (auto)vacuum and whether a long transaction holds cleanup back.")],
      [s("手动 `VACUUM (VERBOSE)` 该表，并为它调低 `autovacuum_vacuum_scale_factor`。", "Run `VACUUM (VERBOSE)` on it by hand, and lower its `autovacuum_vacuum_scale_factor`.")]),
    PostgresWalArchiveFailing: rb(s("WAL 归档失败：时间点恢复的链条断了，pg_wal 会一直增长直到磁盘写满。", "WAL archiving fails: the point-in-time recovery chain is broken and pg_wal grows until the disk is full."),
      [s("在 PostgreSQL 日志里找 `archive command failed` 及其退出码；检查归档目标的空间与权限。", "Find `archive command failed` and its exit code in PostgreSQL's log; check the archive target's space and permissions.")],
      [s("修复 archive_command 的目标后确认 `pg_stat_archiver.failed_count` 不再增长，并做一次全量备份。", "Fix the archive_command's target, make sure `pg_stat_archiver.failed_count` stops growing, and take a full backup.")], ["database", "backup"]),
    PostgresWalArchiveStale: rb(s("超过 1 小时没有归档任何 WAL 段，而数据库仍在写 WAL：归档卡住了（archive_command 挂起、归档目标无响应），却没有报错；时间点恢复的缺口每分钟都在扩大。", "No WAL segment has been archived for over an hour while the database keeps writing WAL: archiving is stuck (archive_command hangs, its target does not answer) without reporting a failure; the point-in-time recovery gap grows by the minute."),
      [s("查看 `SELECT * FROM pg_stat_archiver`（last_archived_time、last_failed_time）与 `ps` 中的 archiver 进程是否卡在某个命令上；确认 archive_timeout 小于 1 小时。", "Read `SELECT * FROM pg_stat_archiver` (last_archived_time, last_failed_time) and check in `ps` whether the archiver process is stuck in a command; make sure archive_timeout is below an hour.")],
      [s("恢复归档目标（网络、存储、凭据）或结束挂起的归档命令，确认 last_archived_time 开始前进，然后做一次全量备份补上缺口。", "Bring the archive target back (network, storage, credentials) or end the hung archive command, check that last_archived_time moves again, then take a full backup to close the gap.")], ["database", "backup"]),
    PostgresVacuumTooOld: rb(s("一张有大量死元组的表 10 天没有 (auto)vacuum：autovacuum 对它停了，表会膨胀，查询变慢，事务号冻结也会落后。", "A table with many dead tuples has not been (auto)vacuumed for 10 days: autovacuum has stopped for it, so it bloats, queries slow down and freezing falls behind."),
      [s("检查长事务或事务中空闲的会话（它们挡住 VACUUM），`SELECT relname, last_autovacuum, n_dead_tup FROM pg_stat_user_tables`，以及表级的 `autovacuum_enabled`。", "Look for long or idle-in-transaction sessions (they hold VACUUM back), `SELECT relname, last_autovacuum, n_dead_tup FROM pg_stat_user_tables`, and the table's `autovacuum_enabled` setting.")],
      [s("结束挡路的会话，在低峰期对该表手动 `VACUUM (VERBOSE)`；必要时调高 autovacuum_max_workers 或调低该表的 scale factor。", "End the blocking session and run `VACUUM (VERBOSE)` on the table off-peak; raise autovacuum_max_workers or lower the table's scale factor if needed.")], ["database"]),
    RestoreDrillFailed: rb(s("恢复演练失败：这份备份恢复不出来（或恢复出来的行数不对），真正出事时就没有可用的备份。", "The restore drill failed: this backup does not restore (or restores the wrong row counts), so there would be no usable backup in a real incident."),
      [s("阅读备份任务日志中 pg_restore 的错误；用 `pg_restore --list` 检查转储文件是否完整。", "Read pg_restore's error in the backup job's log; check the dump with `pg_restore --list`.")],
      [s("立即做一次新的全量备份并重新演练；查明转储被截断或损坏的原因（磁盘、传输、存储）。", "Take a new full backup at once and drill it again; find why the dump was truncated or damaged (disk, transfer, storage).")], ["backup"]),
    RestoreDrillMissing: rb(s("一个多月没有成功的恢复演练：没人知道备份是否还能恢复（运维指南 6.3 要求每月演练）。", "No restore drill has succeeded for over a month: nobody knows whether the backups still restore (ops guide 6.3 asks for a monthly drill)."),
      [s("确认演练任务仍在调度中，并查看最近一次运行的日志。", "Make sure the drill is still scheduled, and read its latest run's log.")],
      [s("手动执行一次演练（pg_restore 到临时库并核对行数）。", "Run a drill by hand (pg_restore into a scratch database and compare row counts).")], ["backup"]),
    RestoreDrillSlow: rb(s("恢复所需时间超过 RTO：真正出事时，系统恢复会比承诺的更久。", "The restore takes longer than the RTO: in a real incident the system would be back later than promised."),
      [s("对比演练耗时的趋势与数据库大小的增长。", "Compare the drill's duration trend with the database's growth.")],
      [s("用并行恢复（`pg_restore -j`）、物理备份（pg_basebackup）或更快的存储缩短恢复时间，或重新评估 RTO。", "Shorten it with parallel restore (`pg_restore -j`), physical backups (pg_basebackup) or faster storage, or revisit the RTO.")], ["backup", "capacity"]),
    BackupSizeDropped: rb(s("备份体积骤降：很可能是空的或不完整的转储，而备份任务本身仍报告成功。", "The backup shrank sharply: most likely an empty or incomplete dump, while the job itself still reports success."),
      [s("用 `pg_restore --list` 查看转储里的表；对比数据库大小是否真的下降（大批删除？）。", "List the dump's tables with `pg_restore --list`; check whether the database really shrank (a mass delete?).")],
      [s("若数据库没有变小，立即重新备份并演练；若是误删数据，按数据丢失（P0）处理。", "If the database did not shrink, back up and drill again at once; if data was deleted by mistake, handle it as data loss (P0).")], ["backup"]),
  };
}
