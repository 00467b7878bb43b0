// Conformance: validateWorkflowSkill result shape (§5.4, C44), tool availability (C9, V18),
// parseWorkflowFromMd / validateWorkflow (§8.1), MockToolAdapter (§8.1, C45) and AUTHORING_SKILL (C46).
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import {
  AUTHORING_SKILL,
  MockToolAdapter,
  parseWorkflowFromMd,
  validateWorkflow,
  validateWorkflowSkill,
} from "../../src/index.js";
import type { ToolAdapter } from "../../src/index.js";
import { ParseError } from "../../src/compat.js";
import { dedent, skill } from "./helpers.js";

const MIXED = `
  inputs:
    xs: { type: array, default: [] }
  steps:
    - { id: a, type: tool, tool: fetch }
    - id: b
      type: transform
      operation: filter
      where: $item != null
      inputs: { items: { type: array, value: $inputs.xs } }
    - { id: c, type: tool, tool: fetch }
    - { id: d, type: conditional, condition: "true", then: [e] }
    - { id: e, type: exit, status: success }
    - { id: f, type: transform, operation: sort, field: x }
`;

describe("validateWorkflowSkill (§5.4, C44)", () => {
  it("returns name, stepCount and distinct stepTypes in order of first appearance", () => {
    const result = validateWorkflowSkill({ content: skill(MIXED, "mixed") });
    expect(result).toMatchObject({
      valid: true,
      errors: [],
      name: "mixed",
      stepCount: 6,
      stepTypes: ["tool", "transform", "conditional", "exit"],
    });
  });

  it("has no name for bare or unnamed content", () => {
    const bare = validateWorkflowSkill({ content: dedent(MIXED) });
    expect(bare.valid).toBe(true);
    expect(bare.name).toBeUndefined();
    expect(bare.stepCount).toBe(6);
    const unnamed = validateWorkflowSkill({
      content: `---\ndescription: no name\n---\n\`\`\`workflow\n${dedent(MIXED)}\n\`\`\`\n`,
    });
    expect(unnamed.valid).toBe(true);
    expect(unnamed.name).toBeUndefined();
  });

  it("reports a parse failure without details as one error at path parse", () => {
    const result = validateWorkflowSkill({ content: "" });
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      expect.objectContaining({ path: "parse", message: "Content is empty" }),
    ]);
    expect(result.errors).toHaveLength(1);
    expect(result).not.toHaveProperty("stepCount");
    expect(result).not.toHaveProperty("stepTypes");
  });

  it("reports YAML errors with the Invalid YAML prefix (C4)", () => {
    const result = validateWorkflowSkill({ content: "```workflow\nsteps: [\n  - a: b\n```\n" });
    expect(result.valid).toBe(false);
    expect(result.errors.some((e) => e.message.startsWith("Invalid YAML: "))).toBe(true);
  });

  it("reports duplicate YAML keys as YAML errors (§1.4)", () => {
    const result = validateWorkflowSkill({
      content: skill(`
        steps:
          - { id: a, type: tool, tool: t }
        steps:
          - { id: b, type: tool, tool: t }
      `),
    });
    expect(result.valid).toBe(false);
    expect(result.errors.some((e) => e.message.startsWith("Invalid YAML: "))).toBe(true);
  });

  it("reports schema failures as their details with dot paths (C5)", () => {
    const cases: [string, string][] = [
      ["steps: [{ id: a, type: bogus }]", "steps.0.type"],
      ["steps: [{ id: a, type: tool }]", "steps.0.tool"],
      ["steps: [{ id: a, type: conditional, condition: 'true', then: [] }]", "steps.0.then"],
      [
        "steps: [{ id: a, type: tool, tool: t, retry: { max: 0, delay: 1s, backoff: 1 } }]",
        "steps.0.retry.max",
      ],
      ["steps: [{ id: a, type: tool, tool: t, condition: true }]", "steps.0.condition"],
      ["steps: [{ id: 5, type: tool, tool: t }]", "steps.0.id"],
      ["steps: [{ id: a, type: exit, status: done }]", "steps.0.status"],
      ["steps: [{ id: a, type: exit, status: success, output: [1] }]", "steps.0.output"],
      ["steps: [{ id: a, type: transform, operation: filter }]", "steps.0.where"],
      ["steps: [{ id: a, type: transform, operation: explode }]", "steps.0.operation"],
      ["inputs: { q: hello }\nsteps: [{ id: a, type: tool, tool: t }]", "inputs.q"],
      ["inputs: { q: { type: text } }\nsteps: [{ id: a, type: tool, tool: t }]", "inputs.q.type"],
      [
        "steps: [{ id: a, type: tool, tool: t, concurrency: 0, each: $inputs.x }]",
        "steps.0.concurrency",
      ],
    ];
    for (const [yaml, offending] of cases) {
      const result = validateWorkflowSkill({ content: skill(yaml) });
      expect(result.valid, yaml).toBe(false);
      expect(result.errors.length, yaml).toBeGreaterThan(0);
      for (const e of result.errors) {
        // Paths point at the offending node or an ancestor (§5.1).
        expect(
          `${offending}.`.startsWith(e.path === "" ? "" : `${e.path}.`),
          `${yaml} → ${e.path}`,
        ).toBe(true);
      }
    }
  });

  it("reports an empty steps list with the documented message", () => {
    const result = validateWorkflowSkill({ content: skill("steps: []") });
    expect(result.valid).toBe(false);
    expect(
      result.errors.some((e) => e.message.includes("Workflow must have at least one step")),
    ).toBe(true);
  });

  it("rejects default on a step input with the exact V8 detail (C6)", () => {
    const result = validateWorkflowSkill({
      content: skill(`
        steps:
          - id: a
            type: tool
            tool: t
            inputs:
              x: { type: string, default: "d" }
      `),
    });
    expect(result.valid).toBe(false);
    expect(result.errors).toContainEqual(
      expect.objectContaining({
        path: "steps.0.inputs.x.default",
        message:
          'Step inputs do not support "default" — use "value" to provide a value. "default" is only valid on workflow inputs.',
      }),
    );
  });

  it("ignores unknown keys at every level (C7)", () => {
    const result = validateWorkflowSkill({
      content: skill(`
        version: 3
        inputs:
          q: { type: string, label: "Query", default: "x" }
        steps:
          - id: a
            type: tool
            tool: t
            owner: someone
            inputs:
              x: { type: string, value: $inputs.q, hint: "h" }
      `),
    });
    expect(result).toMatchObject({ valid: true, errors: [] });
  });

  it("returns the validate-phase errors as a list (no fail-fast)", () => {
    const result = validateWorkflowSkill({
      content: skill(`
        steps:
          - { id: a, type: tool, tool: t }
          - { id: a, type: tool, tool: t, delay: 1s }
      `),
    });
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      expect.objectContaining({ path: "steps[1].id", message: 'Duplicate step ID "a"' }),
      expect.objectContaining({
        path: "steps[1].delay",
        message: '"delay" requires "each" to be present',
      }),
    ]);
    expect(result).not.toHaveProperty("name");
  });
});

describe("tool availability only with an adapter (C9, V18)", () => {
  const content = skill(`
    steps:
      - { id: a, type: tool, tool: known }
      - { id: b, type: tool, tool: unknown }
  `);

  it("is not checked without an adapter", () => {
    expect(validateWorkflowSkill({ content }).valid).toBe(true);
    expect(validateWorkflow(parseWorkflowFromMd(content))).toEqual({ valid: true, errors: [] });
  });

  it("is checked through has() when an adapter is given", () => {
    const asked: string[] = [];
    const adapter: ToolAdapter = {
      has: (name) => {
        asked.push(name);
        return name === "known";
      },
      invoke: async () => ({ output: null }),
    };
    const expected = [
      expect.objectContaining({
        path: "steps[1].tool",
        message: 'Tool "unknown" is not registered',
      }),
    ];
    const a = validateWorkflowSkill({ content, toolAdapter: adapter });
    expect(a.valid).toBe(false);
    expect(a.errors).toEqual(expected);
    expect(asked).toEqual(expect.arrayContaining(["known", "unknown"]));
    const b = validateWorkflow(parseWorkflowFromMd(content), adapter);
    expect(b.valid).toBe(false);
    expect(b.errors).toEqual(expected);
  });
});

describe("parseWorkflowFromMd (§8.1)", () => {
  it("returns a definition with defaults at both levels", () => {
    const wf = parseWorkflowFromMd(skill(`steps: [{ id: a, type: tool, tool: t }]`));
    expect(wf.inputs).toEqual({});
    expect(wf.outputs).toEqual({});
    expect(wf.steps).toHaveLength(1);
    expect(wf.steps[0]).toMatchObject({
      id: "a",
      type: "tool",
      tool: "t",
      inputs: {},
      outputs: {},
    });
  });

  it("drops unknown keys", () => {
    const wf = parseWorkflowFromMd(skill(`steps: [{ id: a, type: tool, tool: t, extra: 1 }]`));
    expect(wf.steps[0]).not.toHaveProperty("extra");
  });

  it("throws ParseError with details for schema failures and without for empty content", () => {
    let caught: unknown;
    try {
      parseWorkflowFromMd(skill(`steps: [{ id: a, type: bogus }]`));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ParseError);
    expect(caught).toMatchObject({ name: "ParseError", message: "Workflow validation failed" });
    expect((caught as ParseError).details.length).toBeGreaterThan(0);

    expect(() => parseWorkflowFromMd("  ")).toThrow(ParseError);
    try {
      parseWorkflowFromMd("  ");
    } catch (error) {
      expect(error).toMatchObject({ message: "Content is empty", details: [] });
    }
  });
});

describe("MockToolAdapter (§8.1, C45)", () => {
  it("registers, reports and invokes handlers, forwarding the context", async () => {
    const adapter = new MockToolAdapter();
    const seen: unknown[] = [];
    adapter.register("echo", (args, ctx) => {
      seen.push(ctx);
      return { output: args };
    });
    expect(adapter.has("echo")).toBe(true);
    expect(adapter.has("nope")).toBe(false);
    const ctx = { signal: new AbortController().signal, runId: "r", stepId: "s", attempt: 1 };
    await expect(adapter.invoke("echo", { a: 1 }, ctx)).resolves.toEqual({ output: { a: 1 } });
    expect(seen).toEqual([ctx]);
  });

  it("resolves an unregistered invoke with the documented error", async () => {
    const adapter = new MockToolAdapter();
    await expect(adapter.invoke("ghost", {})).resolves.toEqual({
      output: null,
      error: 'Tool "ghost" not registered',
    });
  });

  it("turns handler exceptions into rejections (never a synchronous throw)", async () => {
    const adapter = new MockToolAdapter();
    adapter.register("sync", () => {
      throw new Error("sync fail");
    });
    adapter.register("async", async () => {
      throw new Error("async fail");
    });
    let promise: Promise<unknown> | undefined;
    expect(() => {
      promise = adapter.invoke("sync", {});
    }).not.toThrow();
    await expect(promise).rejects.toThrow("sync fail");
    await expect(adapter.invoke("async", {})).rejects.toThrow("async fail");
  });

  it("lists descriptors in order of first registration; re-registering replaces", async () => {
    const adapter = new MockToolAdapter();
    adapter.register("b", () => ({ output: 1 }));
    adapter.register("a", () => ({ output: 2 }), {
      description: "the a tool",
      inputSchema: { type: "object", properties: { q: { type: "string" } } },
    });
    adapter.register("c", () => ({ output: 3 }), { outputSchema: { type: "array" } });
    adapter.register("b", () => ({ output: "replaced" }), { description: "new b" });
    expect(adapter.list()).toStrictEqual([
      { name: "b", description: "new b" },
      {
        name: "a",
        description: "the a tool",
        inputSchema: { type: "object", properties: { q: { type: "string" } } },
      },
      { name: "c", description: "", outputSchema: { type: "array" } },
    ]);
    await expect(adapter.invoke("b", {})).resolves.toEqual({ output: "replaced" });
  });
});

describe("AUTHORING_SKILL (§8.1, C46)", () => {
  const frontmatter = (): Record<string, unknown> => {
    const match = /^---\n([\s\S]*?)\n---/.exec(AUTHORING_SKILL.replace(/\r\n/g, "\n"));
    expect(match).not.toBeNull();
    return parseYaml(match?.[1] ?? "") as Record<string, unknown>;
  };

  it("is a SKILL.md whose frontmatter name is workflow-author", () => {
    expect(typeof AUTHORING_SKILL).toBe("string");
    expect(AUTHORING_SKILL.length).toBeGreaterThan(500);
    const fm = frontmatter();
    expect(fm.name).toBe("workflow-author");
    expect(typeof fm.description).toBe("string");
    expect(String(fm.description).length).toBeGreaterThan(0);
  });

  it("covers the project's extensions (SHOULD)", () => {
    for (const word of ["concurrency", "timeout", "??", " in ", "nullable"]) {
      expect(AUTHORING_SKILL, word).toContain(word);
    }
  });

  const skillFile = fileURLToPath(new URL("../../skill/SKILL.md", import.meta.url));
  it.skipIf(!existsSync(skillFile))("equals the package file skill/SKILL.md (SHOULD)", () => {
    expect(AUTHORING_SKILL).toBe(readFileSync(skillFile, "utf8"));
  });
});
