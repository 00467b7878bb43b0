// The overlap policy table: every policy against nothing running, one running, and one already waiting.
import { describe, expect, it } from "vitest";
import { overlapDecision, type OverlapDecision, type OverlapPolicy } from "../../src/index.js";

describe("overlapDecision", () => {
  it.each<[OverlapPolicy, number, number, OverlapDecision]>([
    ["skip", 0, 0, "start"],
    ["skip", 1, 0, "skip"],
    ["skip", 3, 0, "skip"],
    ["allow", 0, 0, "start"],
    ["allow", 1, 0, "start"],
    ["allow", 5, 0, "start"],
    ["cancel-previous", 0, 0, "start"],
    ["cancel-previous", 1, 0, "cancel-previous-then-start"],
    ["cancel-previous", 2, 0, "cancel-previous-then-start"],
    ["queue", 0, 0, "start"],
    ["queue", 1, 0, "queue"],
    ["queue", 1, 1, "skip"],
    ["queue", 0, 1, "skip"],
  ])("%s with %i running and %i queued: %s", (policy, running, queued, decision) => {
    expect(overlapDecision(policy, running, queued)).toBe(decision);
  });

  it("queue keeps at most one waiting across a burst of fires", () => {
    let queued = 0;
    const decisions: OverlapDecision[] = [];
    for (let fire = 0; fire < 4; fire += 1) {
      const decision = overlapDecision("queue", 1, queued);
      decisions.push(decision);
      if (decision === "queue") queued += 1;
    }
    expect(decisions).toEqual(["queue", "skip", "skip", "skip"]);
    expect(queued).toBe(1);
  });
});
