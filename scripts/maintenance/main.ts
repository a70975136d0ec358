// npm run maintenance -- --start 2026-12-02T02:00+08:00 --duration 2h --matcher 'job="xinliya-backend"' --reason "数据库升级"
//   creates the silence in Alertmanager (API v2) and prints the 维护计划公告 for users and the team;
//   refuses matchers that would hide a safety alert or Watchdog, naming them.
// npm run maintenance -- --list            the silences, newest first
// npm run maintenance -- --expire <id>     ends a silence now
// Options: --alertmanager URL (default: the first Alertmanager of --env, default production),
// --author NAME (default $USER). Exit codes: 0 done, 2 refused or bad flags, 1 Alertmanager failed.
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { formatMatchers } from "../../alerts/routing/matchers.ts";
import { seconds } from "../../catalog/duration.ts";
import { environment } from "../../catalog/environments.ts";
import { createSilence, expireSilence, listSilences } from "./alertmanager.ts";
import { announcements } from "./announcement.ts";
import { parseMatcher, silenceRefusals } from "./guard.ts";

export const COMMENT_TAG = "[xinliya-maintenance]";

class UsageError extends Error {}

function startOf(text: string | undefined, now: Date): Date {
  if (text === undefined || text === "now") return now;
  const at = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) || Number.isNaN(at.getTime())) {
    throw new UsageError(`--start ${JSON.stringify(text)} is not "now" or an ISO 8601 time such as 2026-12-02T02:00+08:00`);
  }
  return at;
}

function durationOf(text: string | undefined): number {
  if (text === undefined) throw new UsageError("--duration is required, e.g. --duration 2h");
  try {
    const s = seconds(text);
    if (s <= 0) throw new Error("must be positive");
    return s;
  } catch (e) {
    throw new UsageError(`--duration ${JSON.stringify(text)}: ${(e as Error).message}`);
  }
}

export async function runMaintenance(argv: string[], print: (line: string) => void, now = new Date()): Promise<number> {
  let flags;
  try {
    flags = parseArgs({
      args: argv, strict: true, allowPositionals: false,
      options: {
        start: { type: "string" }, duration: { type: "string" }, matcher: { type: "string", multiple: true },
        reason: { type: "string" }, author: { type: "string" }, alertmanager: { type: "string" }, env: { type: "string" },
        list: { type: "boolean" }, expire: { type: "string" },
      },
    }).values;
  } catch (e) {
    print(`maintenance: ${(e as Error).message}`);
    return 2;
  }
  try {
    const env = environment(flags.env ?? "production");
    const base = (flags.alertmanager ?? `http://${env.alertmanagers[0]}`).replace(/\/+$/, "");
    if (flags.list) {
      const silences = (await listSilences(base)).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
      if (silences.length === 0) print("no silence");
      for (const s of silences) {
        const ms = s.matchers.map((m) => `${m.name}${m.isEqual === false ? "!" : ""}${m.isRegex ? "=~" : "="}${JSON.stringify(m.value)}`).join(", ");
        print(`${s.id}  ${s.status.state.padEnd(7)}  ${s.startsAt} → ${s.endsAt}  {${ms}}  ${s.createdBy}: ${s.comment}`);
      }
      return 0;
    }
    if (flags.expire !== undefined) {
      if (!/^[0-9a-f-]{36}$/i.test(flags.expire)) throw new UsageError(`--expire ${JSON.stringify(flags.expire)} is not a silence id (see --list)`);
      await expireSilence(base, flags.expire);
      print(`expired silence ${flags.expire}`);
      return 0;
    }
    const matchers = (flags.matcher ?? []).map((m) => {
      try { return parseMatcher(m); } catch (e) { throw new UsageError((e as Error).message); }
    });
    const reason = flags.reason?.trim();
    if (!reason) throw new UsageError("--reason is required: it is printed in the announcement");
    const start = startOf(flags.start, now);
    const length = durationOf(flags.duration);
    const end = new Date(start.getTime() + length * 1000);
    if (end <= now) throw new UsageError(`the maintenance would end at ${end.toISOString()}, in the past`);
    const refusals = silenceRefusals(env, matchers);
    if (refusals.length > 0) {
      for (const r of refusals) print(`maintenance: refused: ${r}`);
      return 2;
    }
    const author = flags.author ?? process.env.USER ?? "xinliya-maintenance";
    const silenceId = await createSilence(base, { matchers, startsAt: start, endsAt: end, createdBy: author, comment: `${COMMENT_TAG} ${reason}` });
    print(`created silence ${silenceId} for ${formatMatchers(matchers)} from ${start.toISOString()} to ${end.toISOString()}\n`);
    print(announcements({ start, end, duration: flags.duration!, reason, matchers, silenceId, author }));
    return 0;
  } catch (e) {
    print(`maintenance: ${(e as Error).message}`);
    return e instanceof UsageError || /unknown environment/.test((e as Error).message) ? 2 : 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  runMaintenance(process.argv.slice(2), (line) => console.log(line)).then((code) => { process.exitCode = code; });
}
