// `npm start` writes a daily report of the stack's own history every few minutes: one scaled
// hour (3 minutes at 1/20), the period a scaled day, into `<run>/reports/`, and prints its path.
import path from "node:path";
import type { Locale } from "../../catalog/types.ts";
import { buildReport } from "../report/build.ts";
import { writeReport } from "../report/write.ts";
import type { Stack } from "./stack.ts";

/** Every scaled hour of stack time. */
export function reportIntervalMs(timeScale: number): number {
  return Math.round(3_600_000 * timeScale);
}

export function startStackReports(stack: Stack, locale: Locale, print: (l: string) => void): { stop(): void; once(): Promise<string> } {
  const timeScale = stack.env.timeScale ?? 1;
  let stopped = false;
  let running: Promise<string> | undefined;
  const once = async () => {
    const report = await buildReport({
      kind: "daily", prometheus: stack.urls.prometheus, alertmanager: stack.urls.alertmanager,
      at: Math.floor(Date.now() / 1000), locale, env: stack.env, timeScale,
    });
    const files = await writeReport(report, path.join(stack.dir, "reports"));
    return files.html;
  };
  const tick = () => {
    if (running || stopped) return;
    running = once();
    running.then(
      (html) => { if (!stopped) print(`[报告] 每日巡检报告 / daily report: ${path.relative(process.cwd(), html).replace(/\.html$/, ".{md,html,pdf}")}  ${stack.urls.static}/reports/${path.basename(html)}`); },
      (e: Error) => { if (!stopped) print(`[报告] the daily report failed: ${e.message}`); },
    ).finally(() => { running = undefined; });
  };
  const timer = setInterval(tick, reportIntervalMs(timeScale));
  timer.unref();
  return { stop: () => { stopped = true; clearInterval(timer); }, once };
}
