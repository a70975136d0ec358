// The attacks of the issue, in bounded loops on loopback, against the exporter as a real process
// (siege.ts: the attacker from 127.0.0.2, Prometheus and the backend from 127.0.0.1). During each
// attack a legitimate scrape runs every second (on PORT) and a legitimate POST every 50 ms (on
// INGEST_PORT), each on a new connection, answered within 3 s: both must succeed ≥ 99 %, the
// exporter's RSS must stay < 150 MB, and SIGTERM must still exit 0 within 5 s.
import { afterAll, describe, expect, it } from "vitest";
import { type Child, startChild, stopChild, tokenFile } from "./helpers.ts";
import { attack, expectSigtermUnderAttack, expectSurvives, freshScrape, killAttackers } from "./siege.ts";

const SECONDS = 4;
let child: Child;

afterAll(async () => {
  killAttackers();
  if (child && child.proc.exitCode === null) await stopChild(child);
});

const ATTACKS = ["pipelined-never-read", "pipelined-flood", "idle-sockets", "scrape-flood"];
const portOf = (url: string) => Number(new URL(url).port);

describe("exporter under attack (bounded loops on loopback)", () => {
  it.each(ATTACKS)("%s: legitimate scrapes and POSTs succeed (≥ 99 percent), RSS < 150 MB", async (name) => {
    if (child === undefined) {
      child = await startChild({ EXPORTER_TOKEN_FILE: tokenFile(), METRICS_MAX_AGE_MS: "1000" });
      // Prometheus was scraping before the attack began.
      expect(await freshScrape(portOf(child.url), 10_000)).toBe("ok");
    }
    await expectSurvives({ name, pid: child.proc.pid!, scrapePort: portOf(child.url), postPorts: [portOf(child.ingestUrl)], seconds: SECONDS });
  }, 30_000);

  it("SIGTERM during an attack exits 0 within 5 s; peak RSS stayed < 150 MB", async () => {
    const port = portOf(child.url);
    const stops = await Promise.all([attack("pipelined-never-read", port), attack("scrape-flood", port)]);
    await expectSigtermUnderAttack(child, stops, "under attack");
  }, 30_000);
});
