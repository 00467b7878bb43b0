// §12 D2: syntax and reference scope of every expression site, D7.9, and locations inside expressions.
import { describe, expect, it, vi } from "vitest";
import { ExpressionCache } from "../../src/expression/index.js";
import { validateDefinition } from "../../src/validate/index.js";
import { check, fakeSourceMap, steps, tool, workflow } from "./helpers.js";

const declared = { inputs: { n: { type: "int" }, l: { type: "array" }, k: { type: "string" } } };
const withInputs = (...list: Record<string, unknown>[]) => workflow({ ...declared, steps: list });
const value = (v: unknown) => ({ inputs: { v: { type: "string", value: v } } });
const exit = (output: unknown) => ({ id: "x", type: "exit", status: "success", output });
const filter = (where: string, extra: Record<string, unknown> = {}) => ({
  id: "f",
  type: "transform",
  operation: "filter",
  where,
  ...extra,
});
const map = (expression: Record<string, unknown>) => ({
  id: "m",
  type: "transform",
  operation: "map",
  expression,
});
const codesOf = (wf: ReturnType<typeof workflow>) => check(wf).map((r) => [r.code, r.path]);

describe("D2 syntax", () => {
  it("reports a syntax error with the parser's message", () => {
    const [d] = validateDefinition(withInputs(tool("a", value("$inputs.n =="))));
    expect(d?.code).toBe("EXPRESSION_SYNTAX");
    expect(d?.path).toEqual(["steps", 0, "inputs", "v", "value"]);
    expect(d?.message).toMatch(/^Unexpected token: EOF/);
  });

  it("an exit string output without $ is an expression (§3.8)", () => {
    expect(check(steps(exit("hello")))).toEqual([
      {
        code: "EXPRESSION_SYNTAX",
        path: "steps[0].output",
        message: 'Unexpected token: IDENTIFIER ("hello")',
      },
    ]);
  });

  it.each([
    ["guard", tool("a", { condition: "$inputs.n >" }), "steps[0].condition"],
    [
      "conditional predicate",
      { id: "c", type: "conditional", condition: "a == b == c", then: ["t"] },
      "steps[0].condition",
    ],
    ["each", tool("a", { each: "$inputs.l[" }), "steps[0].each"],
    ["filter where", filter("score > 5"), "steps[0].where"],
    ["map value", map({ a: "$item.a ==" }), "steps[0].expression.a"],
    ["nested map value", map({ a: { b: { c: "$item &" } } }), "steps[0].expression.a.b.c"],
    ["map value that looks like a template", map({ a: "${item.a}" }), "steps[0].expression.a"],
    [
      "step output value",
      tool("a", { outputs: { o: { type: "int", value: "$result.x >" } } }),
      "steps[0].outputs.o.value",
    ],
    ["template block", tool("a", value("q=${ inputs.k }")), "steps[0].inputs.v.value"],
    ["exit mapping value", exit({ a: "$inputs.n !" }), "steps[0].output.a"],
    ["exit mapping template", exit({ a: "n=${inputs.n ==}" }), "steps[0].output.a"],
  ])("in a %s", (_label, step, path) => {
    const wf = withInputs(step, tool("t"));
    expect(codesOf(wf)).toEqual([["EXPRESSION_SYNTAX", path]]);
  });

  it("a workflow output value is checked", () => {
    const wf = workflow({
      outputs: { o: { type: "int", value: "$steps.a.output.x ===" } },
      steps: [tool("a")],
    });
    expect(codesOf(wf)).toEqual([["EXPRESSION_SYNTAX", "outputs.o.value"]]);
  });

  it("reports nesting beyond the parser's limit as EXPRESSION_TOO_DEEP", () => {
    const deep = `${"(".repeat(500)}$inputs.n${")".repeat(500)}`;
    expect(codesOf(withInputs(tool("a", { condition: deep })))).toEqual([
      ["EXPRESSION_TOO_DEEP", "steps[0].condition"],
    ]);
  });

  it("leaves literals alone: plain strings, $$ escapes, non-strings, nested exit mappings", () => {
    const wf = withInputs(
      tool("a", {
        inputs: {
          p: { type: "string", value: "hello world" },
          q: { type: "string", value: "$$100 ==" },
          r: { type: "string", value: "$${inputs.nope" },
          s: { type: "object", value: { a: "$nope ==" } },
          t: { type: "int", value: 5 },
          u: { type: "string", value: "price: ${}" },
        },
      }),
      map({ a: "plain", b: "$$x ==", c: ["$nope"], d: 3 }),
      exit({ a: "plain text", b: { c: "$nope ==" }, c: ["$nope"], d: "$$ ==" }),
    );
    expect(check(wf)).toEqual([]);
  });

  it("an empty guard or each is not an expression (reference truthiness)", () => {
    expect(check(withInputs(tool("a", { condition: "", each: "" }), exit("")))).toEqual([]);
  });

  it("still runs with typeCheck off", () => {
    expect(
      check(withInputs(tool("a", { condition: "$nope" })), { typeCheck: "off" }).map((r) => r.code),
    ).toEqual(["UNKNOWN_REFERENCE"]);
  });
});

describe("D2 unknown references", () => {
  it("reports any $ root other than inputs, steps, item, index, result", () => {
    expect(check(withInputs(tool("a", { condition: "$inputs.n > 1 && $foo.bar" })))).toEqual([
      { code: "UNKNOWN_REFERENCE", path: "steps[0].condition", message: "Unknown reference: $foo" },
    ]);
  });

  it("reports each distinct problem of one expression once", () => {
    const wf = withInputs(tool("a", { condition: "$foo == $foo || $bar" }));
    expect(check(wf).map((r) => r.message)).toEqual([
      "Unknown reference: $foo",
      "Unknown reference: $bar",
    ]);
  });

  it("reads references inside template blocks", () => {
    expect(codesOf(withInputs(tool("a", value("a=${inputs.n}, b=${other.x}"))))).toEqual([
      ["UNKNOWN_REFERENCE", "steps[0].inputs.v.value"],
    ]);
  });

  it("a `.$x` member is not a reference", () => {
    expect(check(withInputs(tool("a", { condition: "$inputs.$n > 0" })))).toEqual([]);
  });
});

describe("D2 $item / $index scope", () => {
  it.each([
    ["input of an each step", tool("a", { each: "$inputs.l", ...value("$item.name") })],
    [
      "output of an each step",
      tool("a", { each: "$inputs.l", outputs: { o: { type: "int", value: "$index" } } }),
    ],
    ["filter where", filter("$item.score > 5 && $index < 3")],
    ["filter where of an each step", filter("$item.ok", { each: "$inputs.l" })],
    ["map value", map({ name: "$item.name", pos: { at: "$index" } })],
  ])("allowed in a %s", (_label, step) => {
    expect(check(withInputs(step))).toEqual([]);
  });

  it.each([
    ["input of a plain step", tool("a", value("$item.name")), "steps[0].inputs.v.value"],
    ["template input of a plain step", tool("a", value("#${index}")), "steps[0].inputs.v.value"],
    [
      "output of a plain step",
      tool("a", { outputs: { o: { type: "int", value: "$index" } } }),
      "steps[0].outputs.o.value",
    ],
    ["guard of a plain step", tool("a", { condition: "$item" }), "steps[0].condition"],
    ["exit output", exit("$index"), "steps[0].output"],
    ["exit mapping value", exit({ a: "$item" }), "steps[0].output.a"],
  ])("an error in a %s", (_label, step, path) => {
    expect(codesOf(withInputs(step))).toEqual([["ITEM_OUTSIDE_EACH", path]]);
  });

  it("an error in a workflow output", () => {
    const wf = workflow({ outputs: { o: { type: "int", value: "$index" } }, steps: [tool("a")] });
    expect(codesOf(wf)).toEqual([["ITEM_OUTSIDE_EACH", "outputs.o.value"]]);
  });

  it("D7.9: an error in the guard or the each expression of an each step", () => {
    const wf = withInputs(tool("a", { condition: "$item.ok", each: "$item.children ?? $index" }));
    const found = check(wf);
    expect(found.map((r) => [r.code, r.path])).toEqual([
      ["ITEM_OUTSIDE_EACH", "steps[0].condition"],
      ["ITEM_OUTSIDE_EACH", "steps[0].each"],
      ["ITEM_OUTSIDE_EACH", "steps[0].each"],
    ]);
    expect(found[0]?.message).toContain('"condition"');
    expect(found[1]?.message).toContain('"$item"');
    expect(found[2]?.message).toContain('"$index"');
  });
});

describe("D2 $result scope", () => {
  it("is allowed in step output values only", () => {
    const wf = withInputs(
      tool("a", {
        outputs: {
          o: { type: "int", value: "$result.n" },
          t: { type: "string", value: "n=${result.n}" },
        },
      }),
    );
    expect(check(wf)).toEqual([]);
  });

  it.each([
    ["step input", tool("a", value("$result")), "steps[0].inputs.v.value"],
    ["guard", tool("a", { condition: "$result" }), "steps[0].condition"],
    ["each", tool("a", { each: "$result.items" }), "steps[0].each"],
    ["filter where", filter("$result"), "steps[0].where"],
    ["map value", map({ a: "$result" }), "steps[0].expression.a"],
    ["exit output", exit("$result"), "steps[0].output"],
  ])("is an error in a %s", (_label, step, path) => {
    expect(codesOf(withInputs(step))).toEqual([["RESULT_OUTSIDE_OUTPUT", path]]);
  });

  it("is not reported twice for workflow outputs V25 already covers", () => {
    const wf = workflow({
      outputs: {
        a: { type: "int", value: "$result.x" },
        b: { type: "string", value: "v=${result.x}" },
        c: { type: "int", value: "${result}" },
        d: { type: "int", value: "$steps.s.output ?? $result" },
      },
      steps: [tool("s")],
    });
    expect(codesOf(wf)).toEqual([
      ["RESULT_IN_WORKFLOW_OUTPUT", "outputs.a.value"],
      ["RESULT_IN_WORKFLOW_OUTPUT", "outputs.b.value"],
      ["RESULT_OUTSIDE_OUTPUT", "outputs.c.value"],
      ["RESULT_OUTSIDE_OUTPUT", "outputs.d.value"],
    ]);
  });
});

describe("D2 undeclared inputs", () => {
  it.each([
    ["$inputs.nope", "nope"],
    ['$inputs["nope"]', "nope"],
    ["$inputs[0]", "0"],
    ["${inputs.nope}", "nope"],
    ["$inputs.n == $inputs.nope.deep", "nope"],
  ])("%s", (text, name) => {
    const found = check(withInputs(tool("a", value(text))));
    expect(found.map((r) => r.code)).toEqual(["UNDECLARED_INPUT"]);
    expect(found[0]?.message).toContain(`"${name}"`);
  });

  it.each(["$inputs", "$inputs[$inputs.k]", "$inputs.n.deep[0]"])("no error for %s", (text) => {
    expect(check(withInputs(tool("a", value(text))))).toEqual([]);
  });

  it('typeCheck "off" lets undeclared inputs be read, as the reference did (§2.3)', () => {
    const wf = withInputs(tool("a", value("$inputs.nope")));
    expect(validateDefinition(wf, { typeCheck: "off" })).toEqual([]);
    expect(validateDefinition(wf).map((d) => d.code)).toEqual(["UNDECLARED_INPUT"]);
  });

  it("own keys only: inherited names are undeclared", () => {
    expect(check(withInputs(tool("a", value("$inputs.constructor")))).map((r) => r.code)).toEqual([
      "UNDECLARED_INPUT",
    ]);
  });
});

describe("D2 and the expression cache", () => {
  it("parses through the given cache so the compile stage can reuse the trees", () => {
    const cache = new ExpressionCache();
    const expression = vi.spyOn(cache, "expression");
    const template = vi.spyOn(cache, "template");
    validateDefinition(
      withInputs(tool("a", { condition: "$inputs.n > 1", ...value("n=${inputs.n}") })),
      { expressions: cache },
    );
    expect(expression).toHaveBeenCalledWith("$inputs.n > 1");
    expect(template).toHaveBeenCalledWith("n=${inputs.n}");
  });
});

describe("D5 locations inside expressions", () => {
  // fakeSourceMap: line = position in the list + 1; character i of a string is at column 11 + i.
  const map = fakeSourceMap([
    "steps[0].condition",
    "steps[0].inputs.v.value",
    "outputs.o.value",
    "steps[0].tool",
  ]);

  it("points a syntax error at the offending character", () => {
    const [d] = validateDefinition(withInputs(tool("a", { condition: "$inputs.n > 1 & 2" })), {
      sourceMap: map,
    });
    expect(d).toMatchObject({ code: "EXPRESSION_SYNTAX", line: 1, column: 11 + 14 });
  });

  it("points a reference error at the reference", () => {
    const [d] = validateDefinition(withInputs(tool("a", { condition: "$inputs.n > $foo" })), {
      sourceMap: map,
    });
    expect(d).toMatchObject({ code: "UNKNOWN_REFERENCE", line: 1, column: 11 + 12, offset: 22 });
  });

  it("maps positions inside template blocks back to the whole string", () => {
    const text = "n=${inputs.n}, x=${inputs.nope}";
    const [d] = validateDefinition(withInputs(tool("a", value(text))), { sourceMap: map });
    expect(d).toMatchObject({
      code: "UNDECLARED_INPUT",
      line: 2,
      column: 11 + text.indexOf("${inputs.nope}"),
    });
  });

  it("points a template syntax error inside the string", () => {
    const text = "q=${ inputs.k }";
    const [d] = validateDefinition(withInputs(tool("a", value(text))), { sourceMap: map });
    expect(d?.code).toBe("EXPRESSION_SYNTAX");
    expect(d?.line).toBe(2);
    expect(d?.column).toBeGreaterThanOrEqual(11 + 2);
    expect(d?.column).toBeLessThanOrEqual(11 + 4);
  });

  it("locates non-expression diagnostics at their node", () => {
    const [d] = validateDefinition(steps(tool("a", { tool: "x" })), {
      sourceMap: map,
      toolAdapter: { has: () => false, invoke: () => Promise.resolve({ output: null }) },
    });
    expect(d).toMatchObject({ code: "UNKNOWN_TOOL", line: 4, column: 10 });
  });

  it("falls back to the nearest located ancestor, and to no location without a map", () => {
    const [located] = validateDefinition(steps(tool("a", { tool: "x" }), tool("a")), {
      sourceMap: fakeSourceMap(["steps[1]"]),
    });
    expect(located).toMatchObject({ code: "DUPLICATE_STEP_ID", line: 1, column: 10 });
    const [bare] = validateDefinition(steps(tool("a"), tool("a")));
    expect(bare).not.toHaveProperty("line");
    expect(bare).not.toHaveProperty("column");
    expect(bare).not.toHaveProperty("offset");
  });

  it("a throwing source map only loses the location", () => {
    const broken = fakeSourceMap([]);
    broken.locate = () => {
      throw new Error("bug");
    };
    const [d] = validateDefinition(steps(tool("a"), tool("a")), { sourceMap: broken });
    expect(d?.code).toBe("DUPLICATE_STEP_ID");
    expect(d).not.toHaveProperty("line");
  });
});
