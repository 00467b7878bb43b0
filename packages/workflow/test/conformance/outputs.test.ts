// Conformance: step output mapping (§3.4, C29), workflow outputs (§6.9, C38) and the output type
// tests of §12 D1 (step outputs, D7.3; workflow outputs, D7.5).
import { describe, expect, it } from "vitest";
import { echoAdapter, eventsOf, record, runSkill, skill } from "./helpers.js";
import type { SkillRunOptions } from "./helpers.js";

/** Adapter whose tool `src` returns `raw` and `bad` fails; plus `echo`. */
function sources(raw: unknown) {
  const adapter = echoAdapter();
  adapter.register("src", () => ({ output: raw }));
  adapter.register("bad", () => ({ output: null, error: "boom" }));
  return adapter;
}

async function mapped(outputs: string, raw: unknown, options: SkillRunOptions = {}) {
  const { log } = await runSkill(
    skill(`
      steps:
        - id: s
          type: tool
          tool: src
          outputs:
${outputs
  .split("\n")
  .map((l) => `            ${l}`)
  .join("\n")}
    `),
    { toolAdapter: sources(raw), ...options },
  );
  return { log, s: record(log, "s") };
}

describe("step output mapping (§3.4, C29)", () => {
  it("passes the raw result through unchanged (not copied) when no output has a value", async () => {
    const raw = { a: 1, extra: 2, nested: { x: 1 } };
    const { s } = await mapped("a: { type: int }", raw);
    expect(s.status).toBe("success");
    // §7.1 [K4]: no value is copied; the record holds what the step produced.
    expect(s.output).toBe(raw);
    expect(raw).toEqual({ a: 1, extra: 2, nested: { x: 1 } });
  });

  it("passes a non-mapping raw result through unchanged when no output has a value (typeCheck off)", async () => {
    const { s } = await mapped("a: { type: int }", "just text", { typeCheck: "off" });
    expect(s.output).toBe("just text");
  });

  it("builds a fresh mapping in declaration order when some output has a value", async () => {
    const { s } = await mapped(
      `a: { type: int, value: $result.x }
b: { type: int }
all: { type: object, value: $result }`,
      { x: 5, b: 6, other: 7 },
    );
    expect(s.output).toStrictEqual({ a: 5, b: 6, all: { x: 5, b: 6, other: 7 } });
    expect(Object.keys(s.output as object)).toEqual(["a", "b", "all"]);
  });

  it("unmapped names take null when missing or when the raw result is not a mapping (typeCheck off)", async () => {
    const missing = await mapped(
      "a: { type: int, value: $result.x }\nb: { type: int }",
      { x: 1 },
      {
        typeCheck: "off",
      },
    );
    expect(missing.s.output).toStrictEqual({ a: 1, b: null });
    const list = await mapped("n: { type: int, value: $result.length }\nb: { type: int }", [1, 2], {
      typeCheck: "off",
    });
    expect(list.s.output).toStrictEqual({ n: 2, b: null });
    const nul = await mapped("a: { type: int, value: $result }\nb: { type: int }", null, {
      typeCheck: "off",
    });
    expect(nul.s.output).toStrictEqual({ a: null, b: null });
  });

  it("a value resolving to absent keeps the key holding undefined (typeCheck off)", async () => {
    const { s } = await mapped(
      "a: { type: int, value: $result.nope }",
      { x: 1 },
      { typeCheck: "off" },
    );
    expect(s.output).toEqual({ a: undefined });
    expect(Object.keys(s.output as object)).toEqual(["a"]);
  });

  it("nullable outputs accept null with typeCheck on", async () => {
    const { s, log } = await mapped(
      "a: { type: int, value: $result.x }\nb: { type: string, nullable: true }",
      { x: 1 },
    );
    expect(log.status).toBe("success");
    expect(s.output).toStrictEqual({ a: 1, b: null });
  });
});

describe("workflow outputs (§6.9, C38)", () => {
  it("are {} when none are declared", async () => {
    const { log } = await runSkill(skill(`steps: [{ id: s, type: tool, tool: src }]`), {
      toolAdapter: sources({ a: 1 }),
    });
    expect(log.outputs).toStrictEqual({});
  });

  it("resolve values against the final context; names without value read the last output", async () => {
    const { log } = await runSkill(
      skill(`
        inputs:
          q: { type: string, default: "x" }
        outputs:
          count: { type: int, value: $steps.first.output.items.length }
          query: { type: string, value: $inputs.q }
          items: { type: array }
          missing: { type: string, nullable: true }
        steps:
          - id: first
            type: tool
            tool: src
          - id: last
            type: tool
            tool: echo
            inputs:
              items: { type: array, value: $steps.first.output.items }
      `),
      { toolAdapter: sources({ items: [1, 2, 3] }) },
    );
    expect(log.status).toBe("success");
    expect(log.outputs).toStrictEqual({ count: 3, query: "x", items: [1, 2, 3], missing: null });
  });

  it("names without value are null when the last output is not a mapping (typeCheck off)", async () => {
    const { log } = await runSkill(
      skill(`
        outputs:
          n: { type: int, value: $steps.s.output.length }
          items: { type: array }
        steps:
          - { id: s, type: tool, tool: src }
      `),
      { toolAdapter: sources([1, 2]), typeCheck: "off" },
    );
    expect(log.outputs).toStrictEqual({ n: 2, items: null });
  });

  it("with no value anywhere, read same-named properties of a mapping last output", async () => {
    const { log } = await runSkill(
      skill(`
        outputs:
          a: { type: int }
          b: { type: string }
        steps:
          - { id: s, type: tool, tool: src }
      `),
      { toolAdapter: sources({ a: 1, b: "two", c: 3 }) },
    );
    expect(log.outputs).toStrictEqual({ a: 1, b: "two" });
  });

  it("with no value anywhere, a non-mapping last output sets only the first declared name", async () => {
    const { log } = await runSkill(
      skill(`
        outputs:
          first: { type: array }
          second: { type: array }
        steps:
          - { id: s, type: tool, tool: src }
      `),
      { toolAdapter: sources([1, 2]), typeCheck: "off" },
    );
    expect(log.status).toBe("success");
    expect(log.outputs).toStrictEqual({ first: [1, 2] });
  });

  it("a guard-skipped last step makes the last output null (typeCheck off)", async () => {
    const { log } = await runSkill(
      skill(`
        outputs:
          a: { type: int }
          b: { type: int }
        steps:
          - { id: s, type: tool, tool: src }
          - { id: t, type: tool, tool: src, condition: "false" }
      `),
      { toolAdapter: sources({ a: 1, b: 2 }), typeCheck: "off" },
    );
    expect(log.outputs).toStrictEqual({ a: null });
  });

  it("are resolved on failed runs too; the last output is that of the last step before the halt", async () => {
    const { log } = await runSkill(
      skill(`
        outputs:
          a: { type: int }
          b: { type: int }
        steps:
          - { id: s, type: tool, tool: src }
          - { id: fail, type: tool, tool: bad }
          - { id: never, type: tool, tool: echo }
      `),
      { toolAdapter: sources({ a: 1, b: 2 }) },
    );
    expect(log.status).toBe("failed");
    expect(log.error).toEqual({ phase: "execute", message: 'Tool "bad": boom' });
    expect(log.outputs).toStrictEqual({ a: 1, b: 2 });
  });

  it("value outputs referencing failed or unrun steps resolve to null / absent (typeCheck off)", async () => {
    const { log } = await runSkill(
      skill(`
        outputs:
          ok: { type: object, value: $steps.s.output }
          failed: { type: object, value: $steps.fail.output }
          unrun: { type: object, value: $steps.never.output }
        steps:
          - { id: s, type: tool, tool: src }
          - { id: fail, type: tool, tool: bad }
          - { id: never, type: tool, tool: echo }
      `),
      { toolAdapter: sources({ a: 1 }), typeCheck: "off" },
    );
    expect(log.status).toBe("failed");
    expect(log.outputs.ok).toEqual({ a: 1 });
    expect(log.outputs.failed).toBeNull();
    expect(log.outputs.unrun).toBeUndefined();
  });
});

describe("step output type tests (§12 D1, D7.3)", () => {
  it.each([
    ["int", 1.5, "float"],
    ["int", "1", "string"],
    ["string", 5, "int"],
    ["string", null, "null"],
    ["boolean", "true", "string"],
    ["array", {}, "object"],
    ["object", [], "array"],
    ["object", null, "null"],
    ["float", true, "boolean"],
    ["float", "1.5", "string"],
  ])("declared %s, got %j → %s", async (type, value, actual) => {
    const { s, log } = await mapped(`v: { type: ${type}, value: $result.v }`, { v: value });
    expect(s).toMatchObject({
      status: "failed",
      error: `Output "v" of step "s" must be ${type}, got ${actual}`,
    });
    expect(s).not.toHaveProperty("output");
    expect(log.error).toEqual({
      phase: "execute",
      message: `Output "v" of step "s" must be ${type}, got ${actual}`,
    });
  });

  it.each([
    ["int", 2],
    ["float", 3],
    ["float", 1.5],
    ["string", ""],
    ["boolean", false],
    ["array", []],
    ["object", {}],
  ])("declared %s accepts %j", async (type, value) => {
    const { s } = await mapped(`v: { type: ${type}, value: $result.v }`, { v: value });
    expect(s.status).toBe("success");
  });

  it("without value, tests the same-named property of the raw result (D7.3)", async () => {
    const wrong = await mapped("n: { type: int }", { n: "x" });
    expect(wrong.s.error).toBe('Output "n" of step "s" must be int, got string');
    const absent = await mapped("n: { type: int }", "not a mapping");
    expect(absent.s.error).toBe('Output "n" of step "s" must be int, got absent');
    const missing = await mapped("n: { type: int }", { other: 1 });
    expect(missing.s.error).toBe('Output "n" of step "s" must be int, got absent');
  });

  it("is subject to on_error: an ignored failure continues with null output", async () => {
    const { log, events } = await runSkill(
      skill(`
        steps:
          - id: s
            type: tool
            tool: src
            on_error: ignore
            outputs: { n: { type: int, value: $result.n } }
          - id: next
            type: tool
            tool: echo
            inputs: { was_null: { type: boolean, value: $steps.s.output == null } }
      `),
      { toolAdapter: sources({ n: "x" }) },
    );
    expect(log.status).toBe("success");
    expect(record(log, "next").output).toEqual({ was_null: true });
    expect(eventsOf(events, "step_error")).toEqual([
      {
        type: "step_error",
        stepId: "s",
        error: 'Output "n" of step "s" must be int, got string',
        onError: "ignore",
      },
    ]);
  });

  it("does not test skipped steps, conditional or exit steps", async () => {
    const { log } = await runSkill(
      skill(`
        steps:
          - id: skipped
            type: tool
            tool: src
            condition: "false"
            outputs: { n: { type: int } }
          - id: c
            type: conditional
            condition: "true"
            then: [b]
            outputs: { n: { type: int } }
          - { id: b, type: tool, tool: src }
          - id: x
            type: exit
            status: success
            output: { n: "text" }
            outputs: { n: { type: int } }
      `),
      { toolAdapter: sources({ n: "not an int" }) },
    );
    expect(log.status).toBe("success");
    expect(log.steps.map((s) => [s.id, s.status])).toEqual([
      ["skipped", "skipped"],
      ["c", "success"],
      ["b", "success"],
      ["x", "success"],
    ]);
  });

  it("is off with typeCheck: off", async () => {
    const { s, log } = await mapped(
      "n: { type: int, value: $result.n }",
      { n: "x" },
      {
        typeCheck: "off",
      },
    );
    expect(log.status).toBe("success");
    expect(s.output).toEqual({ n: "x" });
  });
});

describe("workflow output type tests (§12 D1, D7.5)", () => {
  it("a mismatch fails an otherwise successful run in phase execute; outputs are kept", async () => {
    const { log, events } = await runSkill(
      skill(`
        outputs:
          count: { type: int, value: $steps.s.output.label }
        steps:
          - { id: s, type: tool, tool: src }
      `),
      { toolAdapter: sources({ label: "many" }) },
    );
    expect(log.status).toBe("failed");
    expect(log.error?.phase).toBe("execute");
    // The exact message is not quoted by the spec; it must name the output and the types.
    expect(log.error?.message).toContain('"count"');
    expect(log.error?.message).toContain("int");
    expect(log.outputs).toStrictEqual({ count: "many" });
    expect(record(log, "s").status).toBe("success");
    expect(eventsOf(events, "workflow_complete")).toEqual([
      expect.objectContaining({ status: "failed" }),
    ]);
  });

  it("never replaces an earlier error", async () => {
    const { log } = await runSkill(
      skill(`
        outputs:
          count: { type: int, value: $steps.s.output.label }
        steps:
          - { id: s, type: tool, tool: src }
          - { id: f, type: tool, tool: bad }
      `),
      { toolAdapter: sources({ label: "many" }) },
    );
    expect(log.error).toEqual({ phase: "execute", message: 'Tool "bad": boom' });
  });

  it("tests the outputs an exit provides", async () => {
    const { log } = await runSkill(
      skill(`
        outputs:
          count: { type: int }
        steps:
          - { id: x, type: exit, status: success, output: { count: "zero" } }
      `),
    );
    expect(log.status).toBe("failed");
    expect(log.error?.phase).toBe("execute");
    expect(log.error?.message).toContain('"count"');
    expect(log.outputs).toStrictEqual({ count: "zero" });
  });

  it("is off with typeCheck: off", async () => {
    const { log } = await runSkill(
      skill(`
        outputs:
          count: { type: int, value: $steps.s.output.label }
        steps:
          - { id: s, type: tool, tool: src }
      `),
      { toolAdapter: sources({ label: "many" }), typeCheck: "off" },
    );
    expect(log.status).toBe("success");
    expect(log.outputs).toStrictEqual({ count: "many" });
  });
});
