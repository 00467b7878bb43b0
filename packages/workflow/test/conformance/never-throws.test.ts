// Conformance: the entry points never reject or throw (§8.1, C43, K14, K29), including for hostile
// adapters and callbacks and for random or mutated documents (property-based, fast-check).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MockToolAdapter,
  parseWorkflowFromMd,
  runWorkflow,
  runWorkflowSkill,
  validateWorkflowSkill,
} from "../../src/index.js";
import type { RunLog, ToolAdapter } from "../../src/index.js";
import { ParseError } from "../../src/compat.js";
import { WORKED_EXAMPLE, workedExampleAdapter } from "./fixtures.js";
import { createTestServices, echoAdapter, json, runSkill, skill } from "./helpers.js";

function expectRunLog(log: RunLog): void {
  expect(["success", "failed"]).toContain(log.status);
  expect(typeof log.id).toBe("string");
  expect(typeof log.workflow).toBe("string");
  expect(Array.isArray(log.steps)).toBe(true);
  expect(typeof log.duration_ms).toBe("number");
  if (log.status === "failed") {
    expect(log.error).toBeDefined();
    expect(["parse", "validate", "execute"]).toContain(log.error?.phase);
    expect(typeof log.error?.message).toBe("string");
  } else {
    expect(log.error).toBeUndefined();
  }
}

describe("hostile adapters and callbacks (C43)", () => {
  const throwingHas: ToolAdapter = {
    has: () => {
      throw new Error("has exploded");
    },
    invoke: async () => ({ output: null }),
  };
  const doc = skill(`steps: [{ id: a, type: tool, tool: t }]`);

  it("runWorkflowSkill resolves with a failed execute-phase log when has() throws", async () => {
    const { log, events } = await runSkill(doc, { toolAdapter: throwingHas });
    expect(log.status).toBe("failed");
    expect(log.error?.phase).toBe("execute");
    expect(log.error?.message).toContain("has exploded");
    expect(log.steps).toEqual([]);
    expect(events.filter((e) => e.type === "workflow_start")).toHaveLength(
      events.filter((e) => e.type === "workflow_complete").length,
    );
  });

  it("runWorkflow resolves too [K29]", async () => {
    const workflow = parseWorkflowFromMd(doc);
    const log = await runWorkflow({
      workflow,
      toolAdapter: throwingHas,
      services: createTestServices(),
    });
    expect(log.status).toBe("failed");
    expect(log.error?.phase).toBe("execute");
    expect(log.error?.message).toContain("has exploded");
    expect(log.workflow).toBe("unnamed");
  });

  it("exceptions thrown by onEvent are ignored [K14]", async () => {
    const quiet = await runSkill(WORKED_EXAMPLE, { toolAdapter: workedExampleAdapter() });
    let calls = 0;
    const loud = await runSkill(WORKED_EXAMPLE, {
      toolAdapter: workedExampleAdapter(),
      onEvent: () => {
        calls++;
        throw new Error("listener bug");
      },
    });
    expect(calls).toBe(quiet.events.length);
    expect(json(loud.log)).toStrictEqual(json(quiet.log));
    expect(loud.events).toEqual(quiet.events);
  });

  it("an onEvent throwing non-Error values is ignored as well", async () => {
    const { log } = await runSkill(WORKED_EXAMPLE, {
      toolAdapter: workedExampleAdapter(),
      onEvent: (e) => {
        if (e.type === "workflow_complete") throw "string thrown";
        if (e.type === "step_start") throw undefined;
      },
    });
    expect(log.status).toBe("success");
  });

  it.each([
    ["undefined", undefined],
    ["null", null],
    ["a number", 42],
  ])("an adapter resolving %s fails the step and the run still resolves", async (_l, value) => {
    const adapter: ToolAdapter = { has: () => true, invoke: async () => value as never };
    const { log } = await runSkill(skill(`steps: [{ id: a, type: tool, tool: t }]`), {
      toolAdapter: adapter,
    });
    expectRunLog(log);
    if (value === undefined || value === null) {
      expect(log.status).toBe("failed");
      expect(log.steps[0]?.status).toBe("failed");
    }
  });

  it("survives tool outputs with throwing getters and cycles", async () => {
    const adapter = echoAdapter();
    const cyclic: Record<string, unknown> = { name: "c" };
    cyclic.self = cyclic;
    adapter.register("cyclic", () => ({ output: cyclic }));
    adapter.register("getter", () => ({
      output: Object.defineProperty({}, "boom", {
        enumerable: true,
        get() {
          throw new Error("getter exploded");
        },
      }),
    }));
    const { log } = await runSkill(
      skill(`
        outputs:
          o: { type: object, value: $steps.c.output }
        steps:
          - { id: c, type: tool, tool: cyclic }
          - id: t
            type: tool
            tool: echo
            on_error: ignore
            inputs: { text: { type: string, value: "c=\${steps.c.output}" } }
          - { id: g, type: tool, tool: getter, on_error: ignore }
          - id: use
            type: tool
            tool: echo
            on_error: ignore
            inputs: { v: { type: string, value: $steps.g.output.boom } }
      `),
      { toolAdapter: adapter },
    );
    expectRunLog(log);
    expect(log.steps.find((s) => s.id === "c")?.output).toBe(cyclic);
  });
});

describe("property: the entry points never throw or reject (C43)", () => {
  const permissive = (): ToolAdapter => {
    const mock = workedExampleAdapter();
    return {
      has: () => true,
      invoke: (name, args, ctx) =>
        mock.has(name) ? mock.invoke(name, args, ctx) : Promise.resolve({ output: { name, args } }),
    };
  };

  it("runWorkflowSkill resolves with a well-formed RunLog for arbitrary strings", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 300 }), async (content) => {
        const log = await runWorkflowSkill({
          content,
          toolAdapter: permissive(),
          services: createTestServices(),
        });
        expectRunLog(log);
      }),
      { numRuns: 150 },
    );
  });

  const TOKENS = [
    "$",
    "${",
    "}",
    ":",
    ": ",
    "\n",
    "\n  ",
    "\n    - ",
    "- ",
    "[",
    "]",
    "{",
    "'",
    '"',
    "#",
    "&a ",
    "*a",
    "each: $inputs.min_score",
    "each: $steps.fetch.output.items",
    "concurrency: 2",
    "timeout: 1ms",
    "delay: 1s",
    "retry: { max: 2, delay: 1ms, backoff: 2 }",
    "on_error: ignore",
    "type: conditional",
    "type: exit",
    "then: [notify]",
    "then: [keep]",
    "true",
    "null",
    "$steps.",
    "$inputs.",
    "$item",
    "$result",
    " ?? ",
    " in ",
    " && ",
    " == ",
    "```",
    "---",
    "\r\n",
    "\t",
    "\u0000",
    "😀",
  ];
  const edit = fc.record({
    at: fc.nat(),
    remove: fc.nat({ max: 12 }),
    insert: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })),
  });
  const mutate = (text: string, edits: { at: number; remove: number; insert: string }[]) =>
    edits.reduce((t, e) => {
      const at = t.length === 0 ? 0 : e.at % (t.length + 1);
      return t.slice(0, at) + e.insert + t.slice(at + e.remove);
    }, text);

  it("runWorkflowSkill resolves for random mutations of a valid document and random inputs", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(edit, { minLength: 1, maxLength: 6 }),
        fc.dictionary(
          fc.constantFrom("min_score", "x", "__proto__", "constructor"),
          fc.jsonValue({ maxDepth: 2 }),
        ),
        fc.constantFrom<"on" | "off">("on", "off"),
        async (edits, inputs, typeCheck) => {
          const content = mutate(WORKED_EXAMPLE, edits);
          const log = await runWorkflowSkill({
            content,
            inputs,
            typeCheck,
            toolAdapter: permissive(),
            services: createTestServices(),
          });
          expectRunLog(log);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("validateWorkflowSkill returns a result and parseWorkflowFromMd throws only ParseError", () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 0, maxLength: 6 }), (edits) => {
        const content = mutate(WORKED_EXAMPLE, edits);
        const result = validateWorkflowSkill({ content, toolAdapter: new MockToolAdapter() });
        expect(typeof result.valid).toBe("boolean");
        expect(Array.isArray(result.errors)).toBe(true);
        expect(result.valid).toBe(result.errors.length === 0);
        try {
          parseWorkflowFromMd(content);
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
