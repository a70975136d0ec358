// The fixed words of a runbook, in each locale.
import type { Duration, Locale } from "../../catalog/types.ts";

const UNIT_WORDS: Record<Locale, Record<string, [string, string]>> = {
  zh: { m: ["分钟", "分钟"], h: ["小时", "小时"], d: ["天", "天"] },
  en: { m: ["minute", "minutes"], h: ["hour", "hours"], d: ["day", "days"] },
};

/** "15m" → "15 分钟" / "15 minutes"; anything else is left as written. */
export function durationWords(d: Duration, locale: Locale): string {
  const m = /^(\d+)([mhd])$/.exec(d);
  if (!m) return d;
  const [one, many] = UNIT_WORDS[locale][m[2]!]!;
  return `${m[1]} ${Number(m[1]) === 1 ? one : many}`;
}

export const TEXT = {
  zh: {
    meaning: "含义",
    prioritySection: "优先级与响应时间",
    priority: (p: string, meaning: string, severity: string) => `优先级：**${p}**（${meaning}），severity \`${severity}\``,
    response: (words: string) => `响应时间：${words}内（运维指南 4.1）`,
    forLine: (d: string) => `条件须持续 ${d}（\`for\`）才触发`,
    noPriority: (severity: string, receiver: string) => `优先级：无（severity \`${severity}\`）：不通知任何人，经专用路由送往 \`${receiver}\``,
    watchdogResponse: (p: string, words: string) => `死人开关服务报警时按 ${p} 处理：${words}内响应，因为此时任何告警都可能送不到`,
    noFor: "没有 `for`：从第一次评估起即触发",
    promql: "告警条件（PromQL）",
    records: "其中用到的记录规则",
    dashboard: "打开的仪表盘",
    checks: "首先检查",
    then: "然后按",
    colon: "：",
    mitigations: "缓解措施",
    unsolved: "仍未解决时",
    followUp: "处理之后",
  },
  en: {
    meaning: "What it means",
    prioritySection: "Priority and response time",
    priority: (p: string, meaning: string, severity: string) => `Priority: **${p}** (${meaning}), severity \`${severity}\``,
    response: (words: string) => `Respond within ${words} (ops guide 4.1)`,
    forLine: (d: string) => `Fires once the condition has held for ${d} (\`for\`)`,
    noPriority: (severity: string, receiver: string) => `Priority: none (severity \`${severity}\`): it notifies nobody and goes through its own route to \`${receiver}\``,
    watchdogResponse: (p: string, words: string) => `When the dead man's switch raises the alarm, treat it as ${p}: respond within ${words}, since no other alert may get through`,
    noFor: "No `for`: it fires from the first evaluation on",
    promql: "Condition (PromQL)",
    records: "Recording rules it reads",
    dashboard: "Dashboard to open",
    checks: "First checks",
    then: "Then follow ",
    colon: ":",
    mitigations: "Mitigations",
    unsolved: "If it is not solved",
    followUp: "Afterwards",
  },
} satisfies Record<Locale, Record<string, unknown>>;
