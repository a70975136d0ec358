// The Go runtime settings of the Go programs we start on this machine: promtool and amtool in
// check, and the local stack's servers (Prometheus, Alertmanager, the exporters, VictoriaMetrics,
// vmalert). Their heaps are small (tens of MB) and many of them share 2 cores, so the defaults
// (GOGC=100: a collection each time the heap doubles; one OS thread per core for each of them)
// spend a large share of their CPU on the collector and on threads contending for the same cores.
// Measured (README, "Test time"): promtool on the three largest test files, 9.0 s → 6.6 s of CPU
// (heap 60 → 120 MB); one idle local stack's Prometheus over 60 s, 4.6–4.9 s → 3.8 s.
// The production deployment (Kubernetes) is not affected: it sets its own resources; neither is
// `npm run bench:scale`, which measures Prometheus with its defaults. A value already set in the
// environment wins, so anyone can measure with the defaults (GOGC=100 GOMAXPROCS=2).
export const GO_GC_PERCENT = 400;
export const GO_MAX_PROCS = 1;

/** The environment additions for a Go program we start (nothing for what the caller already set). */
export function goRuntimeEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return {
    GOGC: env.GOGC ?? String(GO_GC_PERCENT),
    GOMAXPROCS: env.GOMAXPROCS ?? String(GO_MAX_PROCS),
  };
}
