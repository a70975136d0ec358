// Labels and annotations of an alert, built in one pass for every alert (kubernetes-mixin style):
// priority → severity from the catalog, runbook and dashboard links from the environment.
import { priority } from "../../catalog/priorities.ts";
import { watchdog } from "../../catalog/watchdog.ts";
import type { Environment, Locale } from "../../catalog/types.ts";
import type { AlertDef, TemplateArgs, ValueFormat } from "../../alerts/types.ts";

/** Panel ids of every rendered dashboard: uid → panel key → id. */
export type PanelIndex = Record<string, Record<string, number>>;

export interface AnnotationContext {
  env: Environment;
  locale: Locale;
  panels: PanelIndex;
}

const HUMANIZE: Record<ValueFormat, string> = {
  percent: "humanizePercentage",
  duration: "humanizeDuration",
  number: "humanize",
  decimal: 'printf "%.2f"',
};

/** The Go-template arguments used in the rule file. */
export function goTemplateArgs(): TemplateArgs {
  return {
    label: (name) => `{{ $labels.${name} }}`,
    value: (format) => `{{ $value | ${HUMANIZE[format]} }}`,
    externalLabel: (name) => `{{ $externalLabels.${name} }}`,
  };
}

/** Concrete arguments: what promtool sees once the template ran on a test alert. */
export function concreteArgs(labels: Record<string, string>, value: string, external: Record<string, string>): TemplateArgs {
  return {
    label: (name) => {
      if (!Object.hasOwn(labels, name)) throw new Error(`the expected alert has no label "${name}"`);
      return labels[name]!;
    },
    value: () => value,
    externalLabel: (name) => {
      if (!Object.hasOwn(external, name)) throw new Error(`Prometheus has no external label "${name}"`);
      return external[name]!;
    },
  };
}

/** `priority` and its `severity`; the Watchdog alone has no priority and severity "none". */
export function alertLabels(alert: AlertDef): Record<string, string> {
  if (alert.priority === null) return { severity: watchdog().severity };
  return { priority: alert.priority, severity: priority(alert.priority).severity };
}

export function runbookUrl(env: Environment, alert: string): string {
  return `${env.runbookBaseUrl}/${alert}.md`;
}

/** The dashboard URL of an alert, or an error naming the missing dashboard or panel. */
export function dashboardUrl(ctx: AnnotationContext, alert: AlertDef): string {
  const { uid, panel } = alert.dashboard;
  const ids = ctx.panels[uid];
  if (!ids) throw new Error(`dashboard "${uid}" does not exist`);
  const id = ids[panel];
  if (id === undefined) throw new Error(`dashboard "${uid}" has no panel "${panel}"`);
  return `${ctx.env.grafanaUrl}/d/${uid}?viewPanel=${id}`;
}

export function alertAnnotations(ctx: AnnotationContext, alert: AlertDef, args: TemplateArgs): Record<string, string> {
  return {
    summary: alert.summary[ctx.locale],
    description: alert.description[ctx.locale](args),
    runbook_url: runbookUrl(ctx.env, alert.name),
    dashboard_url: dashboardUrl(ctx, alert),
  };
}
