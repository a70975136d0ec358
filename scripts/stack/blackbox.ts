// blackbox_exporter for the local stack: it probes the simulated backend's HTTPS health endpoint
// with the modules of the generated blackbox.yml (the strict one trusts the stack's own CA).
import path from "node:path";
import { ManagedProcess } from "./processes.ts";

export function startBlackbox(o: { generated: string; port: number; logFile: string }): ManagedProcess {
  return ManagedProcess.start({
    name: "blackbox_exporter", command: "/usr/bin/prometheus-blackbox-exporter", logFile: o.logFile,
    // The stack scrapes every second, so a probe gets Prometheus's 1 s scrape timeout less this
    // offset; the default 0.5 s left half a second, which an HTTPS handshake on a loaded machine
    // overran: probes failed with the endpoint up, and ApiProbeFailed (3 s at 1/40) paged.
    args: [`--config.file=${path.join(o.generated, "blackbox", "blackbox.yml")}`, `--web.listen-address=127.0.0.1:${o.port}`, "--timeout-offset=0.1"],
    ready: async () => (await fetch(`http://127.0.0.1:${o.port}/-/healthy`, { signal: AbortSignal.timeout(1000) })).ok,
  });
}
