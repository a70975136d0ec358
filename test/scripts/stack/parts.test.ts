import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startBackendSim } from "../../../scripts/stack/backend-sim.ts";
import { freePorts, isListening } from "../../../scripts/stack/ports.ts";
import { ManagedProcess } from "../../../scripts/stack/processes.ts";
import { scenario } from "../../../scripts/stack/scenarios.ts";
import { describeNotification, startSink } from "../../../scripts/stack/sink.ts";
import { tempDir } from "../../helpers.ts";

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => { for (const c of cleanup) await c(); });

describe("local stack parts", () => {
  it("finds distinct free ports above 19000", async () => {
    const ports = await freePorts(3);
    expect(new Set(ports).size).toBe(3);
    for (const p of ports) {
      expect(p).toBeGreaterThanOrEqual(19000);
      expect(await isListening(p)).toBe(false);
    }
  });

  it("keeps and describes every webhook notification, by receiver", async () => {
    const lines: string[] = [];
    const sink = await startSink(0, (l) => lines.push(l));
    cleanup.push(sink.close);
    const payload = {
      status: "firing",
      alerts: [{ status: "firing", labels: { alertname: "HostCpuHigh", priority: "P2" }, annotations: { summary: "主机 CPU 使用率过高", runbook_url: "https://r/HostCpuHigh.md" } }],
    };
    const res = await fetch(`${sink.url}/sre-chat`, { method: "POST", body: JSON.stringify(payload) });
    expect(res.status).toBe(200);
    expect(sink.received).toMatchObject([{ receiver: "sre-chat", status: "firing", alerts: [{ labels: { alertname: "HostCpuHigh" } }] }]);
    expect(lines.join("\n")).toContain("[通知] 接收方 sre-chat | P2 | HostCpuHigh（触发）");
    expect((await fetch(`${sink.url}/x`, { method: "POST", body: "{" })).status).toBe(400);
  });

  it("prints the description and culprit of each alert, and a heartbeat as one status line", () => {
    const at = Date.UTC(2026, 11, 1, 8, 0, 0);
    const backup = (name: string) => ({
      status: "firing" as const, labels: { alertname: "BackupMissing", priority: "P1", backup: name },
      annotations: { summary: "备份缺失", description: `备份 ${name} 最近一次成功已是 30h 前` },
    });
    const lines = describeNotification({ receiver: "sre-chat", status: "firing", at, alerts: [backup("postgres_full"), backup("redis_snapshot")] });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain("详情：备份 postgres_full 最近一次成功已是 30h 前");
    expect(lines[0]).toContain("对象：backup=postgres_full");
    expect(lines[1]).toContain("对象：backup=redis_snapshot");
    const beat = describeNotification({ receiver: "deadmans-switch", status: "firing", at,
      alerts: [{ status: "firing", labels: { alertname: "Watchdog" }, annotations: { summary: "心跳", description: "x" } }] });
    expect(beat).toEqual(["[心跳] Watchdog 正常 · 接收方 deadmans-switch · 08:00:00 UTC"]);
  });

  it("serves the backend's HTTP histogram in a form promtool accepts", async () => {
    const sim = await startBackendSim(0, scenario("normal"), [0.1, 0.5, 1, 2, 5]);
    cleanup.push(sim.close);
    await new Promise((r) => setTimeout(r, 300));
    const text = await (await fetch(`http://127.0.0.1:${sim.port}/metrics`)).text();
    expect(text).toMatch(/http_server_request_duration_seconds_bucket\{le="2",http_request_method="POST",http_route="\/api\/v1\/chat\/messages",http_response_status_code="200"\} \d+/);
    const lint = spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8" });
    expect(`${lint.stdout}${lint.stderr}`.trim()).toBe("");
    expect(lint.status).toBe(0);
  });

  it("stops a child by its process id and reports a child that dies early, with its log", async () => {
    const dir = tempDir();
    const [port] = await freePorts(1);
    const server = ManagedProcess.start({
      name: "demo", command: process.execPath, logFile: path.join(dir, "demo.log"),
      args: ["-e", `require("http").createServer((q,s)=>s.end("ok")).listen(${port},"127.0.0.1")`],
      ready: () => isListening(port!),
    });
    await server.waitReady();
    await server.stop();
    expect(server.running).toBe(false);
    expect(await isListening(port!)).toBe(false);

    const dying = ManagedProcess.start({
      name: "dying", command: process.execPath, logFile: path.join(dir, "dying.log"),
      args: ["-e", "console.error('boom: no config'); process.exit(3)"], ready: async () => false,
    });
    await expect(dying.waitReady(5000)).rejects.toThrow(/dying exited \(code 3\)[\s\S]*boom: no config/);
    expect(fs.existsSync(path.join(dir, "dying.log"))).toBe(true);
  });
});
