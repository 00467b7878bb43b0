// V27: cycles of the `$steps` dependency graph.
import { describe, expect, it } from "vitest";
import { validateDefinition } from "../../src/validate/index.js";
import { check, steps, tool } from "./helpers.js";

const dep = (ref: string) => ({ inputs: { v: { type: "string", value: `$steps.${ref}.output` } } });
const cycles = (rows: { code: string; message: string; path: string }[]) =>
  rows.filter((r) => r.code === "CYCLE");

describe("V27 cycles", () => {
  it("reports a self-reference", () => {
    expect(cycles(check(steps(tool("a", dep("a")))))).toEqual([
      { code: "CYCLE", path: "steps", message: "Cycle detected: a → a" },
    ]);
  });

  it("reports a two-step cycle once, starting at the re-entered id", () => {
    expect(cycles(check(steps(tool("a", dep("b")), tool("b", dep("a")))))).toEqual([
      { code: "CYCLE", path: "steps", message: "Cycle detected: a → b → a" },
    ]);
  });

  it("builds edges from inputs, condition and each, and reports the path from the re-entry point", () => {
    const wf = steps(
      tool("x", dep("a")),
      tool("a", { condition: "$steps.b.output" }),
      tool("b", { each: "$steps.c.output" }),
      tool("c", { inputs: { v: { type: "string", value: "n=${steps.a.output}" } } }),
    );
    expect(cycles(check(wf))).toEqual([
      { code: "CYCLE", path: "steps", message: "Cycle detected: a → b → c → a" },
    ]);
  });

  it("reports every back edge", () => {
    const wf = steps(
      tool("a", {
        inputs: {
          p: { type: "string", value: "$steps.a.output" },
          q: { type: "string", value: "$steps.b.output" },
        },
      }),
      tool("b", dep("a")),
    );
    expect(cycles(check(wf)).map((r) => r.message)).toEqual([
      "Cycle detected: a → a",
      "Cycle detected: a → b → a",
    ]);
  });

  it("ignores references to unknown steps and branch membership", () => {
    const wf = steps(
      tool("a", dep("ghost")),
      { id: "k", type: "conditional", condition: "true", then: ["b"] },
      tool("b", dep("k")),
    );
    expect(cycles(check(wf))).toEqual([]);
  });

  it("is not fooled by non-leading references of input values (edges use every reference)", () => {
    const wf = steps(
      tool("a", {
        inputs: { v: { type: "boolean", value: "$steps.z.output == $steps.b.output" } },
      }),
      tool("b", dep("a")),
    );
    expect(cycles(check(wf)).map((r) => r.message)).toEqual(["Cycle detected: a → b → a"]);
  });

  it('uses path ["steps"] and survives a very long chain', () => {
    const list = [tool("s0", dep("s4999"))];
    for (let i = 1; i < 5000; i++) list.push(tool(`s${i}`, dep(`s${i - 1}`)));
    const found = validateDefinition(steps(...list)).filter((d) => d.code === "CYCLE");
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toEqual(["steps"]);
    expect(found[0]?.message.startsWith("Cycle detected: s0 → s4999 → s4998")).toBe(true);
  });
});
