// No secret in the generated Alertmanager files: secrets are only ever paths in `*_file` fields.
// Flags secret-bearing fields written inline, URLs that carry credentials (user:password@, a
// token-like query parameter, a chat-webhook or token-like path), and values shaped like tokens.
import yaml from "js-yaml";
import type { Bundle } from "../render/index.ts";
import type { Problem } from "../lib/problems.ts";

/** Alertmanager fields whose value is a secret; each has a `*_file` twin (or none in 0.25). */
const SECRET_FIELDS = new Set([
  "routing_key", "service_key", "api_url", "api_key", "auth_password", "auth_secret", "password", "credentials",
  "bot_token", "token", "client_secret", "webhook_url", "user_key", "api_secret", "slack_api_url",
  "opsgenie_api_key", "victorops_api_key", "smtp_auth_password", "smtp_auth_secret", "wechat_api_secret",
]);

const SECRET_QUERY = /token|key|secret|pass|pwd|sig|auth|credential/i;
/** Chat webhooks whose path or query is the secret itself. */
const HOOK_URLS = [
  /hooks\.slack\.com\/services\//i, /discord(app)?\.com\/api\/webhooks\//i, /oapi\.dingtalk\.com\/robot\/send/i,
  /qyapi\.weixin\.qq\.com\/cgi-bin\/webhook/i, /open\.(feishu\.cn|larksuite\.com)\/open-apis\/bot\/v2\/hook\//i,
  /\.webhook\.office\.com\//i,
];
const TOKEN_SHAPES: [RegExp, string][] = [
  [/xox[abposr]-[A-Za-z0-9-]{10,}/, "a Slack token"],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a private key"],
  [/\bBearer\s+[A-Za-z0-9._~+/-]{8,}/, "a bearer token"],
  [/\b[0-9a-f]{32,}\b/i, "a long hexadecimal key"],
  [/\bAKIA[0-9A-Z]{16}\b/, "an AWS access key"],
];

function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts.values()].reduce((h, n) => h - (n / s.length) * Math.log2(n / s.length), 0);
}

/** A path segment or value that looks generated rather than named: long, mixed, high entropy. */
export function tokenLike(s: string): boolean {
  if (s.length < 20 || !/^[A-Za-z0-9_\-.=+/]+$/.test(s)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/].filter((r) => r.test(s)).length;
  return classes >= 2 && /\d/.test(s) && entropy(s) >= 3.5;
}

/** Why a URL carries a secret, or undefined. */
export function urlSecret(raw: string): string | undefined {
  let url: URL;
  try { url = new URL(raw); } catch { return undefined; }
  if (url.password || url.username) return "credentials in the URL (user:password@)";
  for (const name of url.searchParams.keys()) if (SECRET_QUERY.test(name)) return `query parameter "${name}"`;
  if (HOOK_URLS.some((r) => r.test(raw))) return "a chat webhook URL, whose path is its secret";
  const segment = url.pathname.split("/").find(tokenLike);
  if (segment) return `token-like path segment "${segment.slice(0, 4)}…"`;
  return undefined;
}

export function valueSecret(field: string, value: string): string | undefined {
  if (SECRET_FIELDS.has(field) && value.trim() !== "") return `field "${field}" holds a value: use "${field}_file"`;
  for (const raw of value.match(/https?:\/\/[^\s"'<>{}]+/g) ?? []) {
    const why = urlSecret(raw);
    if (why) return `URL ${new URL(raw).host}: ${why}`;
  }
  for (const [shape, what] of TOKEN_SHAPES) if (shape.test(value)) return `looks like ${what}`;
  if (!value.includes("{{") && !value.includes(" ") && tokenLike(value)) return "looks like a generated token";
  return undefined;
}

function walk(node: unknown, path: string[], out: { path: string; why: string }[]): void {
  if (Array.isArray(node)) node.forEach((v, i) => walk(v, [...path, String(i)], out));
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) walk(v, [...path, k], out);
  } else if (typeof node === "string" || typeof node === "number") {
    const field = [...path].reverse().find((p) => !/^\d+$/.test(p)) ?? "";
    const why = valueSecret(field, String(node));
    if (why) out.push({ path: path.join("."), why });
  }
}

/** Secrets in one file's text; YAML is walked field by field, other text line by line. */
export function secretsIn(file: string, content: string): Problem[] {
  const found: { path: string; why: string }[] = [];
  if (/\.ya?ml$/.test(file)) walk(yaml.load(content), [], found);
  else content.split("\n").forEach((line, i) => {
    const why = valueSecret("", line);
    if (why) found.push({ path: `line ${i + 1}`, why });
  });
  return found.map((f) => ({ where: `${file} › ${f.path}`, message: `secret value in a generated file (${f.why})` }));
}

/** Every secret in the Alertmanager files of a bundle. */
export function secretProblems(bundle: Bundle): Problem[] {
  const files = [...bundle].filter(([f]) => f.startsWith("alertmanager/"));
  if (!files.some(([f]) => f === "alertmanager/alertmanager.yml")) {
    return [{ where: "alertmanager/alertmanager.yml", message: "missing: nothing was scanned for secrets" }];
  }
  return files.flatMap(([file, content]) => secretsIn(file, content));
}
