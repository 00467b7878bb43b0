// §12 D1 static wiring (D7.2 scope): typed step inputs fed by a single declared input or step output.
import { describe, expect, it } from "vitest";
import { validateDefinition } from "../../src/validate/index.js";
import { check, tool, workflow } from "./helpers.js";

const inputs = {
  s: { type: "string" },
  i: { type: "int" },
  f: { type: "float" },
  b: { type: "boolean" },
  a: { type: "array" },
  o: { type: "object" },
  ns: { type: "string", nullable: true },
};
const producer = tool("src", {
  outputs: {
    count: { type: "int", value: "$result.n" },
    ratio: { type: "float", value: "$result.r" },
    items: { type: "array" },
  },
});
const consumer = (type: string, value: unknown) => tool("use", { inputs: { x: { type, value } } });
const wire = (type: string, value: unknown) =>
  workflow({ inputs, steps: [producer, consumer(type, value)] });
const mismatch = (type: string, ref: string, source: string) => ({
  code: "TYPE_MISMATCH",
  path: "steps[1].inputs.x.value",
  message: `Input "x" of step "use" expects ${type} but "${ref}" is ${source}`,
});

describe("D1 wiring", () => {
  it.each([
    ["string", "$inputs.i", "int"],
    ["int", "$inputs.f", "float"],
    ["boolean", "$inputs.s", "string"],
    ["object", "$inputs.a", "array"],
    ["array", "${inputs.o}", "object"],
    ["string", "$steps.src.output.count", "int"],
    ["int", "${steps.src.output.ratio}", "float"],
    ["object", "$steps.src.output.items", "array"],
    ["int", "$inputs.ns", "string"],
  ])("%s fed by %s (%s) is an error", (type, ref, source) => {
    expect(check(wire(type, ref))).toEqual([mismatch(type, ref, source)]);
  });

  it.each([
    ["string", "$inputs.s"],
    ["float", "$inputs.i"],
    ["float", "$steps.src.output.count"],
    ["float", "${inputs.i}"],
    ["float", "$inputs.f"],
    ["array", "$steps.src.output.items"],
    ["string", "$inputs.ns"],
  ])("%s fed by %s is fine", (type, ref) => {
    expect(check(wire(type, ref))).toEqual([]);
  });

  it("int does not accept float", () => {
    expect(check(wire("int", "$steps.src.output.ratio"))).toEqual([
      mismatch("int", "$steps.src.output.ratio", "float"),
    ]);
  });

  it.each([
    ["accessors", "$inputs.a.length"],
    ["indexes", "$inputs.a[0]"],
    ["deep step output paths", "$steps.src.output.items.first"],
    ["the whole step output", "$steps.src.output"],
    ["expressions", "$inputs.i == 1"],
    ["coalescing", "$inputs.i ?? 0"],
    ["text templates", "n=${inputs.i}"],
    ["bracket step ids", '$steps["src"].output.count'],
    ["literals", 5],
    ["plain strings", "hello"],
    ["escapes", "$$inputs.i"],
    ["undeclared step outputs", "$steps.src.output.other"],
  ])("does not check %s", (_label, value) => {
    expect(check(wire("string", value)).filter((r) => r.code === "TYPE_MISMATCH")).toEqual([]);
  });

  it("skips undefined steps and undeclared inputs (other rules report them)", () => {
    const found = check(wire("string", "$steps.ghost.output.x")).concat(
      check(wire("string", "$inputs.nope")),
    );
    expect(found.map((r) => r.code)).toEqual(["UNDEFINED_STEP_REFERENCE", "UNDECLARED_INPUT"]);
  });

  it("runs only with typeCheck on (the default)", () => {
    const wf = wire("string", "$inputs.i");
    expect(check(wf, { typeCheck: "on" })).toHaveLength(1);
    expect(check(wf, { typeCheck: "off" })).toEqual([]);
  });

  it("comes after D2 errors and reports inputs in key order with a path array", () => {
    const wf = workflow({
      inputs,
      steps: [
        tool("use", {
          condition: "$nope",
          inputs: {
            z: { type: "int", value: "$inputs.s" },
            y: { type: "string", value: "$inputs.b" },
          },
        }),
      ],
    });
    const found = validateDefinition(wf);
    expect(found.map((d) => d.code)).toEqual([
      "UNKNOWN_REFERENCE",
      "TYPE_MISMATCH",
      "TYPE_MISMATCH",
    ]);
    expect(found[1]?.path).toEqual(["steps", 0, "inputs", "z", "value"]);
    expect(found[2]?.path).toEqual(["steps", 0, "inputs", "y", "value"]);
  });

  it("uses the last declaration of a duplicated step id", () => {
    const wf = workflow({
      steps: [
        tool("src", { outputs: { v: { type: "int" } } }),
        tool("src", { outputs: { v: { type: "string" } } }),
        tool("use", { inputs: { x: { type: "string", value: "$steps.src.output.v" } } }),
      ],
    });
    expect(check(wf).map((r) => r.code)).toEqual(["DUPLICATE_STEP_ID"]);
  });
});
