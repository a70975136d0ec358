// POST /v1/events is still accepted on the scrape port (PORT), for backends that post there
// today. A flood of authenticated POSTs on that port (a backend gone wrong, or a leaked token:
// without the token each POST is a cheap 401 on a closed connection) must not starve the scrapes
// of the same port, nor the legitimate backend on either port: during each flood a scrape every
// second and a POST every 50 ms, alternately on the ingest and on the scrape port, succeed
// ≥ 99 %, RSS stays < 150 MB, and SIGTERM during the flood exits 0 within 5 s.
import { afterAll, describe, expect, it } from "vitest";
import { type Child, startChild, stopChild, TOKEN, tokenFile } from "./helpers.ts";
import { attack, expectSigtermUnderAttack, expectSurvives, freshScrape, killAttackers } from "./siege.ts";

const SECONDS = 4;
let child: Child;

afterAll(async () => {
  killAttackers();
  if (child && child.proc.exitCode === null) await stopChild(child);
});

const portOf = (url: string) => Number(new URL(url).port);

describe("POST flood on the scrape port (bounded loops on loopback)", () => {
  it.each(["scrape-port-post-flood", "scrape-port-post-flood-single"])("%s: scrapes and legitimate POSTs succeed (≥ 99 percent), RSS < 150 MB", async (name) => {
    if (child === undefined) {
      child = await startChild({ EXPORTER_TOKEN_FILE: tokenFile(), METRICS_MAX_AGE_MS: "1000" });
      expect(await freshScrape(portOf(child.url), 10_000)).toBe("ok");
    }
    await expectSurvives({ name, pid: child.proc.pid!, scrapePort: portOf(child.url), postPorts: [portOf(child.ingestUrl), portOf(child.url)], seconds: SECONDS, token: TOKEN });
  }, 30_000);

  it("SIGTERM during a scrape-port POST flood exits 0 within 5 s", async () => {
    const stop = await attack("scrape-port-post-flood", portOf(child.url), TOKEN);
    await expectSigtermUnderAttack(child, [stop], "under a scrape-port POST flood");
  }, 30_000);
});
