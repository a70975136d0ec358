// Alertmanager routing: one route per priority of the catalog. This first version sends to
// placeholder receivers that hold no integration and no secret; the routing issue fills them in.
import { priorities } from "../catalog/priorities.ts";
import type { Environment, PriorityName } from "../catalog/types.ts";

export interface RoutingContext {
  env: Environment;
}

function receiverFor(priority: PriorityName): string {
  switch (priority) {
    case "P0":
    case "P1":
      return "oncall-primary";
    case "P2":
      return "sre-chat";
    case "P3":
      return "sre-ticket";
  }
}

export function alertmanagerConfig(_ctx: RoutingContext): Record<string, unknown> {
  const routes = priorities().map((p) => ({
    receiver: receiverFor(p.name),
    matchers: [`priority="${p.name}"`],
    repeat_interval: p.responseTime,
  }));
  return {
    route: {
      // Unknown or missing priority: the default receiver, never dropped.
      receiver: "sre-chat",
      group_by: ["alertname", "job", "instance"],
      group_wait: "30s",
      group_interval: "5m",
      repeat_interval: "4h",
      routes,
    },
    receivers: [...new Set(["sre-chat", ...routes.map((r) => r.receiver)])].sort().map((name) => ({ name })),
  };
}
