// State persistence: what survives a graceful stop and a restart, and what a bad state file does.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { businessEvents } from "../../catalog/business-events.ts";
import { loadConfig } from "../../exporters/config.ts";
import { jsonLogger } from "../../exporters/log.ts";
import { createExporter } from "../../exporters/server.ts";
import { StateError, stateFile } from "../../exporters/state.ts";
import { tempDir } from "../helpers.ts";
import { businessLines, post, scrape, startChild, startInProcess, stopChild, tokenFile, validEvents } from "./helpers.ts";

/** Sample lines of one kind of business metric, as declared by the catalog's event feeds. */
function linesOf(text: string, keep: (op: string) => boolean): string[] {
  const names = businessEvents().flatMap((e) => e.feeds.filter((f) => keep(f.update.op)).map((f) => f.metric));
  return businessLines(text).filter((l) => names.some((n) => l.startsWith(`${n}{`) || l.startsWith(`${n}_`) || l.startsWith(`${n} `)));
}

describe("exporter state (EXPORTER_STATE_DIR)", () => {
  it("restores counters, histograms and backup facts after a stop; snapshot gauges come back absent", async () => {
    const dir = tempDir("xinliya-state-");
    const a = await startInProcess({ EXPORTER_STATE_DIR: dir });
    const events = Object.values(validEvents()).map((e) => ({ ...e, ...(e.type === "backup" ? { finishedAt: Math.round(Date.now() / 1000) - 60 } : {}) }));
    for (let i = 0; i < 3; i++) expect((await post(a.url, { events })).status).toBe(204);
    expect((await post(a.url, "{")).status).toBe(400);
    const before = await scrape(a.url);
    await a.stop();
    expect(JSON.parse(fs.readFileSync(stateFile(dir), "utf8")).format).toBe("xinliya-exporter-state");

    const b = await startInProcess({ EXPORTER_STATE_DIR: dir });
    try {
      const after = await scrape(b.url);
      const kept = (op: string) => op !== "set";
      expect(linesOf(after, kept)).toEqual(linesOf(before, kept));
      // The rejection counter is the exporter's own and survives too.
      expect(after).toMatch(/^xinliya_exporter_rejected_events_total\{reason="malformed_json"\} 1$/m);
      // A snapshot gauge is "unknown" until the backend's next snapshot, never a false 0.
      const snapshots = linesOf(before, (op) => op === "set");
      expect(snapshots.length).toBeGreaterThan(0);
      expect(linesOf(after, (op) => op === "set")).toEqual([]);
    } finally {
      await b.stop();
    }
  });

  it("refuses a corrupt, foreign or impossible state file, naming the file, and leaves it in place", () => {
    const cases: [string, RegExp][] = [
      ["{\"format\":\"xinliya-exporter-state\",\"vers", /is not valid JSON/],
      [JSON.stringify({ hello: "world" }), /is not an exporter state file/],
      [JSON.stringify({ format: "xinliya-exporter-state", version: 99, metrics: {} }), /has version 99/],
      [JSON.stringify({ format: "xinliya-exporter-state", version: 1, metrics: { xinliya_errors_total: { type: "counter", series: { 'error_type="db_deadlock"': -3 } } } }), /xinliya_errors_total\.series.*must be a finite number ≥ 0/],
    ];
    for (const [content, reason] of cases) {
      const dir = tempDir("xinliya-state-");
      fs.writeFileSync(stateFile(dir), content);
      const config = loadConfig({ HOST: "127.0.0.1", PORT: "0", INGEST_PORT: "0", EXPORTER_TOKEN_FILE: tokenFile(), EXPORTER_STATE_DIR: dir });
      let error: unknown;
      try {
        createExporter(config, jsonLogger(() => undefined));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(StateError);
      expect((error as Error).message).toContain(stateFile(dir));
      expect((error as Error).message).toMatch(reason);
      expect(fs.readFileSync(stateFile(dir), "utf8")).toBe(content);
    }
  });

  it("as a process: exits 2 on a corrupt state file with a message naming it", async () => {
    const dir = tempDir("xinliya-state-");
    fs.writeFileSync(path.join(dir, "exporter-state.json"), "garbage");
    await expect(startChild({ EXPORTER_TOKEN_FILE: tokenFile(), EXPORTER_STATE_DIR: dir })).rejects.toThrow(
      new RegExp(`exited with 2[\\s\\S]*${stateFile(dir).replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: is not valid JSON`));
  });

  it("writes the state at most once per interval while events arrive, and on SIGTERM", async () => {
    const dir = tempDir("xinliya-state-");
    const child = await startChild({ EXPORTER_TOKEN_FILE: tokenFile(), EXPORTER_STATE_DIR: dir, STATE_INTERVAL_MS: "1000" });
    const renames: number[] = [];
    const watcher = fs.watch(dir, (_e, name) => { if (name === "exporter-state.json") renames.push(Date.now()); });
    const t0 = Date.now();
    while (Date.now() - t0 < 2500) await post(child.ingestUrl, validEvents().feature_used);
    expect(await stopChild(child)).toBe(0);
    watcher.close();
    const saved = JSON.parse(fs.readFileSync(stateFile(dir), "utf8"));
    const posted = Number(/"accepted_events":(\d+)/.exec(child.output())![1]);
    expect(saved.metrics.xinliya_feature_usage_total.series['feature="mood_diary"']).toBe(posted);
    expect(fs.readdirSync(dir)).toEqual(["exporter-state.json"]);
    expect(renames.length).toBeLessThanOrEqual(8);
  });
});
