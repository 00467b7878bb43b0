// Conformance: evaluation errors that can only arise at run time (D2 rejects every static one):
// values whose access throws (getters) or cannot be stringified (cycles). They exercise the
// non-retriable failure paths of guards, each, inputs (§3.3), output mapping (§3.4), transforms,
// conditionals, exits (C42, K7) and workflow-output resolution (§6.9, K22).
import { describe, expect, it } from "vitest";
import { MockToolAdapter } from "../../src/index.js";
import { eventsOf, record, runSkill, skill, trace } from "./helpers.js";

const BOOM = "getter exploded";

/** `echo` returns its args; `bomb` returns an object whose `boom` getter throws; `cyclic` a cycle. */
function adapter(): { adapter: MockToolAdapter; calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const count = (name: string) => {
    calls[name] = (calls[name] ?? 0) + 1;
  };
  const a = new MockToolAdapter();
  a.register("echo", (args) => {
    count("echo");
    return { output: args };
  });
  a.register("bomb", () => {
    count("bomb");
    return {
      output: Object.defineProperty({ ok: 1 }, "boom", {
        enumerable: true,
        get() {
          throw new Error(BOOM);
        },
      }),
    };
  });
  a.register("bombs", () => {
    count("bombs");
    const item = Object.defineProperty({ ok: 1 }, "boom", {
      enumerable: true,
      get() {
        throw new Error(BOOM);
      },
    });
    return { output: { list: [item, item] } };
  });
  a.register("bad", () => ({ output: null, error: "down" }));
  a.register("cyclic", () => {
    count("cyclic");
    const c: Record<string, unknown> = { name: "c" };
    c.self = c;
    return { output: c };
  });
  return { adapter: a, calls };
}

describe("step input resolution errors (§3.3, C42)", () => {
  it("fail the step without retry, with the documented message and no inputs in the record", async () => {
    const { adapter: a, calls } = adapter();
    const { log, events } = await runSkill(
      skill(`
        steps:
          - { id: c, type: tool, tool: cyclic }
          - id: t
            type: tool
            tool: echo
            retry: { max: 3, delay: 1s, backoff: 1 }
            inputs:
              ok: { type: int, value: 1 }
              text: { type: string, value: "c=\${steps.c.output}" }
          - { id: after, type: tool, tool: echo }
      `),
      { toolAdapter: a },
    );
    expect(calls.echo ?? 0).toBe(0);
    const t = record(log, "t");
    expect(t.status).toBe("failed");
    expect(t.error).toMatch(
      /^Step "t" input "text": failed to resolve expression c=\$\{steps\.c\.output\}: .+/,
    );
    expect(t).not.toHaveProperty("inputs");
    expect(t).not.toHaveProperty("retries");
    expect(log.error).toEqual({ phase: "execute", message: t.error });
    expect(trace(events)).toEqual([
      "workflow_start",
      "step_start(c)",
      "step_complete(c, success)",
      "step_start(t)",
      "step_error(t)",
      "step_complete(t, failed)",
      "step_skip(after, Workflow halted)",
      "workflow_complete(failed)",
    ]);
  });

  it("are subject to on_error: ignore", async () => {
    const { adapter: a } = adapter();
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: b, type: tool, tool: bomb }
          - id: t
            type: tool
            tool: echo
            on_error: ignore
            inputs: { v: { type: string, value: $steps.b.output.boom } }
          - { id: after, type: tool, tool: echo }
      `),
      { toolAdapter: a },
    );
    expect(log.status).toBe("success");
    expect(record(log, "t")).toMatchObject({
      status: "failed",
      error: `Step "t" input "v": failed to resolve expression $steps.b.output.boom: ${BOOM}`,
    });
    expect(record(log, "after").status).toBe("success");
  });
});

describe("guard, each and predicate errors (§6.3, §6.4, §6.7, K7)", () => {
  it("a guard error emits step_start, then fails the step with the bare message", async () => {
    const { adapter: a } = adapter();
    const { log, events } = await runSkill(
      skill(`
        steps:
          - { id: b, type: tool, tool: bomb }
          - { id: g, type: tool, tool: echo, condition: $steps.b.output.boom, on_error: ignore }
          - { id: after, type: tool, tool: echo }
      `),
      { toolAdapter: a },
    );
    expect(record(log, "g")).toMatchObject({ status: "failed", error: BOOM });
    expect(record(log, "g")).not.toHaveProperty("inputs");
    expect(log.status).toBe("success");
    expect(trace(events).slice(3, 6)).toEqual([
      "step_start(g)",
      "step_error(g)",
      "step_complete(g, failed)",
    ]);
  });

  it("a guard error under on_error: fail halts the run with that message", async () => {
    const { adapter: a } = adapter();
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: b, type: tool, tool: bomb }
          - { id: g, type: tool, tool: echo, condition: $steps.b.output.boom }
      `),
      { toolAdapter: a },
    );
    expect(log.error).toEqual({ phase: "execute", message: BOOM });
  });

  it("an each expression error fails the step: no inputs, no iterations", async () => {
    const { adapter: a, calls } = adapter();
    const { log, events } = await runSkill(
      skill(`
        steps:
          - { id: b, type: tool, tool: bomb }
          - id: e
            type: tool
            tool: echo
            each: $steps.b.output.boom
            retry: { max: 2, delay: 1s, backoff: 1 }
            inputs: { v: { type: int, value: 1 } }
      `),
      { toolAdapter: a },
    );
    expect(calls.echo ?? 0).toBe(0);
    const e = record(log, "e");
    expect(e).toMatchObject({ status: "failed", error: BOOM });
    expect(e).not.toHaveProperty("inputs");
    expect(e).not.toHaveProperty("iterations");
    expect(eventsOf(events, "step_complete").find((x) => x.stepId === "e")).not.toHaveProperty(
      "iterations",
    );
  });

  it("a conditional predicate error fails the conditional; its branches are not selected", async () => {
    const { adapter: a } = adapter();
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: b, type: tool, tool: bomb }
          - { id: c, type: conditional, condition: $steps.b.output.boom, then: [x], on_error: ignore }
          - { id: x, type: tool, tool: echo }
          - { id: after, type: tool, tool: echo }
      `),
      { toolAdapter: a },
    );
    expect(log.status).toBe("success");
    expect(log.steps.map((s) => [s.id, s.status, s.reason ?? s.error])).toEqual([
      ["b", "success", undefined],
      ["c", "failed", BOOM],
      ["after", "success", undefined],
      ["x", "skipped", "Branch not selected"],
    ]);
  });

  it("a failing exit output is a normal step failure subject to on_error (§6.8)", async () => {
    const { adapter: a } = adapter();
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: b, type: tool, tool: bomb }
          - { id: x, type: exit, status: success, output: $steps.b.output.boom, on_error: ignore }
          - { id: after, type: tool, tool: echo }
      `),
      { toolAdapter: a },
    );
    expect(log.status).toBe("success");
    expect(record(log, "x")).toMatchObject({ status: "failed", error: BOOM });
    expect(record(log, "after").status).toBe("success");
  });
});

describe("output mapping and transform errors (§3.4, §3.6)", () => {
  it("an output mapping error fails the step without retry", async () => {
    const { adapter: a, calls } = adapter();
    const { log } = await runSkill(
      skill(`
        steps:
          - id: b
            type: tool
            tool: bomb
            retry: { max: 2, delay: 1s, backoff: 1 }
            outputs: { v: { type: string, value: $result.boom } }
      `),
      { toolAdapter: a },
    );
    expect(calls.bomb).toBe(1);
    expect(record(log, "b")).toMatchObject({ status: "failed", error: BOOM });
    expect(record(log, "b")).not.toHaveProperty("retries");
  });

  it.each([
    ["filter", "operation: filter\n            where: $item.boom"],
    ["map", "operation: map\n            expression: { v: $item.boom }"],
    ["sort", "operation: sort\n            field: boom"],
  ])("a %s evaluation error fails the transform (non-retriable)", async (_op, body) => {
    const { adapter: a } = adapter();
    const { log } = await runSkill(
      skill(`
        steps:
          - { id: src, type: tool, tool: bombs }
          - id: t
            type: transform
            ${body}
            on_error: ignore
            retry: { max: 2, delay: 1s, backoff: 1 }
            inputs: { items: { type: array, value: $steps.src.output.list } }
      `),
      { toolAdapter: a },
    );
    expect(record(log, "t")).toMatchObject({ status: "failed", error: BOOM });
    expect(record(log, "t")).not.toHaveProperty("retries");
    expect(log.status).toBe("success");
  });
});

describe("workflow output resolution errors (§6.9, K22)", () => {
  it("make outputs {} and fail an otherwise successful run; records are kept", async () => {
    const { adapter: a } = adapter();
    const { log, events } = await runSkill(
      skill(`
        outputs:
          fine: { type: string, value: $steps.c.output.name }
          o: { type: string, value: "c=\${steps.c.output}" }
        steps:
          - { id: c, type: tool, tool: cyclic }
      `),
      { toolAdapter: a },
    );
    expect(log.status).toBe("failed");
    expect(log.outputs).toStrictEqual({});
    expect(log.error?.phase).toBe("execute");
    expect(log.error?.message).toMatch(/^Failed to resolve workflow output "o": .+/);
    expect(record(log, "c").status).toBe("success");
    expect(eventsOf(events, "workflow_complete")).toEqual([
      expect.objectContaining({ status: "failed" }),
    ]);
  });

  it("keep an earlier failure's error", async () => {
    const { adapter: a } = adapter();
    const { log } = await runSkill(
      skill(`
        outputs:
          o: { type: string, value: $steps.b.output.boom }
        steps:
          - { id: b, type: tool, tool: bomb }
          - { id: x, type: tool, tool: bad }
      `),
      { toolAdapter: a },
    );
    expect(log.outputs).toStrictEqual({});
    expect(log.error).toEqual({ phase: "execute", message: 'Tool "bad": down' });
  });
});
