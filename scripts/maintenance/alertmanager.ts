// Silences through Alertmanager's API v2 (0.25): create, list, expire. Errors name the call and
// quote Alertmanager's answer.
import type { Matcher } from "../../alerts/routing/matchers.ts";

export interface Silence {
  id: string;
  status: { state: "active" | "pending" | "expired" };
  matchers: { name: string; value: string; isRegex: boolean; isEqual?: boolean }[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
}

async function call(url: string, init: RequestInit & { what: string }): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (e) {
    throw new Error(`${init.what}: cannot reach Alertmanager at ${url}: ${(e as Error).message}`);
  }
  if (!res.ok) throw new Error(`${init.what}: Alertmanager answered ${res.status}: ${(await res.text()).trim()}`);
  return res;
}

export function amMatchers(matchers: Matcher[]): Silence["matchers"] {
  return matchers.map((m) => ({ name: m.label, value: m.value, isRegex: m.op.includes("~"), isEqual: !m.op.startsWith("!") }));
}

export async function createSilence(base: string, s: { matchers: Matcher[]; startsAt: Date; endsAt: Date; createdBy: string; comment: string }): Promise<string> {
  const body = {
    matchers: amMatchers(s.matchers),
    startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), createdBy: s.createdBy, comment: s.comment,
  };
  const res = await call(`${base}/api/v2/silences`, {
    what: "POST /api/v2/silences", method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
  });
  return ((await res.json()) as { silenceID: string }).silenceID;
}

export async function listSilences(base: string): Promise<Silence[]> {
  return (await (await call(`${base}/api/v2/silences`, { what: "GET /api/v2/silences" })).json()) as Silence[];
}

export async function expireSilence(base: string, id: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error(`--expire ${JSON.stringify(id)} is not a silence id (see --list)`);
  await call(`${base}/api/v2/silence/${id}`, { what: `DELETE /api/v2/silence/${id}`, method: "DELETE" });
}
