// The exporter as a real process: start-up refusals, graceful SIGTERM, and `promtool check
// metrics` on a real scrape at the largest cardinality the allow-lists permit.
import { spawnSync } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { backups } from "../../catalog/allowlists.ts";
import { sampleBound } from "../../exporters/series.ts";
import { repoRoot } from "../../scripts/lib/options.ts";
import { businessLines, post, scrape, startChild, stopChild, TOKEN, tokenFile, validEvents } from "./helpers.ts";

function run(env: Record<string, string>) {
  return spawnSync(process.execPath, ["scripts/exporter.mjs"], {
    cwd: repoRoot(), env: { PATH: process.env.PATH ?? "", PORT: "0", INGEST_PORT: "0", ...env }, encoding: "utf8", timeout: 30_000,
  });
}

describe("exporter process", () => {
  it("refuses to start without a token file, naming the variables", () => {
    const r = run({});
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/EXPORTER_TOKEN_FILE is not set.*EXPORTER_ALLOW_NO_AUTH=1/);
  });

  it("refuses a bad variable, naming it", () => {
    const r = run({ EXPORTER_TOKEN_FILE: tokenFile(), MAX_BATCH: "lots" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/MAX_BATCH must be a whole number, got "lots"/);
  });

  it("on SIGTERM stops accepting, finishes the request in flight, logs and exits 0", async () => {
    const child = await startChild({ EXPORTER_TOKEN_FILE: tokenFile() });
    const body = JSON.stringify(validEvents().agent_run);
    // A request in flight: headers and half of the body sent.
    let status = 0;
    const answered = new Promise<void>((resolve, reject) => {
      const req = http.request(`${child.url}/v1/events`, {
        method: "POST", agent: false,
        headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}`, "content-length": Buffer.byteLength(body) },
      }, (res) => {
        status = res.statusCode ?? 0;
        res.resume();
        res.on("end", resolve);
      });
      req.on("error", reject);
      req.write(body.slice(0, 10));
      // SIGTERM once the connection is up and the server has had time to read the headers.
      req.once("socket", (socket) => socket.once("connect", () => setTimeout(() => {
        child.proc.kill("SIGTERM");
        // Once the listener is closed, new connections are refused; then the body completes.
        const probe = async (): Promise<void> => {
          try {
            await fetch(`${child.url}/healthz`);
            setTimeout(probe, 50);
          } catch {
            req.end(body.slice(10));
          }
        };
        void probe();
      }, 300)));
    });
    await answered;
    expect(status).toBe(204);
    expect(await child.exited).toBe(0);
    const lines = child.output().trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.event)).toEqual(["state_fresh", "start", "stopping", "ingest", "stop"]);
    expect(lines[3]).toMatchObject({ accepted_requests: 1, accepted_events: 1 });
    expect(lines[4]).toMatchObject({ signal: "SIGTERM", graceful: true });
  });

  it("serves /metrics that promtool check metrics passes without a finding, at full cardinality", async () => {
    const child = await startChild({ EXPORTER_TOKEN_FILE: tokenFile() });
    try {
      const events = [...Object.values(validEvents()), ...[...backups(), "unknown_job"].map((backup) => ({ type: "backup", backup, outcome: "success" }))];
      expect((await post(child.url, { events })).status).toBe(204);
      expect((await post(child.url, "{")).status).toBe(400);
      const text = await scrape(child.url);
      expect(businessLines(text)).toHaveLength(sampleBound());
      expect(text).toMatch(/^process_cpu_user_seconds_total /m);
      expect(text).toMatch(/^nodejs_active_handles\{/m);
      expect(text).not.toMatch(/^nodejs_active_\w+_total/m);
      const r = spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8" });
      expect(r.error, "promtool is installed by scripts/setup.sh").toBeUndefined();
      expect(`${r.stdout}${r.stderr}`).toBe("");
      expect(r.status).toBe(0);
    } finally {
      expect(await stopChild(child)).toBe(0);
    }
  });
});
