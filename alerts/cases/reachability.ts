// Boundary cases of the probe and certificate rules (alerts/reachability.ts), generated from the
// catalog's numbers on blackbox_exporter's two modules; failure scenarios and quiet neighbours:
// alerts/scenarios/reachability.ts.
import { dataJobs } from "../../catalog/data-targets.ts";
import { target } from "../../catalog/thresholds.ts";
import { boundaryCases, humanizeDuration, levelCases, sampleCount, series } from "../testing.ts";
import type { RuleContext, RuleTestCase, SeriesDef } from "../types.ts";
import { forOf } from "./data-common.ts";

const URLS = ["https://api-a.example/healthz", "https://api-b.example/healthz"];
const n = (alert: string) => sampleCount(forOf(alert));

/** Both probe jobs of one URL: `strict` and `noVerify` are probe_success of each. */
function probes(instance: string, strict: number, noVerify: number, N: number): SeriesDef[] {
  return [
    { series: series("probe_success", { job: dataJobs().probe, instance }), values: `${strict}x${N}` },
    { series: series("probe_success", { job: dataJobs().probeNoVerify, instance }), values: `${noVerify}x${N}` },
  ];
}

/** The certificate expiry of both jobs, `remaining` seconds ahead of the clock all along. */
function expiry(instance: string, remaining: number, N: number): SeriesDef[] {
  return [dataJobs().probe, dataJobs().probeNoVerify].map((job) => ({
    series: series("probe_ssl_earliest_cert_expiry", { job, instance }), values: `${remaining}+60x${N}`,
  }));
}

export function reachabilityTests(_ctx: RuleContext): RuleTestCase[] {
  return [
    ...levelCases({
      alert: "ApiProbeFailed", forDuration: forOf("ApiProbeFailed"), quiet: 1, loud: 0,
      names: { quiet: "an API that answers", loud: "an API that answers no probe" }, subjects: URLS,
      inputs: (level, url) => probes(url, level, level, n("ApiProbeFailed")),
      labels: (instance) => ({ instance }), format: String,
    }),
    ...levelCases({
      alert: "CertificateInvalid", forDuration: forOf("CertificateInvalid"), quiet: 1, loud: 0,
      names: { quiet: "a certificate that verifies", loud: "a certificate that fails verification" }, subjects: URLS,
      inputs: (level, url) => probes(url, level, 1, n("CertificateInvalid")),
      labels: (instance) => ({ job: dataJobs().probe, instance }), format: String,
    }),
    ...boundaryCases({
      alert: "CertificateExpiresIn7Days", forDuration: forOf("CertificateExpiresIn7Days"), threshold: target("certExpiryPage"), margin: 3600,
      direction: "below", subjects: URLS,
      inputs: (level, url) => expiry(url, level, n("CertificateExpiresIn7Days")),
      labels: (instance) => ({ instance }), format: humanizeDuration,
    }),
    ...boundaryCases({
      alert: "CertificateExpiringSoon", forDuration: forOf("CertificateExpiringSoon"), threshold: target("certExpiryWarn"), margin: 3600,
      direction: "below", subjects: URLS,
      inputs: (level, url) => expiry(url, level, n("CertificateExpiringSoon")),
      labels: (instance) => ({ instance }), format: humanizeDuration,
    }),
    ...levelCases({
      alert: "DataExporterDown", forDuration: forOf("DataExporterDown"), quiet: 1, loud: 0,
      names: { quiet: "postgres_exporter scraped", loud: "postgres_exporter down" }, subjects: ["db-a:9187", "db-b:9187"],
      inputs: (level, instance) => [{ series: series("up", { job: dataJobs().postgres, instance }), values: `${level}x${n("DataExporterDown")}` }],
      labels: (instance) => ({ job: dataJobs().postgres, instance }), format: String,
    }),
  ];
}
