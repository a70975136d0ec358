// Runs in every test file: temporary folders made through test/helpers.ts go away afterwards.
import { afterAll } from "vitest";
import { stopEveryStack } from "../scripts/stack/registry.ts";
import { removeTempDirs } from "./tempdirs.ts";

// A live stack whose test failed or timed out halfway is stopped here, before its folder goes.
afterAll(async () => {
  await stopEveryStack();
  removeTempDirs();
}, 180_000);
