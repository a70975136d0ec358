// Temporary folders of the tests, removed after each test file by test/setup.ts. This module
// imports nothing of the project, so the setup file does not load (and freeze) project modules
// before a test file's vi.mock applies.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const created: string[] = [];

export function tempDir(prefix = "xinliya-test-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
