// The table of bench:exporter, in the rows of the exporter issue (Markdown), and the attack
// phase that its peak-RSS row includes.
import { spawn } from "node:child_process";
import path from "node:path";

export interface Figure { figure: string; required: string; measured: string; met: boolean | null }

/** A Markdown table: figure, required, this run, met. */
export function markdownTable(title: string, figures: Figure[]): string {
  const mark = (m: boolean | null) => (m === null ? "—" : m ? "yes" : "**no**");
  return [
    title,
    "",
    "| figure | required | this run | met |",
    "| --- | --- | --- | --- |",
    ...figures.map((f) => `| ${f.figure} | ${f.required} | ${f.measured} | ${mark(f.met)} |`),
  ].join("\n");
}

/** The attacks of test/exporters/attacker.ts (POST floods with the token), one after another. */
export const ATTACKS = [
  "pipelined-never-read", "pipelined-flood", "idle-sockets", "scrape-flood", "scrape-port-post-flood", "scrape-port-post-flood-single",
];

/** Runs `name` against 127.0.0.1:`port` for `seconds`, then stops it by pid. */
export async function runAttack(root: string, name: string, port: number, token: string, seconds: number): Promise<void> {
  const a = spawn(process.execPath, ["--import", "tsx", path.join(root, "test", "exporters", "attacker.ts"), name, String(port), token], {
    cwd: root, stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => a.once("exit", () => resolve()));
  await Promise.race([new Promise<void>((resolve) => a.stdout!.once("data", () => resolve())), exited]);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  a.kill("SIGKILL");
  await exited;
}
