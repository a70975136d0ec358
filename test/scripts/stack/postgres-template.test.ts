// The stacks copy one initdb'd cluster instead of running initdb each (scripts/stack/postgres.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PG_BIN, clusterTemplate, postgresUser } from "../../../scripts/stack/postgres.ts";

describe("the cluster template", () => {
  it("is one complete cluster of our PostgreSQL, the same folder for every caller, and leaves no half-made folder", () => {
    const user = postgresUser();
    const first = clusterTemplate(user);
    expect(clusterTemplate(user)).toBe(first);
    const major = PG_BIN.split("/").at(-2);
    expect(fs.readFileSync(path.join(first, "PG_VERSION"), "utf8").trim()).toBe(major);
    for (const f of ["global/pg_control", "postgresql.conf", "pg_hba.conf"]) expect(fs.existsSync(path.join(first, f)), f).toBe(true);
    // The stacks append their settings to their copy, never to the template.
    expect(fs.readFileSync(path.join(first, "postgresql.conf"), "utf8")).not.toMatch(/^archive_mode = on$/m);
    const mine = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(`${path.basename(first)}.making-${process.pid}-`));
    expect(mine).toEqual([]);
  });
});
