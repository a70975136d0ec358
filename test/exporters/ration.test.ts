// Scrape answers rationed per turn of the event loop (exporters/ration.ts): at most `perTurn`
// at once, the rest in later turns in arrival order, and POST work that arrives meanwhile runs
// between two rations.
import { describe, expect, it } from "vitest";
import { createRation } from "../../exporters/ration.ts";

const nextTurn = () => new Promise((r) => setImmediate(r));

describe("createRation", () => {
  it("writes at most perTurn answers per turn, the rest in later turns, in arrival order", async () => {
    const ration = createRation(3);
    const done: number[] = [];
    for (let i = 0; i < 7; i++) ration(() => done.push(i));
    expect(done).toEqual([0, 1, 2]);
    await nextTurn();
    expect(done).toEqual([0, 1, 2, 3, 4, 5]);
    await nextTurn();
    expect(done).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("lets work that was already waiting (the POSTs) run before the next ration", async () => {
    const ration = createRation(1);
    const log: string[] = [];
    setImmediate(() => log.push("post"));
    ration(() => log.push("scrape 1"));
    ration(() => log.push("scrape 2"));
    expect(log).toEqual(["scrape 1"]);
    await nextTurn();
    await nextTurn();
    expect(log).toEqual(["scrape 1", "post", "scrape 2"]);
  });

  it("serves a full ration again once its queue was served in a later turn", async () => {
    const ration = createRation(2);
    const done: number[] = [];
    for (let i = 1; i <= 3; i++) ration(() => done.push(i));
    expect(done).toEqual([1, 2]);
    await nextTurn();
    expect(done).toEqual([1, 2, 3]);
    ration(() => done.push(4));
    ration(() => done.push(5));
    expect(done).toEqual([1, 2, 3, 4]);
    await nextTurn();
    expect(done).toEqual([1, 2, 3, 4, 5]);
  });
});
