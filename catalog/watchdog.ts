// The dead man's switch, shared by the rules (alerts/meta.ts) and the routing (alerts/routing.ts):
// an alert that always fires, carries no `priority` and goes to its own receiver. When the
// receiver stops hearing it, the alerting pipeline is broken.
export function watchdog() {
  return { alert: "Watchdog", severity: "none", receiver: "deadmans-switch" } as const;
}
