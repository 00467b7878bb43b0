// Conformance: value resolution R-VALUE (§3.2, C12) and templates (§4.10, C13), observed through
// step inputs, step outputs and workflow outputs of real runs.
import { describe, expect, it } from "vitest";
import { MockToolAdapter } from "../../src/index.js";
import { echoAdapter, record, runSkill, skill } from "./helpers.js";

const INPUTS = `
  inputs:
    n: { type: int }
    f: { type: float }
    flag: { type: boolean }
    tags: { type: array }
    obj: { type: object }
    mixed: { type: array }
    o: { type: object, nullable: true }
    maybe: { type: string, nullable: true }
`;
const CALLER = {
  n: 7,
  f: 1.5,
  flag: true,
  tags: ["a"],
  obj: { a: 1 },
  mixed: [1, "2", null],
  o: null,
};

async function resolveInputs(values: Record<string, string>) {
  const lines = Object.entries(values).map(([name, decl]) => `          ${name}: ${decl}`);
  const yaml = `${INPUTS}
  steps:
    - id: s
      type: tool
      tool: echo
      inputs:
${lines.join("\n")}
`;
  const { log } = await runSkill(skill(yaml), { toolAdapter: echoAdapter(), inputs: CALLER });
  expect(log.error).toBeUndefined();
  expect(log.status).toBe("success");
  return record(log, "s").inputs ?? {};
}

describe("R-VALUE (§3.2, C12)", () => {
  it("rule 1: non-strings are used as is; lists and mappings are searched only for template blocks (§13.7)", async () => {
    const got = await resolveInputs({
      num: "{ type: int, value: 5 }",
      flt: "{ type: float, value: 2.5 }",
      bool: "{ type: boolean, value: false }",
      nul: "{ type: string, value: null }",
      list: '{ type: array, value: [1, "$inputs.n", "${inputs.n}"] }',
      map: "{ type: object, value: { a: $inputs.n, b: { c: $inputs.flag } } }",
    });
    expect(got).toStrictEqual({
      num: 5,
      flt: 2.5,
      bool: false,
      nul: null,
      // [EXT] §13.7 (the one intended change): a nested `${…}` leaf is resolved, keeping its type.
      list: [1, "$inputs.n", 7],
      map: { a: "$inputs.n", b: { c: "$inputs.flag" } },
    });
  });

  it("rule 2: a leading $$ yields the string without its first character", async () => {
    const got = await resolveInputs({
      money: '{ type: string, value: "$$100" }',
      ref: '{ type: string, value: "$$inputs.n" }',
      tpl: '{ type: string, value: "$${inputs.n}" }',
    });
    expect(got).toStrictEqual({ money: "$100", ref: "$inputs.n", tpl: "${inputs.n}" });
  });

  it("rule 4: a leading $ makes the whole string one expression of any type", async () => {
    const got = await resolveInputs({
      n: "{ type: int, value: $inputs.n }",
      gt: "{ type: boolean, value: $inputs.n > 5 }",
      arr: "{ type: array, value: $inputs.tags }",
      len: "{ type: int, value: $inputs.tags.length }",
      first: '{ type: string, value: "$inputs.tags[0]" }',
      nul: "{ type: object, value: $inputs.o }",
      coalesce: '{ type: string, value: $inputs.maybe ?? "anon" }',
    });
    expect(got).toStrictEqual({
      n: 7,
      gt: true,
      arr: ["a"],
      len: 1,
      first: "a",
      nul: null,
      coalesce: "anon",
    });
  });

  it("rule 5: any other string is itself", async () => {
    const got = await resolveInputs({
      plain: "{ type: string, value: hello }",
      inner: '{ type: string, value: "cost: 5$ and $inputs.n" }',
      brace: '{ type: string, value: "{not a template}" }',
    });
    expect(got).toStrictEqual({
      plain: "hello",
      inner: "cost: 5$ and $inputs.n",
      brace: "{not a template}",
    });
  });
});

describe("templates (§4.10, C13)", () => {
  it("a whole-value block keeps the type of its result", async () => {
    const got = await resolveInputs({
      num: '{ type: int, value: "${inputs.n}" }',
      arr: '{ type: array, value: "${inputs.mixed}" }',
      obj: '{ type: object, value: "${inputs.obj}" }',
      cmp: '{ type: boolean, value: "${inputs.n >= 5}" }',
      nul: '{ type: object, value: "${inputs.o}" }',
      dflt: "{ type: string, value: '${inputs.maybe ?? \"anon\"}' }",
      absent: '{ type: string, value: "${inputs.maybe}" }',
    });
    expect(got.num).toBe(7);
    expect(got.arr).toStrictEqual([1, "2", null]);
    expect(got.obj).toStrictEqual({ a: 1 });
    expect(got.cmp).toBe(true);
    expect(got.nul).toBeNull();
    expect(got.dflt).toBe("anon");
    expect(got.absent).toBeUndefined();
  });

  it("mixed text stringifies each block per the stringify table", async () => {
    const got = await resolveInputs({
      n: '{ type: string, value: "n=${inputs.n}" }',
      f: '{ type: string, value: "f=${inputs.f}" }',
      b: '{ type: string, value: "b=${inputs.flag}" }',
      t: '{ type: string, value: "t=${inputs.tags}" }',
      m: '{ type: string, value: "m=${inputs.mixed}" }',
      o: '{ type: string, value: "o=${inputs.obj}" }',
      nul: '{ type: string, value: "o=${inputs.o}" }',
      absent: '{ type: string, value: "x=${inputs.maybe}." }',
      two: '{ type: string, value: "${inputs.n}-${inputs.flag}" }',
      str: '{ type: string, value: "[${inputs.tags[0]}]" }',
    });
    expect(got).toStrictEqual({
      n: "n=7",
      f: "f=1.5",
      b: "b=true",
      t: 't=["a"]',
      m: 'm=[1,"2",null]',
      o: 'o={"a":1}',
      nul: "o=",
      absent: "x=.",
      two: "7-true",
      str: "[a]",
    });
  });

  it("$${ is a literal ${ and ${} is not a block", async () => {
    // Note: a value that is exactly "${}" is not a template (no block) but starts with "$", so
    // R-VALUE rule 4 makes it an expression (→ `Expected identifier after $`); §4.10's example
    // `"${}"` → `"${}"` describes template resolution only. Hence the surrounding text here.
    const got = await resolveInputs({
      esc: '{ type: string, value: "a$${b}" }',
      escAndBlock: '{ type: string, value: "lit $${x} and ${inputs.n}" }',
      emptyText: '{ type: string, value: "a ${} b" }',
      emptyAndBlock: '{ type: string, value: "a ${} ${inputs.n}" }',
    });
    expect(got).toStrictEqual({
      esc: "a${b}",
      escAndBlock: "lit ${x} and 7",
      emptyText: "a ${} b",
      emptyAndBlock: "a ${} 7",
    });
  });

  it("a leading space inside a block is an expression error, reported before running (§12 D2)", async () => {
    const adapter = echoAdapter();
    const { log, events } = await runSkill(
      skill(`
        inputs:
          q: { type: string }
        steps:
          - id: s
            type: tool
            tool: echo
            inputs:
              x: { type: string, value: "q=\${ inputs.q }" }
      `),
      { toolAdapter: adapter, inputs: { q: "v" } },
    );
    expect(events).toEqual([]);
    expect(log.error?.phase).toBe("validate");
    expect(log.error?.message).toContain("Expected identifier after $");
    expect(log.error?.details).toEqual([
      expect.objectContaining({
        path: "steps[0].inputs.x.value",
        message: expect.stringContaining("Expected identifier after $"),
      }),
    ]);
  });

  it('a value that is exactly "${}" is an expression (rule 4), hence a validate error (D2)', async () => {
    const { log } = await runSkill(
      skill(`
        steps:
          - id: s
            type: tool
            tool: echo
            inputs:
              x: { type: string, value: "\${}" }
      `),
      { toolAdapter: echoAdapter() },
    );
    expect(log.error?.phase).toBe("validate");
    expect(log.error?.details).toEqual([
      expect.objectContaining({
        path: "steps[0].inputs.x.value",
        message: expect.stringContaining("Expected identifier after $"),
      }),
    ]);
  });

  it("a } inside a string literal ends the block early (→ unterminated string, D2)", async () => {
    const { log } = await runSkill(
      skill(`
        inputs:
          q: { type: string, nullable: true }
        steps:
          - id: s
            type: tool
            tool: echo
            inputs:
              x: { type: string, value: '\${inputs.q ?? "}"}' }
      `),
      { toolAdapter: echoAdapter() },
    );
    expect(log.error?.phase).toBe("validate");
    expect(log.error?.message).toContain("Unterminated string literal");
  });
});

describe("R-VALUE in step outputs and workflow outputs", () => {
  it("step output values see $result; workflow output values see the final context", async () => {
    const adapter = new MockToolAdapter();
    adapter.register("src", () => ({ output: { n: 3, tags: ["x", "y"] } }));
    const { log } = await runSkill(
      skill(`
        inputs:
          who: { type: string, default: "ann" }
        outputs:
          label: { type: string, value: $steps.s.output.label }
          greeting: { type: string, value: "hi \${inputs.who}, n=\${steps.s.output.n}" }
          whole: { type: array, value: "\${steps.s.output.tags}" }
          literal: { type: object, value: { ref: $steps.s.output.n } }
          number: { type: int, value: 42 }
          escaped: { type: string, value: "$$steps" }
        steps:
          - id: s
            type: tool
            tool: src
            outputs:
              n: { type: int, value: $result.n }
              label: { type: string, value: "got \${result.n} (\${result.tags})" }
              tags: { type: array, value: "\${result.tags}" }
              lit: { type: string, value: "$$result" }
      `),
      { toolAdapter: adapter },
    );
    expect(log.status).toBe("success");
    expect(record(log, "s").output).toStrictEqual({
      n: 3,
      label: 'got 3 (["x","y"])',
      tags: ["x", "y"],
      lit: "$result",
    });
    expect(log.outputs).toStrictEqual({
      label: 'got 3 (["x","y"])',
      greeting: "hi ann, n=3",
      whole: ["x", "y"],
      literal: { ref: "$steps.s.output.n" },
      number: 42,
      escaped: "$steps",
    });
  });
});
