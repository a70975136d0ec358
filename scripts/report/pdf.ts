// The PDF form: the HTML page printed by Debian's headless Chromium through playwright-core.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

/** The team's launch arguments; the fresh --user-data-dir is given by launchPersistentContext. */
export function chromiumArgs(): string[] {
  return ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"];
}

/** Runs `fn` with a fresh headless Chromium page; the browser and its profile go away afterwards. */
export async function withPage<T>(fn: (page: import("playwright-core").Page) => Promise<T>): Promise<T> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "xinliya-chromium-"));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true, args: chromiumArgs(),
  });
  try {
    const page = browser.pages()[0] ?? await browser.newPage();
    return await fn(page);
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

export async function toPdf(html: string): Promise<Buffer> {
  return withPage(async (page) => {
    await page.setContent(html, { waitUntil: "load" });
    return page.pdf({ format: "A4", printBackground: true, margin: { top: "14mm", bottom: "14mm", left: "12mm", right: "12mm" } });
  });
}
