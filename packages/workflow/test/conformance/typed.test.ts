// Conformance: typed workflow inputs (§12 D1, D7.1, D7.6), static wiring checks (D1, D7.2),
// expressions checked before running (D2, D7.9) and the untyped reference behaviour (C11,
// typeCheck: "off").
import { describe, expect, it } from "vitest";
import { validateWorkflowSkill } from "../../src/index.js";
import { echoAdapter, lineOf, record, runSkill, skill } from "./helpers.js";

const TYPED = skill(`
  inputs:
    q: { type: string }
    n: { type: int, default: 3 }
    f: { type: float, nullable: true }
    opt: { type: string, nullable: true }
  steps:
    - id: s
      type: tool
      tool: echo
      inputs:
        q: { type: string, value: $inputs.q }
        n: { type: int, value: $inputs.n }
        opt: { type: string, value: $inputs.opt }
        opt_is_null: { type: boolean, value: $inputs.opt == null }
        opt_or: { type: string, value: $inputs.opt ?? "dflt" }
`);

describe("typed workflow inputs (D1, D7.1, D7.6)", () => {
  it("a missing required input fails in phase validate, before any event, with a source location", async () => {
    const { log, events } = await runSkill(TYPED, { toolAdapter: echoAdapter() });
    expect(events).toEqual([]);
    expect(log.status).toBe("failed");
    expect(log.error?.phase).toBe("validate");
    expect(log.error?.message).toBe('Workflow validation failed: Missing required input "q"');
    expect(log.error?.details).toHaveLength(1);
    const detail = log.error?.details?.[0];
    expect(detail?.message).toBe('Missing required input "q"');
    expect(detail?.line).toBe(lineOf(TYPED, "q: { type: string }"));
    expect(detail?.column).toBeGreaterThanOrEqual(1);
    expect(log.steps).toEqual([]);
    expect(log.inputs).toEqual({});
    expect(log.outputs).toEqual({});
    expect(log.summary).toEqual({ steps_executed: 0, steps_skipped: 0, total_duration_ms: 0 });
  });

  it("inputs with a default or nullable: true are optional; defaults bind; absent stays absent", async () => {
    const { log } = await runSkill(TYPED, { toolAdapter: echoAdapter(), inputs: { q: "hi" } });
    expect(log.status).toBe("success");
    expect(log.inputs).toStrictEqual({ q: "hi", n: 3 });
    const s = record(log, "s");
    expect(s.output).toEqual({ q: "hi", n: 3, opt_is_null: false, opt_or: "dflt" });
    expect((s.output as Record<string, unknown>).opt).toBeUndefined();
  });

  it("nullable inputs accept null; int flows into float", async () => {
    const { log } = await runSkill(TYPED, {
      toolAdapter: echoAdapter(),
      inputs: { q: "hi", opt: null, f: 2 },
    });
    expect(log.status).toBe("success");
    expect(log.inputs).toStrictEqual({ q: "hi", n: 3, opt: null, f: 2 });
    expect(record(log, "s").output).toMatchObject({ opt: null, opt_is_null: true, opt_or: "dflt" });
  });

  it.each([
    ["int", "3", "string"],
    ["int", 1.5, "float"],
    ["int", null, "null"],
    ["int", true, "boolean"],
    ["float", "1.5", "string"],
    ["float", [1], "array"],
    ["string", 5, "int"],
    ["string", 2.5, "float"],
    ["string", {}, "object"],
    ["boolean", "true", "string"],
    ["boolean", 1, "int"],
    ["array", {}, "object"],
    ["array", "a,b", "string"],
    ["object", [], "array"],
    ["object", null, "null"],
  ])("declared %s given %j → Input must be <type>, got %s", async (type, value, actual) => {
    const content = skill(`
      inputs:
        x: { type: ${type} }
      steps:
        - { id: s, type: tool, tool: echo }
    `);
    const { log, events } = await runSkill(content, {
      toolAdapter: echoAdapter(),
      inputs: { x: value },
    });
    expect(events).toEqual([]);
    expect(log.error?.phase).toBe("validate");
    expect(log.error?.message).toBe(
      `Workflow validation failed: Input "x" must be ${type}, got ${actual}`,
    );
    expect(log.error?.details).toEqual([
      expect.objectContaining({
        message: `Input "x" must be ${type}, got ${actual}`,
        line: lineOf(content, "x: { type:"),
      }),
    ]);
  });

  it.each([
    ["int", 2],
    ["int", -7],
    ["float", 0.25],
    ["float", 4],
    ["string", ""],
    ["boolean", false],
    ["array", []],
    ["object", {}],
  ])("declared %s accepts %j", async (type, value) => {
    const { log } = await runSkill(
      skill(`
        inputs:
          x: { type: ${type} }
        steps:
          - { id: s, type: tool, tool: echo }
      `),
      { toolAdapter: echoAdapter(), inputs: { x: value } },
    );
    expect(log.status).toBe("success");
  });

  it("float rejects non-finite numbers", async () => {
    for (const value of [Number.POSITIVE_INFINITY, Number.NaN]) {
      const { log } = await runSkill(
        skill(`
          inputs:
            x: { type: float }
          steps:
            - { id: s, type: tool, tool: echo }
        `),
        { toolAdapter: echoAdapter(), inputs: { x: value } },
      );
      expect(log.error?.phase).toBe("validate");
      expect(log.error?.message).toContain('Input "x" must be float, got ');
    }
  });

  it("a null given for an input with a default is kept, and therefore mistyped", async () => {
    const { log } = await runSkill(TYPED, {
      toolAdapter: echoAdapter(),
      inputs: { q: "hi", n: null },
    });
    expect(log.error?.message).toBe('Workflow validation failed: Input "n" must be int, got null');
  });

  it("collects every input problem together with the other validation errors", async () => {
    const content = skill(`
      inputs:
        a: { type: string }
        b: { type: int }
        c: { type: boolean }
      steps:
        - { id: s, type: tool, tool: echo, delay: 1s }
    `);
    const { log, events } = await runSkill(content, {
      toolAdapter: echoAdapter(),
      inputs: { b: "x", c: true },
    });
    expect(events).toEqual([]);
    const details = log.error?.details ?? [];
    expect(details.map((d) => d.message).sort()).toEqual(
      [
        '"delay" requires "each" to be present',
        'Input "b" must be int, got string',
        'Missing required input "a"',
      ].sort(),
    );
    expect(log.error?.message).toBe(
      `Workflow validation failed: ${details.map((d) => d.message).join("; ")}`,
    );
    const a = details.find((d) => d.message === 'Missing required input "a"');
    expect(a?.line).toBe(lineOf(content, "a: { type: string }"));
    const b = details.find((d) => d.message.startsWith('Input "b"'));
    expect(b?.line).toBe(lineOf(content, "b: { type: int }"));
  });
});

describe("the untyped reference behaviour with typeCheck: off (C11, §2.3)", () => {
  it("applies defaults only for missing keys, keeps null, extras and mistyped values, requires nothing", async () => {
    const content = skill(`
      inputs:
        a: { type: string, default: "A" }
        b: { type: int, default: 2 }
        c: { type: int }
        d: { type: string }
      steps:
        - id: s
          type: tool
          tool: echo
          inputs:
            a: { type: string, value: $inputs.a }
            b: { type: int, value: $inputs.b }
            c: { type: int, value: $inputs.c }
            d_is_null: { type: boolean, value: $inputs.d == null }
    `);
    const { log } = await runSkill(content, {
      toolAdapter: echoAdapter(),
      inputs: { b: null, c: "not an int", extra: { kept: true } },
      typeCheck: "off",
    });
    expect(log.status).toBe("success");
    expect(log.inputs).toStrictEqual({ b: null, c: "not an int", extra: { kept: true }, a: "A" });
    // d was omitted: absent, and absent is not == null (§4.7).
    expect(record(log, "s").output).toEqual({ a: "A", b: null, c: "not an int", d_is_null: false });
  });

  it("does not mutate the caller's inputs", async () => {
    const inputs = { b: 1 };
    await runSkill(
      skill(`
        inputs:
          a: { type: string, default: "A" }
          b: { type: int }
        steps:
          - { id: s, type: tool, tool: echo }
      `),
      { toolAdapter: echoAdapter(), inputs },
    );
    expect(inputs).toStrictEqual({ b: 1 });
  });
});

describe("static wiring checks (D1, D7.2)", () => {
  const wiring = (inputDecl: string, extraSteps = "") =>
    skill(`
      inputs:
        n: { type: int }
        f: { type: float }
        list: { type: array }
      steps:
        - id: a
          type: tool
          tool: echo
          inputs:
            count: { type: int, value: 1 }
          outputs:
            count: { type: int, value: $result.count }
        ${extraSteps}
        - id: s
          type: tool
          tool: echo
          inputs:
            x: ${inputDecl}
    `);
  const runIt = (content: string, typeCheck?: "on" | "off") =>
    runSkill(content, {
      toolAdapter: echoAdapter(),
      inputs: { n: 1, f: 1.5, list: [1] },
      ...(typeCheck ? { typeCheck } : {}),
    });

  it("rejects an input reference of another declared type", async () => {
    const { log, events } = await runIt(wiring("{ type: string, value: $inputs.n }"));
    expect(events).toEqual([]);
    expect(log.error?.phase).toBe("validate");
    expect(log.error?.details).toEqual([
      expect.objectContaining({
        path: "steps[1].inputs.x.value",
        message: 'Input "x" of step "s" expects string but "$inputs.n" is int',
      }),
    ]);
  });

  it("rejects a declared step output of another type", async () => {
    const { log } = await runIt(wiring("{ type: string, value: $steps.a.output.count }"));
    expect(log.error?.details).toEqual([
      expect.objectContaining({
        path: "steps[1].inputs.x.value",
        message: 'Input "x" of step "s" expects string but "$steps.a.output.count" is int',
      }),
    ]);
  });

  it("checks whole-value templates too", async () => {
    const { log } = await runIt(wiring('{ type: boolean, value: "${inputs.n}" }'));
    expect(log.error?.details).toEqual([
      expect.objectContaining({
        path: "steps[1].inputs.x.value",
        message: expect.stringMatching(/^Input "x" of step "s" expects boolean but ".*" is int$/),
      }),
    ]);
  });

  it("lets int flow into float but not float into int", async () => {
    const ok = await runIt(wiring("{ type: float, value: $inputs.n }"));
    expect(ok.log.status).toBe("success");
    const bad = await runIt(wiring("{ type: int, value: $inputs.f }"));
    expect(bad.log.error?.details).toEqual([
      expect.objectContaining({
        message: 'Input "x" of step "s" expects int but "$inputs.f" is float',
      }),
    ]);
  });

  it("does not check references with further accessors or mixed templates (D7.2, D7.4)", async () => {
    const a = await runIt(wiring("{ type: string, value: $inputs.list.length }"));
    expect(a.log.status).toBe("success");
    // Resolved step-input values are not type-tested at run time (D7.4).
    expect(record(a.log, "s").inputs).toEqual({ x: 1 });
    const b = await runIt(wiring('{ type: int, value: "n=${inputs.n}" }'));
    expect(b.log.status).toBe("success");
    const c = await runIt(wiring('{ type: int, value: "$inputs.list[0]" }'));
    expect(c.log.status).toBe("success");
  });

  it("is disabled with typeCheck: off, at run time and in validateWorkflowSkill", async () => {
    const content = wiring("{ type: string, value: $inputs.n }");
    const { log } = await runIt(content, "off");
    expect(log.status).toBe("success");
    expect(validateWorkflowSkill({ content, typeCheck: "off" }).valid).toBe(true);
    const on = validateWorkflowSkill({ content });
    expect(on.valid).toBe(false);
    expect(on.errors).toEqual([
      expect.objectContaining({
        path: "steps[1].inputs.x.value",
        message: 'Input "x" of step "s" expects string but "$inputs.n" is int',
      }),
    ]);
  });
});

describe("expressions are checked before running (D2, D5, D7.9)", () => {
  const check = (content: string) => validateWorkflowSkill({ content });

  it("reports a syntax error at the field path with the column of the offending character", async () => {
    const content = skill(`
      inputs:
        n: { type: int }
      steps:
        - id: s
          type: tool
          tool: echo
          condition: $inputs.n = 1
    `);
    const { log, events } = await runSkill(content, {
      toolAdapter: echoAdapter(),
      inputs: { n: 1 },
    });
    expect(events).toEqual([]);
    expect(log.error?.phase).toBe("validate");
    const d = log.error?.details?.[0];
    expect(log.error?.details).toHaveLength(1);
    expect(d?.path).toBe("steps[0].condition");
    expect(d?.message).toContain("Unexpected character: =");
    const line = lineOf(content, "condition: $inputs.n = 1");
    const lineText = content.split("\n")[line - 1] ?? "";
    expect(d?.line).toBe(line);
    expect(d?.column).toBe(lineText.indexOf("= 1") + 1);
  });

  it.each([
    ["an unknown root", "condition: $foo == 1", "steps[0].condition", "$foo"],
    ["an undeclared input", "condition: $inputs.nope == 1", "steps[0].condition", "nope"],
    ["$item outside an each step", "condition: $item == 1", "steps[0].condition", "$item"],
    ["$index outside an each step", "condition: $index == 1", "steps[0].condition", "$index"],
    [
      "$result in a step input",
      "inputs: { x: { type: int, value: $result.x } }",
      "steps[0].inputs.x.value",
      "$result",
    ],
    ["a non-associative comparison", 'condition: "1 == 1 == 1"', "steps[0].condition", ""],
    ["a bare identifier", "condition: score > 5", "steps[0].condition", "score"],
    ["an accessor after a literal", "condition: '(\"a\").x == 1'", "steps[0].condition", ""],
    ["$item in the each expression (D7.9)", "each: $item", "steps[0].each", "$item"],
  ])("%s is a validate error", async (_label, field, path, mention) => {
    const result = check(
      skill(`
        inputs:
          n: { type: int }
        steps:
          - id: s
            type: tool
            tool: echo
            ${field}
      `),
    );
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      expect.objectContaining({ path, message: expect.stringContaining(mention) }),
    ]);
  });

  it("$result in a workflow output is V25", () => {
    const result = check(
      skill(`
        outputs:
          o: { type: int, value: $result.x }
        steps:
          - { id: s, type: tool, tool: echo }
      `),
    );
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: "outputs.o.value",
        message:
          '"$result" is not valid in workflow output "value" — use "$steps.<id>.output" instead. "$result" is only valid in step output "value".',
      }),
    ]);
  });

  it("accepts $item/$index in each steps (inputs, outputs), filter where and map expression", () => {
    const result = check(
      skill(`
        inputs:
          xs: { type: array }
        steps:
          - id: e
            type: tool
            tool: echo
            each: $inputs.xs
            inputs: { v: { type: string, value: "\${index}:\${item}" } }
            outputs: { at: { type: int, value: $index }, it: { type: string, value: $item } }
          - id: f
            type: transform
            operation: filter
            where: $item != null && $index >= 0
            inputs: { items: { type: array, value: $inputs.xs } }
          - id: m
            type: transform
            operation: map
            expression: { v: $item, i: $index }
            inputs: { items: { type: array, value: $inputs.xs } }
      `),
    );
    expect(result).toMatchObject({ valid: true, errors: [] });
  });

  it("collects every expression error (no fail-fast)", () => {
    const result = check(
      skill(`
        steps:
          - id: a
            type: tool
            tool: echo
            condition: $nope
          - id: b
            type: tool
            tool: echo
            inputs: { x: { type: string, value: "$inputs.missing" } }
      `),
    );
    expect(result.errors.map((e) => e.path)).toEqual([
      "steps[0].condition",
      "steps[1].inputs.x.value",
    ]);
  });
});
