// The diagnosis and mitigation steps of the ops guide (../shared/ops-guide.zh.md), quoted in
// Chinese and translated into English: 4.2 故障诊断步骤, 4.3 常见故障处理, and the sections some
// alerts need (5.1 容量, 6.1 安全监控, 6.3 备份和恢复).
import type { Localized } from "../../catalog/types.ts";
import type { GuideCase } from "./types.ts";

export interface GuideSteps {
  title: Localized;
  steps: Localized[];
}

const s = (zh: string, en: string): Localized => ({ zh, en });

/** 4.2 初步诊断, 深入分析, 解决方案. */
export function diagnosisSteps(): Record<"initial" | "deeper" | "resolution", GuideSteps> {
  return {
    initial: {
      title: s("运维指南 4.2 初步诊断", "Ops guide 4.2, initial diagnosis"),
      steps: [
        s("确认故障现象和影响范围", "Confirm the symptom and who is affected"),
        s("检查监控指标和告警信息", "Check the metrics and the other alerts"),
        s("查看系统日志和错误信息", "Read the system logs and error messages"),
        s("确定可能的故障原因", "Narrow down the likely cause"),
      ],
    },
    deeper: {
      title: s("运维指南 4.2 深入分析", "Ops guide 4.2, deeper analysis"),
      steps: [
        s("分析系统组件依赖关系", "Follow the dependencies between components"),
        s("检查网络连接和配置", "Check network connectivity and configuration"),
        s("验证数据库状态和性能", "Check the database's state and performance"),
        s("测试外部服务可用性", "Test the external services"),
      ],
    },
    resolution: {
      title: s("运维指南 4.2 解决方案", "Ops guide 4.2, resolution"),
      steps: [
        s("实施临时缓解措施", "Apply a temporary mitigation"),
        s("制定根本解决方案", "Plan the root-cause fix"),
        s("执行修复操作", "Carry out the fix"),
        s("验证问题解决效果", "Verify that the problem is gone"),
      ],
    },
  };
}

/** 2.2 后续跟进: what to do once it is over. */
export function followUpSteps(): GuideSteps {
  return {
    title: s("运维指南 2.2 后续跟进", "Ops guide 2.2, follow-up"),
    steps: [
      s("验证问题是否完全解决", "Verify that the problem is fully solved"),
      s("更新监控规则和阈值", "Update the monitoring rules and thresholds"),
      s("记录处理过程和经验", "Write down what was done and learnt"),
      s("评估是否需要流程改进", "Decide whether the process needs to change"),
    ],
  };
}

export function guideCases(): Record<GuideCase, GuideSteps> {
  return {
    unresponsive: {
      title: s("运维指南 4.3 服务无响应", "Ops guide 4.3, service not responding"),
      steps: [s("检查进程状态和资源使用", "Check the process state and its resource use"), s("重启服务或重新部署", "Restart or redeploy the service"),
        s("检查负载均衡配置", "Check the load balancer configuration"), s("分析网络连接问题", "Look for network connectivity problems")],
    },
    performance: {
      title: s("运维指南 4.3 性能下降", "Ops guide 4.3, degraded performance"),
      steps: [s("分析系统资源瓶颈", "Find the resource bottleneck"), s("检查数据库查询性能", "Check database query performance"),
        s("优化缓存命中率", "Improve the cache hit rate"), s("调整服务配置参数", "Tune the service's configuration")],
    },
    agent: {
      title: s("运维指南 4.3 智能体异常", "Ops guide 4.3, agent failures"),
      steps: [s("检查 LLM API 服务状态", "Check the LLM API providers' status"), s("验证模型响应质量", "Check the quality of the model's answers"),
        s("分析错误日志信息", "Analyse the error logs"), s("切换备用处理策略", "Switch to the fallback strategy")],
    },
    database: {
      title: s("运维指南 4.3 数据库问题", "Ops guide 4.3, database problems"),
      steps: [s("检查连接池状态", "Check the connection pool"), s("分析锁等待情况", "Analyse lock waits"),
        s("优化慢查询语句", "Optimise slow queries"), s("执行数据库维护操作", "Run database maintenance")],
    },
    capacity: {
      title: s("运维指南 5.1 存储资源", "Ops guide 5.1, storage"),
      steps: [s("分析磁盘空间使用趋势", "Analyse the disk usage trend"), s("检查数据库增长速度", "Check how fast the database grows"),
        s("管理日志文件大小", "Keep log files in check"), s("评估备份存储需求", "Review the backup storage needs")],
    },
    security: {
      title: s("运维指南 6.1 访问控制 / 6.2 安全事件响应", "Ops guide 6.1 access control / 6.2 incident response"),
      steps: [s("登录行为监控、异常访问检测", "Watch login behaviour and detect abnormal access"), s("事件检测和确认", "Detect and confirm the incident"),
        s("影响范围评估", "Assess the impact"), s("应急响应措施", "Take emergency measures")],
    },
    backup: {
      title: s("运维指南 3.2 备份管理 / 6.3 备份和恢复", "Ops guide 3.2 backup management / 6.3 backup and recovery"),
      steps: [s("自动备份验证", "Verify the automatic backups"), s("备份文件管理", "Manage the backup files"),
        s("备份完整性验证", "Verify the backups' integrity"), s("异地备份同步", "Keep the off-site copy in sync")],
    },
  };
}
