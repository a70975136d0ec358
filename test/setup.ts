// Runs in every test file: temporary folders made through test/helpers.ts go away afterwards.
import { afterAll } from "vitest";
import { removeTempDirs } from "./tempdirs.ts";

afterAll(removeTempDirs);
