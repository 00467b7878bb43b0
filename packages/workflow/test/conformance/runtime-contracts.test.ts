// Conformance: host-facing contracts of a run: no mutation of caller data (§7.1), reusable parsed
// definitions (§8.1, D2), hand-built definitions, default services (UUID v4 ids, wall-clock
// timestamps, waits beyond the platform timer limit, §7.1, §10.1) and fence edge cases (§1.3).
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  MockToolAdapter,
  parseWorkflowFromMd,
  runWorkflow,
  runWorkflowSkill,
} from "../../src/index.js";
import type { WorkflowDefinition } from "../../src/index.js";
import { WORKED_EXAMPLE, workedExampleAdapter } from "./fixtures.js";
import { echoAdapter, json, record, runDefinition, runSkill, skill } from "./helpers.js";

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

describe("no mutation of caller data (§7.1)", () => {
  it("runs a deep-frozen definition with frozen inputs and frozen tool outputs", async () => {
    const workflow = deepFreeze(parseWorkflowFromMd(WORKED_EXAMPLE));
    const data = deepFreeze([
      { name: "a", score: 3 },
      { name: "b", score: 9 },
      { name: "c", score: 6 },
    ]);
    const adapter = new MockToolAdapter();
    adapter.register("list_items", () => ({ output: deepFreeze({ data }) }));
    adapter.register("notify", () => ({ output: null, error: "channel unavailable" }));
    const { log } = await runDefinition(workflow, {
      toolAdapter: adapter,
      inputs: deepFreeze({ min_score: 5 }),
    });
    expect(log.status).toBe("success");
    expect(log.outputs).toEqual({
      count: 2,
      items: [
        { name: "b", score: 9 },
        { name: "c", score: 6 },
      ],
    });
  });

  it("reuses one parsed definition across runs with identical results", async () => {
    const workflow = parseWorkflowFromMd(WORKED_EXAMPLE);
    const before = json(workflow);
    const first = await runDefinition(workflow, { toolAdapter: workedExampleAdapter() });
    const second = await runDefinition(workflow, { toolAdapter: workedExampleAdapter() });
    const third = await runDefinition(workflow, {
      toolAdapter: workedExampleAdapter(),
      inputs: { min_score: 7 },
    });
    expect(json(second.log)).toStrictEqual(json(first.log));
    expect(second.events).toEqual(first.events);
    expect(third.log.outputs).toEqual({ count: 1, items: [{ name: "b", score: 9 }] });
    expect(json(workflow)).toStrictEqual(before);
  });

  it("runs concurrently started runs independently", async () => {
    const workflow = parseWorkflowFromMd(WORKED_EXAMPLE);
    const logs = await Promise.all(
      [5, 7, 10].map((min) =>
        runDefinition(workflow, {
          toolAdapter: workedExampleAdapter(),
          inputs: { min_score: min },
        }),
      ),
    );
    expect(logs.map((h) => h.log.outputs.count)).toEqual([2, 1, 0]);
  });
});

describe("hand-built definitions (§8.1 runWorkflow)", () => {
  it("runs a definition object that did not come from the parser", async () => {
    const workflow: WorkflowDefinition = {
      inputs: { who: { type: "string", default: "ann" } },
      outputs: { greeting: { type: "string", value: "$steps.hi.output.text" } },
      steps: [
        {
          id: "hi",
          type: "tool",
          tool: "echo",
          inputs: { text: { type: "string", value: "hello ${inputs.who}" } },
          outputs: {},
        },
      ],
    };
    const { log } = await runDefinition(workflow, { toolAdapter: echoAdapter() });
    expect(log.status).toBe("success");
    expect(log.outputs).toEqual({ greeting: "hello ann" });
    expect(record(log, "hi").inputs).toEqual({ text: "hello ann" });
  });

  it("resolves (never rejects) for a malformed definition object", async () => {
    const broken = { inputs: {}, outputs: {}, steps: [] } as unknown as WorkflowDefinition;
    // An empty step list is a parse-phase rule (V4); runWorkflow only runs the validate phase, so
    // either outcome is acceptable here: it just must resolve.
    const a = await runDefinition(broken, { toolAdapter: echoAdapter() });
    expect(["success", "failed"]).toContain(a.log.status);
    const nonsense = { steps: [{ id: 1, type: "warp" }] } as unknown as WorkflowDefinition;
    const b = await runDefinition(nonsense, { toolAdapter: echoAdapter() });
    expect(b.log.status).toBe("failed");
    const nothing = null as unknown as WorkflowDefinition;
    const c = await runWorkflow({ workflow: nothing, toolAdapter: echoAdapter() });
    expect(c.status).toBe("failed");
  });
});

describe("default services (§7.1, §10.1)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("uses a random UUID v4 as run id and wall-clock ISO timestamps", async () => {
    const before = Date.now();
    const log = await runWorkflowSkill({
      content: skill(`steps: [{ id: a, type: tool, tool: echo }]`),
      toolAdapter: echoAdapter(),
    });
    const after = Date.now();
    expect(log.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(log.started_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const started = Date.parse(log.started_at);
    expect(started).toBeGreaterThanOrEqual(before);
    expect(Date.parse(log.completed_at)).toBeLessThanOrEqual(after);
    expect(Number.isInteger(log.duration_ms)).toBe(true);
    const second = await runWorkflowSkill({
      content: skill(`steps: [{ id: a, type: tool, tool: echo }]`),
      toolAdapter: echoAdapter(),
    });
    expect(second.id).not.toBe(log.id);
  });

  it("honours waits beyond 2^31-1 ms with the default timers", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    let calls = 0;
    const adapter = new MockToolAdapter();
    adapter.register("t", () =>
      ++calls === 1 ? { output: null, error: "again" } : { output: "ok" },
    );
    let retried = false;
    const pending = runWorkflowSkill({
      content: skill(
        `steps: [{ id: s, type: tool, tool: t, retry: { max: 1, delay: 1000h, backoff: 1 } }]`,
      ),
      toolAdapter: adapter,
      onEvent: (e) => {
        if (e.type === "step_retry") retried = true;
      },
    });
    for (let i = 0; i < 100 && !retried; i++) await new Promise<void>((r) => setImmediate(r));
    expect(retried).toBe(true);
    await new Promise<void>((r) => setImmediate(r));
    await vi.advanceTimersByTimeAsync(3_500_000_000);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(200_000_000);
    const log = await pending;
    expect(calls).toBe(2);
    expect(log.status).toBe("success");
    expect(log.duration_ms).toBe(3_600_000_000);
  });
});

describe("fence edge cases (§1.3)", () => {
  it("a closing fence must start at column 0; indented fences stay in the body", async () => {
    const content = [
      "# Doc",
      "",
      "```workflow  ",
      "steps:",
      "  - id: a",
      "    type: tool",
      "    tool: echo",
      "    inputs:",
      "      md:",
      "        type: string",
      "        value: |",
      "          ```",
      "          code",
      "          ```",
      "```",
      "",
    ].join("\n");
    const { log } = await runSkill(content, { toolAdapter: echoAdapter() });
    expect(log.status).toBe("success");
    expect(record(log, "a").inputs).toEqual({ md: "```\ncode\n```\n" });
  });

  it("a byte-order mark before --- means no frontmatter", async () => {
    const { log } = await runSkill(
      `\uFEFF${skill(`steps: [{ id: a, type: tool, tool: echo }]`, "bom")}`,
      {
        toolAdapter: echoAdapter(),
      },
    );
    expect(log.status).toBe("success");
    expect(log.workflow).toBe("inline");
  });

  it("bare YAML with only inputs is taken as the workflow (and then fails its schema)", async () => {
    const { log } = await runSkill("inputs:\n  q: { type: string }\n");
    expect(log.error?.phase).toBe("parse");
    expect(log.error?.message).toBe("Workflow validation failed");
  });

  it("a ~~~workflow fence is not a workflow block", async () => {
    const { log } = await runSkill(
      "# T\n\n~~~workflow\nsteps: [{ id: a, type: tool, tool: echo }]\n~~~\n",
      {
        toolAdapter: echoAdapter(),
      },
    );
    expect(log.error?.phase).toBe("parse");
  });
});
