// The secret scan: the generated Alertmanager files of every environment hold no secret, and every
// kind of planted secret is found and named.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runChecks } from "../../scripts/check/index.ts";
import { secretProblems, secretsIn, tokenLike } from "../../scripts/check/secrets.ts";
import { render } from "../../scripts/render/index.ts";
import { options, renderTo } from "../helpers.ts";

const where = (yaml: string) => secretsIn("alertmanager/alertmanager.yml", yaml).map((p) => `${p.where}: ${p.message}`);

describe("secret scan of the Alertmanager files", () => {
  it.each(["local", "staging", "production"] as const)("finds nothing in %s, in both locales", (env) => {
    for (const locale of ["zh", "en"] as const) {
      const bundle = render(options(env, locale));
      expect([...bundle.keys()].filter((f) => f.startsWith("alertmanager/")).length).toBeGreaterThan(1);
      expect(secretProblems(bundle), `${env}/${locale}`).toEqual([]);
    }
  });

  const planted: [string, string, RegExp][] = [
    ["an inline PagerDuty key", "receivers:\n  - name: a\n    pagerduty_configs:\n      - routing_key: 0123456789abcdef0123456789abcdef\n",
      /receivers\.0\.pagerduty_configs\.0\.routing_key: .*field "routing_key" holds a value: use "routing_key_file"/],
    ["a Slack webhook URL", "receivers:\n  - name: a\n    slack_configs:\n      - api_url: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX\n",
      /slack_configs\.0\.api_url: /],
    ["a Slack webhook URL in a plain url field", "receivers:\n  - name: a\n    webhook_configs:\n      - url: https://hooks.slack.com/services/T000/B000/abc\n",
      /webhook_configs\.0\.url: .*chat webhook URL/],
    ["a token in the query", "receivers:\n  - name: a\n    webhook_configs:\n      - url: https://oapi.dingtalk.com/robot/send?access_token=abc\n",
      /query parameter "access_token"/],
    ["a key in the query", "receivers:\n  - name: a\n    webhook_configs:\n      - url: https://chat.example/hook?key=1234\n", /query parameter "key"/],
    ["user and password in the URL", "receivers:\n  - name: a\n    webhook_configs:\n      - url: https://bot:hunter2@chat.example/hook\n",
      /credentials in the URL/],
    ["a token-like path", "receivers:\n  - name: a\n    webhook_configs:\n      - url: https://open.example.com/hook/9f8a7B6c5D4e3F2a1b0C9d8E\n",
      /token-like path segment "9f8a…"/],
    ["an inline SMTP password", "global:\n  smtp_auth_password: hunter2\n", /smtp_auth_password/],
    ["inline bearer credentials", "receivers:\n  - name: a\n    webhook_configs:\n      - url: https://x.example/\n        http_config:\n          authorization:\n            credentials: abc\n",
      /field "credentials" holds a value/],
    ["a Slack bot token anywhere", "templates:\n  - xoxb-123456789012-abcdefghijkl\n", /looks like a Slack token/],
  ];
  it.each(planted)("finds %s", (_name, yaml, expected) => {
    const found = where(yaml);
    expect(found.length).toBeGreaterThan(0);
    expect(found.join("\n")).toMatch(expected);
  });

  it("does not take file paths, named URLs or templates for secrets", () => {
    expect(where([
      "receivers:\n  - name: a\n    webhook_configs:\n      - url: https://deadmans-switch.xinliya.example/ping/xinliya-production",
      "        http_config:\n          authorization:\n            credentials_file: /etc/alertmanager/secrets/deadmans-switch-token",
      "    slack_configs:\n      - api_url_file: /etc/alertmanager/secrets/sre-chat-webhook-url\n        title: '{{ template \"xinliya.title\" . }}'\n",
    ].join("\n"))).toEqual([]);
    expect(tokenLike("pagerduty-oncall-primary-routing-key")).toBe(false);
    expect(tokenLike("a8F3kQ9zL2mX7vB4nR6tY1")).toBe(true);
  });

  it("runs in `npm run check` and names the file and field", { timeout: 180_000 }, () => {
    const dir = renderTo(options("production"));
    const file = path.join(dir, "alertmanager/alertmanager.yml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(
      "routing_key_file: /etc/alertmanager/secrets/pagerduty-oncall-primary-routing-key", "routing_key: 0123456789abcdef0123456789abcdef"));
    const problems = runChecks({ dir, ...options(), drift: false, unitTests: false }).flatMap((r) => r.problems.map((p) => `[${r.name}] ${p.where}: ${p.message}`));
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\[no secret in the Alertmanager files\] alertmanager\/alertmanager\.yml › receivers\.0\.pagerduty_configs\.0\.routing_key: secret value/),
    ]));
  });
});
