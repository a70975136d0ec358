// Failure scenarios of the probes and certificates (item 18, alerts/reachability.ts), from the
// series of blackbox_exporter's two modules (strict with our CA, and no-verify). The generated
// boundary cases stay beside the rules (alerts/cases/reachability.ts).
import { dataJobs } from "../../catalog/data-targets.ts";
import { jobs } from "../../catalog/selectors.ts";
import { TEST_INTERVAL, humanizeDuration, sampleCount, series } from "../testing.ts";
import { afterFor, forOf } from "../cases/data-common.ts";
import type { RuleContext, SeriesDef } from "../types.ts";
import { quietScenario } from "./data-common.ts";
import type { FailureScenario, ScenarioFile } from "./types.ts";

const URL = "https://api-a.example/healthz";
const n = (alert: string) => sampleCount(forOf(alert));

/** probe_success of both modules, in promtool notation each. */
function probes(strict: string, noVerify: string): SeriesDef[] {
  return [
    { series: series("probe_success", { job: dataJobs().probe, instance: URL }), values: strict },
    { series: series("probe_success", { job: dataJobs().probeNoVerify, instance: URL }), values: noVerify },
  ];
}

/** The certificate expiry both modules read, `remaining` seconds ahead of the clock all along. */
function expiry(remaining: number, N: number): SeriesDef[] {
  return [dataJobs().probe, dataJobs().probeNoVerify].map((job) => ({
    series: series("probe_ssl_earliest_cert_expiry", { job, instance: URL }), values: `${remaining}+60x${N}`,
  }));
}

function scenarios(ctx: RuleContext): FailureScenario[] {
  const day = 86400;
  const f = n("ApiProbeFailed");
  return [
    quietScenario(18, "ApiProbeFailed", "an API that answers with a bad certificate (CertificateInvalid's case)", probes(`0x${f}`, `1x${f}`)),
    quietScenario(18, "CertificateInvalid", "an API that is down (ApiProbeFailed's case)", probes(`0x${n("CertificateInvalid")}`, `0x${n("CertificateInvalid")}`)),
    {
      item: 18,
      name: "the HTTPS listener stops while the backend process and its /metrics stay up: no module gets an answer",
      interval: TEST_INTERVAL,
      series: probes(`1x4 0x${f}`, `1x4 0x${f}`),
      expect: [
        { at: "6m", alert: "ApiProbeFailed", firing: [] },
        { at: afterFor("ApiProbeFailed", "5m"), alert: "ApiProbeFailed", firing: [{ labels: { instance: URL }, value: "0" }] },
        { at: afterFor("ApiProbeFailed", "5m"), alert: "CertificateInvalid", firing: [] },
      ],
    },
    {
      item: 18,
      name: "the endpoint restarts with a certificate of 3 days: one page, the 30-day warning adds no second message",
      interval: TEST_INTERVAL,
      series: expiry(3 * day, n("CertificateExpiringSoon")),
      expect: [
        { at: "1m", alert: "CertificateExpiresIn7Days", firing: [] },
        { at: afterFor("CertificateExpiresIn7Days"), alert: "CertificateExpiresIn7Days", firing: [{ labels: { instance: URL }, value: humanizeDuration(3 * day) }] },
        { at: afterFor("CertificateExpiringSoon"), alert: "CertificateExpiringSoon", firing: [] },
      ],
    },
    quietScenario(18, "DataExporterDown", "a down node target (TargetDown's, not ours)", [
      { series: series("up", { job: jobs(ctx.env).node, instance: "host-a:9100" }), values: `0x${n("DataExporterDown")}` },
    ]),
  ];
}

export function reachabilityScenarioFile(ctx: RuleContext): ScenarioFile {
  return { domain: "reachability", source: "alerts/scenarios/reachability.ts", scenarios: scenarios(ctx) };
}
