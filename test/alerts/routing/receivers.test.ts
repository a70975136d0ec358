// Receivers per environment: the five names of the contract, their integrations, secrets only as
// `*_file` paths from the environment definition, and the local sink that tells receivers apart.
import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { environment } from "../../../catalog/environments.ts";
import type { EnvironmentName } from "../../../catalog/types.ts";
import { options, renderTo } from "../../helpers.ts";
import { amtool } from "./tools.ts";

type Receiver = { name: string } & Record<string, Record<string, any>[]>;

function receiversOf(env: EnvironmentName): { dir: string; receivers: Receiver[] } {
  const dir = renderTo(options(env));
  const config = yaml.load(fs.readFileSync(path.join(dir, "alertmanager/alertmanager.yml"), "utf8")) as { receivers: Receiver[] };
  return { dir, receivers: config.receivers };
}

const CONTRACT = ["oncall-primary", "oncall-secondary", "sre-chat", "sre-ticket", "deadmans-switch"];

describe("receivers", () => {
  it("production: PagerDuty for both on-call engineers, Slack chat, email tickets, an authenticated dead man's switch", () => {
    const d = environment("production").notifications;
    if (d.kind !== "on-call") throw new Error("production must page the on-call engineers");
    const byName = new Map(receiversOf("production").receivers.map((r) => [r.name, r]));
    expect([...byName.keys()]).toEqual(CONTRACT);
    expect(byName.get("oncall-primary")!.pagerduty_configs![0]!.routing_key_file).toBe(d.pagerduty.primaryRoutingKeyFile);
    expect(byName.get("oncall-secondary")!.pagerduty_configs![0]!.routing_key_file).toBe(d.pagerduty.secondaryRoutingKeyFile);
    expect(d.pagerduty.primaryRoutingKeyFile).not.toBe(d.pagerduty.secondaryRoutingKeyFile);
    expect(byName.get("sre-chat")!.slack_configs![0]!.api_url_file).toBe(d.chat.apiUrlFile);
    expect(byName.get("sre-ticket")!.email_configs![0]!.auth_password_file).toBe(d.ticket.authPasswordFile);
    const dms = byName.get("deadmans-switch")!.webhook_configs![0]!;
    expect(dms.http_config.authorization.credentials_file).toBe(d.deadmansSwitch.credentialsFile);
    expect(dms.url).toBe(d.deadmansSwitch.url);
  });

  it("staging: the team chat only", () => {
    const { receivers } = receiversOf("staging");
    expect(receivers.map((r) => r.name)).toEqual(["sre-chat"]);
    expect(Object.keys(receivers[0]!).sort()).toEqual(["name", "slack_configs"]);
  });

  it("local: one webhook per receiver on loopback, whose path names the receiver", () => {
    const d = environment("local").notifications;
    if (d.kind !== "local-sink") throw new Error("local must deliver to the sink");
    const { receivers } = receiversOf("local");
    expect(receivers.map((r) => r.name)).toEqual(CONTRACT);
    for (const r of receivers) {
      expect(Object.keys(r).sort(), r.name).toEqual(["name", "webhook_configs"]);
      const url = new URL(r.webhook_configs![0]!.url);
      expect(url.hostname).toBe("127.0.0.1");
      expect(url.pathname).toBe(`/${r.name}`);
      expect(`${url.origin}`).toBe(d.sinkUrl);
    }
  });

  it("0.25 has no webhook url_file: the real amtool refuses it, which is why the dead man's switch URL carries no secret", () => {
    const { dir } = receiversOf("production");
    const file = path.join(dir, "alertmanager/alertmanager.yml");
    const before = fs.readFileSync(file, "utf8");
    const after = before.replace(/url: (https:\/\/deadmans-switch[^\n]*)/, "url_file: /etc/alertmanager/secrets/deadmans-switch-url");
    expect(after).not.toBe(before);
    fs.writeFileSync(file, after);
    const run = amtool(["check-config", "alertmanager/alertmanager.yml"], dir);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/field url_file not found/);
  });

  it("the *_file fields we use are accepted by the real amtool 0.25, and a misspelt one is not", () => {
    const { dir } = receiversOf("production");
    const text = fs.readFileSync(path.join(dir, "alertmanager/alertmanager.yml"), "utf8");
    const used = [...new Set(text.match(/\b[a-z_]+_file(?=:)/g))].sort();
    expect(used).toEqual(["api_url_file", "auth_password_file", "credentials_file", "routing_key_file"]);
    expect(amtool(["check-config", "alertmanager/alertmanager.yml"], dir).code).toBe(0);
    fs.writeFileSync(path.join(dir, "alertmanager/alertmanager.yml"), text.replace("routing_key_file:", "routing_key_path:"));
    expect(amtool(["check-config", "alertmanager/alertmanager.yml"], dir).out).toMatch(/routing_key_path not found/);
  });
});
