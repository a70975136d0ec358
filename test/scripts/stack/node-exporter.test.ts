// The stack's node_exporter (Debian's) with only the catalog's collectors still exposes every
// node_exporter series the catalog declares, and nothing from the collectors left out.
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { metrics } from "../../../catalog/metrics.ts";
import { nodeCollectors, nodeExporterArgs } from "../../../scripts/stack/node-exporter.ts";
import { freePorts } from "../../../scripts/stack/ports.ts";
import { ManagedProcess } from "../../../scripts/stack/processes.ts";
import { tempDir } from "../../helpers.ts";

let exporter: ManagedProcess | undefined;
afterAll(async () => { await exporter?.stop(); });

describe("the stack's node_exporter", () => {
  it("exposes every node_exporter series of the catalog, and only the catalog's collectors run", async () => {
    const [port] = await freePorts(1, 0);
    const dir = tempDir("xinliya-node-");
    exporter = ManagedProcess.start({
      name: "node_exporter", command: "/usr/bin/prometheus-node-exporter", args: nodeExporterArgs(port!, dir),
      logFile: path.join(dir, "node_exporter.log"),
      ready: async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).ok,
    });
    await exporter.waitReady();
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const names = new Set(text.split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split(/[{ ]/)[0]));
    const declared = metrics().filter((m) => m.source === "node_exporter").map((m) => m.name);
    expect(declared.filter((n) => !names.has(n))).toEqual([]);
    const ran = [...text.matchAll(/^node_scrape_collector_success\{collector="(\w+)"\} 1$/gm)].map((m) => m[1]).sort();
    expect(ran).toEqual(nodeCollectors());
  });
});
