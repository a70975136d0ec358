// Privacy fuzz against the exporter as a real process. Random (seeded, so a failure replays)
// events carry e-mail addresses, phone numbers, UUIDs, Chinese free text, huge strings,
// prototype-pollution keys and 100 000 distinct label values, in every field, as keys, as types.
// None of those strings may reach /metrics or the logs; the series stay within the bound that
// the allow-lists give; the process stays up and stops cleanly.
import { describe, expect, it } from "vitest";
import { sampleBound } from "../../exporters/series.ts";
import { businessLines, post, scrape, startChild, stopChild, tokenFile } from "./helpers.ts";

const SEED = 0x5eed_2024;

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = prng(SEED);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]) => xs[int(xs.length)]!;
const hex = (n: number) => Array.from({ length: n }, () => "0123456789abcdef"[int(16)]).join("");
const CHINESE = ["我最近总是失眠，感觉很焦虑", "和男朋友分手了，不知道该怎么办", "工作压力太大，想辞职", "妈妈住院了，我很害怕", "我觉得活着没有意义"];

/** A string that must never be published: each call a new one, all of them distinct. */
function poison(n: number): string {
  switch (n % 6) {
    case 0: return `user${n}.${hex(4)}@example.com`;
    case 1: return `+86 1${3 + int(7)}${String(int(1e9)).padStart(9, "0")}`.slice(0, 15) + `-${n}`;
    case 2: return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
    case 3: return `${pick(CHINESE)}（第${n}条）`;
    case 4: return `会话${n}：${Array.from({ length: 12 }, () => String.fromCharCode(0x4e00 + int(0x5000))).join("")}`;
    default: return `session-${n}-${hex(16)}`;
  }
}

const labelFields: Record<string, (v: string) => Record<string, unknown>> = {
  agent_run: (v) => ({ type: "agent_run", agent: v, durationSeconds: rand() * 10, outcome: "success" }),
  llm_provider: (v) => ({ type: "llm_call", provider: v, model: "gpt-4o", durationSeconds: rand() * 5, outcome: "error" }),
  llm_model: (v) => ({ type: "llm_call", provider: "openai", model: v, durationSeconds: rand() * 5, outcome: "timeout" }),
  scored: (v) => ({ type: "conversation_scored", agent: v, score: rand() }),
  feature: (v) => ({ type: "feature_used", feature: v }),
  error: (v) => ({ type: "error", errorType: v }),
  backup: (v) => ({ type: "backup", backup: v, outcome: "failure" }),
};

/** Events that are invalid and must be rejected whole, with the poison somewhere in them. */
function invalidEvent(v: string): Record<string, unknown> {
  switch (int(6)) {
    case 0: return { type: "feedback", rating: 5, [v]: v };
    case 1: return { type: v };
    case 2: return { type: "auth", outcome: v };
    case 3: return { type: "sessions", active: v, users: 1 };
    case 4: return JSON.parse(`{"type":"feedback","rating":5,"__proto__":{"isAdmin":true,"note":${JSON.stringify(v)}}}`) as Record<string, unknown>;
    default: return { type: "error", errorType: v, constructor: { prototype: { polluted: v } } };
  }
}

/**
 * The secrets found in `text`, exactly as `text.includes(s)` for each would find them, without
 * 100 000 scans of the text (11 s of CPU): a secret can only occur where its first `k` characters
 * do, `k` the shortest secret's length, so only secrets whose prefix is one of the text's k-grams
 * are searched in full.
 */
export function leaked(text: string, secrets: readonly string[]): string[] {
  const k = Math.min(...secrets.map((s) => s.length));
  if (k === 0) throw new Error("an empty secret would be found in any text");
  const grams = new Set<string>();
  for (let i = 0; i + k <= text.length; i++) grams.add(text.slice(i, i + k));
  return secrets.filter((s) => grams.has(s.slice(0, k)) && text.includes(s));
}

describe("leaked", () => {
  it("finds what includes() finds, at the start, the middle and the end, and nothing else", () => {
    const text = "alpha 会话12：某某 beta session-7-ab gamma";
    const secrets = ["alpha", "会话12：某某", "session-7-ab", "gamma", "会话13：某某", "session-7-ac", "lpha ", "x".repeat(100)];
    expect(leaked(text, secrets)).toEqual(secrets.filter((s) => text.includes(s)));
    expect(leaked(text, secrets)).toEqual(["alpha", "会话12：某某", "session-7-ab", "gamma", "lpha "]);
  });
});

describe("exporter privacy fuzz", () => {
  it("never publishes or logs a person's data, stays bounded and stays up", async () => {
    const child = await startChild({ EXPORTER_TOKEN_FILE: tokenFile(), LOG_INTERVAL_MS: "100" });
    const seriesOf = (text: string) => new Set(businessLines(text).map((l) => l.slice(0, l.lastIndexOf(" "))));
    const before = seriesOf(await scrape(child.url));
    const secrets: string[] = [];
    let n = 0;
    const next = () => {
      const s = poison(n++);
      secrets.push(s);
      return s;
    };
    const kinds = Object.values(labelFields);
    // 100 000 distinct label values in valid events: accepted, counted under `other`.
    for (let b = 0; b < 100; b++) {
      const events = Array.from({ length: 1000 }, () => pick(kinds)(next()));
      const res = await post(child.url, { events });
      expect(res.status, `batch ${b}`).toBe(204);
    }
    // Invalid events hidden among valid ones: whole batches rejected, nothing echoed.
    for (let b = 0; b < 50; b++) {
      const events = Array.from({ length: 20 }, () => pick(kinds)(next()));
      events.splice(int(20), 0, invalidEvent(next()));
      const res = await post(child.url, { events });
      expect(res.status).toBe(400);
      const answer = await res.text();
      for (const s of secrets.slice(-21)) expect(answer).not.toContain(s);
    }
    // Huge strings: in a field (rejected by length), as a key, and over MAX_BODY_BYTES.
    const huge = `${next()}${"我".repeat(100_000)}`;
    expect((await post(child.url, { type: "feature_used", feature: huge })).status).toBe(400);
    expect((await post(child.url, { type: "feature_used", feature: "journal", [huge]: 1 })).status).toBe(400);
    expect((await post(child.url, { events: [{ type: "error", errorType: `${next()}${"x".repeat(2 * 1024 * 1024)}` }] })).status).toBe(413);
    // Broken JSON around a secret, and a secret as the whole body.
    expect((await post(child.url, `{"type":"error","errorType":"${next()}`)).status).toBe(400);
    expect((await post(child.url, JSON.stringify(next()))).status).toBe(400);
    await new Promise((r) => setTimeout(r, 250)); // one more ingest log line

    const text = await scrape(child.url);
    const after = seriesOf(text);
    // No new series but the `other` backup, which appears with the first backup event.
    expect([...after].filter((s) => !before.has(s)).sort()).toEqual([
      'xinliya_backup_last_run_success{backup="other"}',
    ]);
    expect(businessLines(text).length).toBeLessThanOrEqual(sampleBound());
    expect((await fetch(`${child.url}/healthz`)).status).toBe(200);
    expect(await stopChild(child)).toBe(0);

    const logs = child.output();
    const lines = logs.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.some((l) => l.event === "ingest" && (l.rejected_events as Record<string, number>).invalid_event! > 0)).toBe(true);
    expect(new Set(lines.map((l) => l.event))).toEqual(new Set(["state_fresh", "start", "ingest", "stopping", "stop"]));
    const published = `${text}\n${logs}`;
    expect(secrets.length).toBeGreaterThan(100_000);
    for (const s of leaked(published, secrets)) throw new Error(`leaked: ${s.slice(0, 80)}`);
    for (const word of ["@example.com", "+86", "我", "会话", "session-", "isAdmin", "polluted"]) expect(published).not.toContain(word);
  }, 180_000);
});
