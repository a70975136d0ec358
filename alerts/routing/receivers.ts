// Receivers of one environment, from its notification delivery (catalog/environments.ts). Secrets
// are never values: only `*_file` fields that Alertmanager 0.25 accepts (each one checked with the
// real `amtool check-config` 0.25: pagerduty `routing_key_file`, slack `api_url_file`, email
// `auth_password_file`, `http_config.authorization.credentials_file`). 0.25 has no webhook
// `url_file`, so a webhook URL carries no secret and authenticates through `http_config`.
import type { ChatDelivery, Environment, ReceiverName, TicketDelivery } from "../../catalog/types.ts";
import { T, use } from "./templates.ts";

export type ReceiverConfig = { name: string } & Record<string, unknown>;

/** The receivers every full environment defines; their names are part of the contract. */
export function receiverNames(): ReceiverName[] {
  return ["oncall-primary", "oncall-secondary", "sre-chat", "sre-ticket", "deadmans-switch"];
}

function slack(chat: ChatDelivery): Record<string, unknown> {
  return {
    send_resolved: true,
    api_url_file: chat.apiUrlFile,
    channel: chat.channel,
    title: use(T.title),
    text: use(T.text),
    fallback: use(T.title),
  };
}

function pagerduty(routingKeyFile: string): Record<string, unknown> {
  return {
    send_resolved: true,
    routing_key_file: routingKeyFile,
    description: use(T.title),
    severity: '{{ if eq .CommonLabels.priority "P0" }}critical{{ else }}error{{ end }}',
    // Every default detail is replaced: the defaults would list all labels and annotations.
    details: {
      firing: use(T.firing),
      resolved: use(T.resolved),
      num_firing: "{{ .Alerts.Firing | len }}",
      num_resolved: "{{ .Alerts.Resolved | len }}",
    },
    links: [
      { href: "{{ .CommonAnnotations.runbook_url }}", text: "runbook" },
      { href: "{{ .CommonAnnotations.dashboard_url }}", text: "dashboard" },
      { href: use(T.silenceUrl), text: "silence" },
    ],
  };
}

function email(ticket: TicketDelivery): Record<string, unknown> {
  return {
    send_resolved: true,
    to: ticket.to,
    from: ticket.from,
    smarthost: ticket.smarthost,
    auth_username: ticket.authUsername,
    auth_password_file: ticket.authPasswordFile,
    headers: { Subject: use(T.title) },
    // The default HTML body would list every label and annotation.
    html: use(T.emailHtml),
    text: use(T.text),
  };
}

export function receivers(env: Environment): ReceiverConfig[] {
  const d = env.notifications;
  switch (d.kind) {
    case "local-sink":
      // One path per receiver, so the sink can tell which receiver was meant.
      return receiverNames().map((name) => ({
        name,
        webhook_configs: [{ send_resolved: true, url: `${d.sinkUrl}/${name}` }],
      }));
    case "chat-only":
      return [{ name: "sre-chat", slack_configs: [slack(d.chat)] }];
    case "on-call":
      return [
        { name: "oncall-primary", pagerduty_configs: [pagerduty(d.pagerduty.primaryRoutingKeyFile)] },
        { name: "oncall-secondary", pagerduty_configs: [pagerduty(d.pagerduty.secondaryRoutingKeyFile)] },
        { name: "sre-chat", slack_configs: [slack(d.chat)] },
        { name: "sre-ticket", email_configs: [email(d.ticket)] },
        {
          name: "deadmans-switch",
          webhook_configs: [{
            send_resolved: false,
            url: d.deadmansSwitch.url,
            http_config: { authorization: { type: "Bearer", credentials_file: d.deadmansSwitch.credentialsFile } },
          }],
        },
      ];
  }
}
