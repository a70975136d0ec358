// The alerting pipeline itself: Watchdog, the dead man's switch (catalog/watchdog.ts). It always
// fires, carries no priority and is routed to its own receiver; an external service raises the
// alarm when it stops arriving.
import { watchdog } from "../catalog/watchdog.ts";
import { TEST_INTERVAL, series } from "./testing.ts";
import type { AlertDef, RuleContext, RuleGroupDef, RuleTestCase } from "./types.ts";

function watchdogAlert(): AlertDef {
  const { alert, receiver } = watchdog();
  return {
    kind: "alert",
    name: alert,
    expr: "vector(1)",
    priority: null,
    summary: { zh: "告警链路心跳（始终触发）", en: "Alerting pipeline heartbeat (always firing)" },
    description: {
      zh: (t) => `环境 ${t.externalLabel("environment")} 的告警链路心跳：此告警始终触发，并被送往 ${receiver}。死人开关收不到它时，说明 Prometheus、Alertmanager 或通知链路已中断。`,
      en: (t) => `Alerting pipeline heartbeat of environment ${t.externalLabel("environment")}: this alert always fires and goes to ${receiver}. When the dead man's switch stops receiving it, Prometheus, Alertmanager or the notification path is broken.`,
    },
    dashboard: { uid: "xinliya-operations", panel: "alerts" },
  };
}

function tests(): RuleTestCase[] {
  const { alert } = watchdog();
  const always = (at: string) => ({ at, alert, firing: [{ labels: {}, value: "1" }] });
  return [
    {
      name: `${alert}: fires from the first evaluation on, whatever the data`,
      interval: TEST_INTERVAL,
      series: [{ series: series("up", { job: "prometheus", instance: "localhost:9090" }), values: "1x60" }],
      expect: [always("0m"), always("1m"), always("1h")],
    },
    {
      name: `${alert}: fires even when every scrape target is down`,
      interval: TEST_INTERVAL,
      series: [{ series: series("up", { job: "prometheus", instance: "localhost:9090" }), values: "0x60" }],
      expect: [always("0m"), always("30m")],
    },
  ];
}

export function metaRules(_ctx: RuleContext): RuleGroupDef {
  return { domain: "meta", group: "xinliya.meta", rules: [watchdogAlert()], tests: tests() };
}
