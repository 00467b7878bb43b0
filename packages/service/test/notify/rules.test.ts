// shouldNotify: the truth table of events against rules, with deep change detection.
import { describe, expect, it } from "vitest";
import { shouldNotify, type NotificationEvent } from "../../src/notify/index.js";

const all: NotificationEvent[] = ["failure", "success", "change", "waiting"];
const out = { a: 1, list: [1, { b: 2 }] };

describe("shouldNotify", () => {
  it.each([
    // rules, status, outputs, previous, expected
    [all, "failed", undefined, out, "failure"],
    [all, "waiting", undefined, out, "waiting"],
    [all, "success", out, out, "success"],
    [all, "success", out, { a: 2 }, "change"],
    [all, "success", out, undefined, "change"],
    [["failure"], "success", out, { a: 2 }, undefined],
    [["failure"], "waiting", undefined, undefined, undefined],
    [["success"], "failed", undefined, undefined, undefined],
    [["success"], "success", out, { a: 2 }, "success"],
    [["change"], "success", out, out, undefined],
    [["change"], "success", out, { a: 1, list: [1, { b: 3 }] }, "change"],
    [["change"], "failed", undefined, out, undefined],
    [["waiting"], "waiting", undefined, undefined, "waiting"],
    [[], "failed", undefined, undefined, undefined],
  ] as const)("%j on %s → %s", (on, status, outputs, previous, expected) => {
    const outcome = outputs === undefined ? { status } : { status, outputs };
    expect(shouldNotify({ on }, outcome, previous)).toBe(expected);
  });

  it("ignores key order and undefined properties when comparing outputs", () => {
    const rules = { on: ["change"] as const };
    const outcome = {
      status: "success" as const,
      outputs: { b: { y: 1, x: [2] }, a: 1, gone: undefined },
    };
    expect(shouldNotify(rules, outcome, { a: 1, b: { x: [2], y: 1 } })).toBeUndefined();
  });

  it.each([
    [{ a: [1, 2] }, { a: [2, 1] }],
    [{ a: [1] }, { a: { 0: 1 } }],
    [{ a: null }, { a: {} }],
    [{ a: 1 }, { a: "1" }],
    [{ a: 1 }, { a: 1, b: 2 }],
    [{}, { a: 1 }],
  ])("sees a change between %j and %j", (now, before) => {
    expect(shouldNotify({ on: ["change"] }, { status: "success", outputs: now }, before)).toBe(
      "change",
    );
  });

  it("treats missing outputs of a success as empty", () => {
    expect(shouldNotify({ on: ["change"] }, { status: "success" }, {})).toBeUndefined();
  });
});
