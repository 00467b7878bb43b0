// Conformance [EXT] §13.7: template leaves of list and mapping values are resolved in place.
import { describe, expect, it } from "vitest";
import { MockToolAdapter } from "../../src/index.js";
import { lineOf, record, runSkill, skill } from "./helpers.js";

/** `price` returns 12.5; `echo` returns its arguments. */
function adapter(): MockToolAdapter {
  const tools = new MockToolAdapter();
  tools.register("price", () => ({ output: { value: 12.5, tags: ["a", "b"] } }));
  tools.register("echo", (args) => ({ output: args }));
  return tools;
}

describe("structured values (§13.7)", () => {
  it("resolves the spec's example: text leaves as strings, a lone block keeps its type", async () => {
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: price, type: tool, tool: price }
          - id: send
            type: tool
            tool: echo
            inputs:
              json:
                type: object
                value: { text: "Price changed to \${steps.price.output.value}", price: "\${steps.price.output.value}" }
      `),
      { toolAdapter: adapter() },
    );
    expect(log.status).toBe("success");
    expect(record(log, "send").output).toEqual({
      json: { text: "Price changed to 12.5", price: 12.5 },
    });
  });

  it("resolves leaves at any depth, in lists and mappings, keeping types; other strings stay literal", async () => {
    const { log } = await runSkill(
      skill(`
        inputs:
          n: { type: int, default: 3 }
        steps:
          - { id: price, type: tool, tool: price }
          - id: send
            type: tool
            tool: echo
            inputs:
              deep:
                type: object
                value:
                  a:
                    b:
                      - "\${steps.price.output.tags}"
                      - { c: "n=\${inputs.n}", d: "\${inputs.n}" }
                  plain: $inputs.n
                  escaped: "$\${inputs.n} costs $$5"
                  dollars: "$$5"
                  number: 7
                  none: null
              list:
                type: array
                value: ["\${inputs.n}", "$inputs.n", "\${inputs.n > 2}", 2]
      `),
      { toolAdapter: adapter() },
    );
    expect(log.error).toBeUndefined();
    expect(record(log, "send").output).toEqual({
      deep: {
        a: { b: [["a", "b"], { c: "n=3", d: 3 }] },
        plain: "$inputs.n",
        escaped: "${inputs.n} costs $$5",
        dollars: "$$5",
        number: 7,
        none: null,
      },
      list: [3, "$inputs.n", true, 2],
    });
  });

  it("applies to step outputs ($result) and workflow outputs ($steps) too", async () => {
    const { log } = await runSkill(
      skill(`
        outputs:
          summary:
            type: object
            value: { price: "\${steps.price.output.info.v}", label: "v=\${steps.price.output.info.v}" }
        steps:
          - id: price
            type: tool
            tool: price
            outputs:
              info: { type: object, value: { v: "\${result.value}", all: ["\${result.tags[1]}"] } }
      `),
      { toolAdapter: adapter() },
    );
    expect(log.status).toBe("success");
    expect(record(log, "price").output).toEqual({ info: { v: 12.5, all: ["b"] } });
    expect(log.outputs).toEqual({ summary: { price: 12.5, label: "v=12.5" } });
  });

  it("a value without template leaves is the same literal on every run (no sharing between runs)", async () => {
    const content = skill(`
      steps:
        - id: send
          type: tool
          tool: echo
          inputs:
            cfg: { type: object, value: { list: [1, 2], name: "$inputs.x" } }
    `);
    const tools = new MockToolAdapter();
    tools.register("echo", (args) => {
      const cfg = args.cfg as { list: number[] };
      cfg.list.push(99);
      return { output: args };
    });
    await runSkill(content, { toolAdapter: tools });
    const { log } = await runSkill(content, { toolAdapter: tools });
    expect(record(log, "send").inputs).toEqual({ cfg: { list: [1, 2, 99], name: "$inputs.x" } });
  });

  it("exit output mappings keep nested values literal (§3.8 unchanged)", async () => {
    const { log } = await runSkill(
      skill(`
        inputs:
          n: { type: int, default: 3 }
        steps:
          - id: done
            type: exit
            status: success
            output: { top: "\${inputs.n}", nested: { x: "\${inputs.n}" } }
      `),
    );
    expect(record(log, "done").output).toEqual({ top: 3, nested: { x: "${inputs.n}" } });
  });

  it.each([
    ["an unknown step", "${steps.nope.output}", "UNDEFINED_STEP_REFERENCE"],
    ["an unknown root", "${secrets.key}", "UNKNOWN_REFERENCE"],
    ["a syntax error", "${inputs.n +}", "EXPRESSION_SYNTAX"],
    ["an unknown step member", "${steps.first.outcome}", "UNKNOWN_STEP_MEMBER"],
  ])("%s inside a nested leaf is reported at that leaf", async (_label, leaf, code) => {
    const content = skill(`
        inputs:
          n: { type: int, default: 3 }
        steps:
          - { id: first, type: tool, tool: echo }
          - id: send
            type: tool
            tool: echo
            inputs:
              cfg:
                type: object
                value:
                  outer:
                    - ok
                    - { inner: "see ${leaf}" }
      `);
    const { log, events } = await runSkill(content, { toolAdapter: adapter() });
    expect(events).toEqual([]);
    expect(log.error?.phase).toBe("validate");
    const line = lineOf(content, "inner:");
    expect(log.error?.details).toEqual([
      expect.objectContaining({ code, path: "steps[1].inputs.cfg.value.outer[1].inner", line }),
    ]);
  });

  it("a nested block at its exact column", async () => {
    const content = skill(`
      steps:
        - id: send
          type: tool
          tool: echo
          inputs:
            cfg: { type: object, value: { a: [ "x \${nope.y}" ] } }
    `);
    const { log } = await runSkill(content, { toolAdapter: adapter() });
    const line = lineOf(content, "nope");
    const column = content.split("\n")[line - 1]!.indexOf("${nope") + 1;
    expect(log.error?.details).toEqual([
      expect.objectContaining({ code: "UNKNOWN_REFERENCE", line, column }),
    ]);
  });

  it("a forward reference in a nested leaf is refused like one in a string value", async () => {
    const { log } = await runSkill(
      skill(`
        steps:
          - id: send
            type: tool
            tool: echo
            inputs:
              cfg: { type: object, value: { a: "\${steps.later.output}" } }
          - { id: later, type: tool, tool: echo }
      `),
      { toolAdapter: adapter() },
    );
    expect(log.error?.details).toEqual([
      expect.objectContaining({ code: "FORWARD_REFERENCE", path: "steps[0].inputs.cfg.value.a" }),
    ]);
  });

  it("$steps in a nested leaf of a step output is STEPS_IN_STEP_OUTPUT", async () => {
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: first, type: tool, tool: echo }
          - id: second
            type: tool
            tool: echo
            outputs:
              o: { type: object, value: { a: ["\${steps.first.output}"] } }
      `),
      { toolAdapter: adapter() },
    );
    expect(log.error?.details).toEqual([
      expect.objectContaining({
        code: "STEPS_IN_STEP_OUTPUT",
        path: "steps[1].outputs.o.value.a[0]",
      }),
    ]);
  });
});
