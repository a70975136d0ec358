// fair.ts on its own: admission per client, parking, refusal, shutdown, and the per-turn budget
// with round robin between clients (a fake clock: each job "costs" what it adds to it).
import { describe, expect, it } from "vitest";
import { createFairGate } from "../../exporters/fair.ts";

const turn = () => new Promise((r) => setImmediate(r));

describe("fair gate", () => {
  it("admits perClient POSTs per client, parks the next ones and starts them as earlier ones finish", () => {
    const gate = createFairGate(2, 3);
    const started: string[] = [];
    const refused: string[] = [];
    const done = ["a1", "a2", "a3", "a4", "a5", "a6"].map((id) => gate.admit("a", () => started.push(id), (why) => refused.push(`${id} ${why}`)));
    gate.admit("b", () => started.push("b1"), () => refused.push("b1"));
    // a3..a5 parked (3 = maxParked), a6 refused, b has its own share.
    expect(started).toEqual(["a1", "a2", "b1"]);
    expect(refused).toEqual(["a6 overloaded"]);
    expect(gate.backlog().parked).toBe(3);
    done[0]!();
    expect(started).toEqual(["a1", "a2", "b1", "a3"]);
    // A parked POST whose connection went away is never started.
    done[3]!();
    done[1]!();
    expect(started).toEqual(["a1", "a2", "b1", "a3", "a5"]);
    // Calling done twice frees one slot only.
    done[1]!();
    expect(gate.backlog().parked).toBe(0);
  });

  it("refuses parked POSTs at shutdown, and every later one", () => {
    const gate = createFairGate(1, 10);
    const refused: string[] = [];
    gate.admit("a", () => undefined, (why) => refused.push(`1 ${why}`));
    gate.admit("a", () => undefined, (why) => refused.push(`2 ${why}`));
    gate.close();
    gate.admit("b", () => undefined, (why) => refused.push(`3 ${why}`));
    expect(refused).toEqual(["2 shutting_down", "3 shutting_down"]);
  });

  it("runs at most the budget of work per turn, round robin between clients", async () => {
    let now = 0;
    const gate = createFairGate(100, 100, 4, () => now);
    const order: string[] = [];
    const job = (id: string, cost: number) => () => { order.push(id); now += cost; };
    // One client's backlog of ten 2-unit jobs, then one job of another client.
    for (let i = 0; i < 10; i++) gate.run("flood", job(`f${i}`, 2));
    gate.run("legit", job("l0", 1));
    // Two jobs ran at once (4 units of budget), the rest waits for the next turns.
    expect(order).toEqual(["f0", "f1"]);
    expect(gate.backlog().queued).toBe(9);
    await turn();
    // The next turn: the flood's next job, then the other client's, within the budget.
    expect(order.slice(2, 5)).toEqual(["f2", "l0", "f3"]);
    for (let i = 0; i < 10 && gate.backlog().queued > 0; i++) await turn();
    expect(order).toHaveLength(11);
  });
});
