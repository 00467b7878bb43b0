// V14–V18, V23 and V28–V30: structural rules with exact paths and messages.
import { describe, expect, it } from "vitest";
import { validateDefinition } from "../../src/validate/index.js";
import { adapterWith, check, steps, tool, workflow } from "./helpers.js";

describe("V14 duplicate ids", () => {
  it("reports every repeated occurrence at steps[i].id", () => {
    expect(check(steps(tool("a"), tool("b"), tool("a"), tool("a")))).toEqual([
      { code: "DUPLICATE_STEP_ID", path: "steps[2].id", message: 'Duplicate step ID "a"' },
      { code: "DUPLICATE_STEP_ID", path: "steps[3].id", message: 'Duplicate step ID "a"' },
    ]);
  });

  it("is case-sensitive", () => {
    expect(check(steps(tool("a"), tool("A")))).toEqual([]);
  });

  it("uses a path array", () => {
    const [d] = validateDefinition(steps(tool("a"), tool("a")));
    expect(d?.path).toEqual(["steps", 1, "id"]);
    expect(d?.severity).toBe("error");
  });
});

describe("V15–V17", () => {
  const exit = (extra: Record<string, unknown>) => ({
    id: "x",
    type: "exit",
    status: "success",
    ...extra,
  });
  const cond = (extra: Record<string, unknown>) => ({
    id: "c",
    type: "conditional",
    condition: "true",
    then: ["t"],
    ...extra,
  });

  it.each([
    [
      "V15 each on exit",
      [exit({ each: "$inputs.list" })],
      { code: "EACH_ON_EXIT", path: "steps[0].each", message: '"each" is not valid on exit steps' },
    ],
    [
      "V16 each on conditional",
      [cond({ each: "$inputs.list" }), tool("t")],
      {
        code: "EACH_ON_CONDITIONAL",
        path: "steps[0].each",
        message: '"each" is not valid on conditional steps',
      },
    ],
    [
      "V17 delay without each",
      [tool("a", { delay: "1s" })],
      {
        code: "DELAY_WITHOUT_EACH",
        path: "steps[0].delay",
        message: '"delay" requires "each" to be present',
      },
    ],
  ])("%s", (_label, list, row) => {
    expect(check(workflow({ inputs: { list: { type: "array" } }, steps: list }))).toEqual([row]);
  });

  it("delay with each is fine", () => {
    expect(
      check(
        workflow({
          inputs: { l: { type: "array" } },
          steps: [tool("a", { each: "$inputs.l", delay: "1s" })],
        }),
      ),
    ).toEqual([]);
  });

  it("an empty each counts as absent (reference truthiness)", () => {
    expect(check(steps(exit({ each: "" })))).toEqual([]);
    expect(check(steps(tool("a", { each: "", delay: "1s" })))).toEqual([
      {
        code: "DELAY_WITHOUT_EACH",
        path: "steps[0].delay",
        message: '"delay" requires "each" to be present',
      },
    ]);
  });

  it("keeps the listed order within a step (V15 before V17)", () => {
    expect(
      check(steps(exit({ each: "", delay: "1s" }), exit({ id: "y", each: "$steps.x.output" }))),
    ).toEqual([
      {
        code: "DELAY_WITHOUT_EACH",
        path: "steps[0].delay",
        message: '"delay" requires "each" to be present',
      },
      { code: "EACH_ON_EXIT", path: "steps[1].each", message: '"each" is not valid on exit steps' },
    ]);
  });
});

describe("V18 tool availability", () => {
  it("is checked only when an adapter is supplied", () => {
    const wf = steps(tool("a", { tool: "missing" }), tool("b", { tool: "known" }));
    expect(check(wf)).toEqual([]);
    expect(check(wf, { toolAdapter: adapterWith("known") })).toEqual([
      { code: "UNKNOWN_TOOL", path: "steps[0].tool", message: 'Tool "missing" is not registered' },
    ]);
  });

  it("ignores non-tool steps", () => {
    const wf = steps({ id: "x", type: "exit", status: "success" });
    expect(check(wf, { toolAdapter: adapterWith() })).toEqual([]);
  });

  it("a throwing has() counts as not registered and never escapes", () => {
    const adapter = adapterWith();
    adapter.has = () => {
      throw new Error("catalog offline");
    };
    expect(check(steps(tool("a", { tool: "web" })), { toolAdapter: adapter })).toEqual([
      {
        code: "UNKNOWN_TOOL",
        path: "steps[0].tool",
        message: 'Tool "web" is not registered (has() threw: catalog offline)',
      },
    ]);
  });
});

describe("V23 branch targets", () => {
  it("reports every unknown id of then and else", () => {
    const wf = steps(
      { id: "c", type: "conditional", condition: "true", then: ["a", "nope"], else: ["gone", "a"] },
      tool("a"),
    );
    expect(check(wf)).toEqual([
      {
        code: "UNDEFINED_BRANCH_TARGET",
        path: "steps[0].then",
        message: 'Branch references undefined step "nope"',
      },
      {
        code: "UNDEFINED_BRANCH_TARGET",
        path: "steps[0].else",
        message: 'Branch references undefined step "gone"',
      },
    ]);
  });

  it("accepts branch steps declared before their conditional", () => {
    expect(
      check(
        steps(tool("a"), {
          id: "c",
          type: "conditional",
          condition: "true",
          then: ["a"],
          else: [],
        }),
      ),
    ).toEqual([]);
  });
});

describe("V28 durations", () => {
  const invalid = (value: string) =>
    `Invalid duration "${value}": expected a whole number followed by ms, s, m or h`;

  it("checks delay, retry.delay and timeout of steps, then the top-level timeout", () => {
    const wf = workflow({
      timeout: "soon",
      inputs: { l: { type: "array" } },
      steps: [
        tool("a", {
          each: "$inputs.l",
          delay: "1.5s",
          retry: { max: 1, delay: "2 s", backoff: 1 },
          timeout: "2S",
        }),
        tool("b", { timeout: "0s", retry: { max: 1, delay: "0ms", backoff: 2 } }),
        tool("c", { each: "$inputs.l", delay: "0ms", timeout: "100" }),
      ],
    });
    expect(check(wf)).toEqual([
      { code: "INVALID_DURATION", path: "steps[0].delay", message: invalid("1.5s") },
      { code: "INVALID_DURATION", path: "steps[0].retry.delay", message: invalid("2 s") },
      { code: "INVALID_DURATION", path: "steps[0].timeout", message: invalid("2S") },
      {
        code: "ZERO_TIMEOUT",
        path: "steps[1].timeout",
        message: '"timeout" must be greater than zero',
      },
      { code: "INVALID_DURATION", path: "steps[2].timeout", message: invalid("100") },
      { code: "INVALID_DURATION", path: "timeout", message: invalid("soon") },
    ]);
  });

  it.each(["0ms", "0s", "00m", "0h"])("top-level timeout %s is zero", (value) => {
    expect(check(workflow({ timeout: value, steps: [tool("a")] }))).toEqual([
      { code: "ZERO_TIMEOUT", path: "timeout", message: '"timeout" must be greater than zero' },
    ]);
  });

  it("accepts valid durations, including ones beyond 2^31 ms", () => {
    const wf = workflow({
      timeout: "1h",
      steps: [tool("a", { timeout: "600h", retry: { max: 2, delay: "500ms", backoff: 1.5 } })],
    });
    expect(check(wf)).toEqual([]);
  });

  it("checks retry.max_delay like retry.delay; zero is allowed (§13.2)", () => {
    const wf = steps(
      tool("a", { retry: { max: 1, delay: "1s", backoff: 1, max_delay: "1.5s" } }),
      tool("b", { retry: { max: 1, delay: "1s", backoff: 1, max_delay: "0ms", jitter: true } }),
    );
    expect(check(wf)).toEqual([
      { code: "INVALID_DURATION", path: "steps[0].retry.max_delay", message: invalid("1.5s") },
    ]);
  });

  it("an empty delay is an invalid duration, but not V17", () => {
    expect(check(steps(tool("a", { delay: "" })))).toEqual([
      { code: "INVALID_DURATION", path: "steps[0].delay", message: invalid("") },
    ]);
  });
});

describe("V29 concurrency", () => {
  it("requires each", () => {
    const wf = workflow({
      inputs: { l: { type: "array" } },
      steps: [tool("a", { concurrency: 2 }), tool("b", { each: "$inputs.l", concurrency: 4 })],
    });
    expect(check(wf)).toEqual([
      {
        code: "CONCURRENCY_WITHOUT_EACH",
        path: "steps[0].concurrency",
        message: '"concurrency" requires "each" to be present',
      },
    ]);
  });
});

describe("V30 branch recursion", () => {
  const cond = (id: string, then: string[], other?: string[]) => ({
    id,
    type: "conditional",
    condition: "true",
    then,
    ...(other === undefined ? {} : { else: other }),
  });

  it("reports a conditional listing itself, at steps[i]", () => {
    expect(check(steps(cond("c", ["c"])))).toEqual([
      {
        code: "BRANCH_RECURSION",
        path: "steps[0]",
        message: 'Conditional "c" includes itself in its branches',
      },
    ]);
  });

  it("follows nested conditionals through then and else", () => {
    const wf = steps(
      cond("outer", ["a"], ["inner"]),
      cond("inner", ["a"], ["deeper"]),
      cond("deeper", ["outer"]),
      tool("a"),
    );
    expect(check(wf).map((r) => r.path)).toEqual(["steps[0]", "steps[1]", "steps[2]"]);
  });

  it("reports only the conditionals on the loop", () => {
    const wf = steps(cond("entry", ["loop1"]), cond("loop1", ["loop2"]), cond("loop2", ["loop1"]));
    expect(check(wf)).toEqual([
      {
        code: "BRANCH_RECURSION",
        path: "steps[1]",
        message: 'Conditional "loop1" includes itself in its branches',
      },
      {
        code: "BRANCH_RECURSION",
        path: "steps[2]",
        message: 'Conditional "loop2" includes itself in its branches',
      },
    ]);
  });

  it("is silent for a diamond of nested conditionals", () => {
    const wf = steps(
      cond("top", ["l"], ["r"]),
      cond("l", ["leaf"]),
      cond("r", ["leaf"]),
      tool("leaf"),
    );
    expect(check(wf)).toEqual([]);
  });
});
