// Golden run logs: complete, hand-derived expected logs and event streams of representative runs.
// The virtual clock and sequential ids make every field (ids, timestamps, durations) deterministic.
import { describe, expect, it } from "vitest";
import { MockToolAdapter, parseWorkflowFromMd } from "../../src/index.js";
import { WORKED_EXAMPLE } from "./fixtures.js";
import { createTestServices, dedent, json, runDefinition, runSkill, skill } from "./helpers.js";

const T0 = "2026-01-01T00:00:00.000Z";
const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();

describe("golden run logs", () => {
  it("the §7.5 worked example with timed tools", async () => {
    const services = createTestServices();
    const adapter = new MockToolAdapter();
    adapter.register("list_items", () => {
      services.advance(120);
      return {
        output: {
          data: [
            { name: "a", score: 3 },
            { name: "b", score: 9 },
            { name: "c", score: 6 },
          ],
        },
      };
    });
    adapter.register("notify", () => {
      services.advance(30);
      return { output: null, error: "channel unavailable" };
    });
    const { log, events } = await runSkill(WORKED_EXAMPLE, { toolAdapter: adapter, services });
    const a = { name: "a", score: 3 };
    const b = { name: "b", score: 9 };
    const c = { name: "c", score: 6 };
    const summary = { steps_executed: 4, steps_skipped: 1, total_duration_ms: 150 };
    expect(json(log)).toStrictEqual({
      id: "run-1",
      workflow: "top-items",
      status: "success",
      summary,
      started_at: T0,
      completed_at: at(150),
      duration_ms: 150,
      inputs: { min_score: 5 },
      steps: [
        {
          id: "fetch",
          executor: "tool",
          status: "success",
          duration_ms: 120,
          inputs: {},
          output: { items: [a, b, c] },
        },
        {
          id: "keep",
          executor: "transform",
          status: "success",
          duration_ms: 0,
          inputs: { items: [a, b, c] },
          output: { items: [b, c] },
        },
        {
          id: "rank",
          executor: "transform",
          status: "success",
          duration_ms: 0,
          inputs: { items: [b, c] },
          output: { items: [b, c] },
        },
        {
          id: "stop_if_empty",
          executor: "exit",
          status: "skipped",
          reason: "Guard condition evaluated to false",
          duration_ms: 0,
        },
        {
          id: "notify",
          executor: "tool",
          status: "failed",
          duration_ms: 30,
          inputs: { text: "Top: b" },
          error: 'Tool "notify": channel unavailable',
        },
      ],
      outputs: { count: 2, items: [b, c] },
    });
    expect(json(events)).toStrictEqual([
      { type: "workflow_start", workflow: "top-items", totalSteps: 5 },
      { type: "step_start", stepId: "fetch", stepType: "tool", tool: "list_items" },
      { type: "step_complete", stepId: "fetch", status: "success", duration_ms: 120 },
      { type: "step_start", stepId: "keep", stepType: "transform" },
      { type: "step_complete", stepId: "keep", status: "success", duration_ms: 0 },
      { type: "step_start", stepId: "rank", stepType: "transform" },
      { type: "step_complete", stepId: "rank", status: "success", duration_ms: 0 },
      { type: "step_skip", stepId: "stop_if_empty", reason: "Guard condition evaluated to false" },
      { type: "step_start", stepId: "notify", stepType: "tool", tool: "notify" },
      {
        type: "step_error",
        stepId: "notify",
        error: 'Tool "notify": channel unavailable',
        onError: "ignore",
      },
      { type: "step_complete", stepId: "notify", status: "failed", duration_ms: 30 },
      { type: "workflow_complete", status: "success", duration_ms: 150, summary },
    ]);
  });

  it("a concurrent each with a retried, finally failing, ignored iteration feeding a filter", async () => {
    const services = createTestServices();
    const attempts = new Map<string, number>();
    const adapter = new MockToolAdapter();
    adapter.register("fetch", async (args) => {
      const url = String(args.url);
      const k = (attempts.get(url) ?? 0) + 1;
      attempts.set(url, k);
      const plan: Record<string, [number, number | undefined]> = {
        a: [50, 10],
        b: [20, undefined],
        c: [30, 30],
      };
      const [ms, bytes] = plan[url] ?? [0, 0];
      await services.sleep(ms);
      return bytes === undefined ? { output: null, error: `503 #${k}` } : { output: { bytes } };
    });
    const { log, events } = await runSkill(
      skill(
        `
        inputs:
          urls: { type: array }
        outputs:
          pages: { type: array, value: $steps.ok_pages.output.pages }
          count: { type: int, value: $steps.ok_pages.output.pages.length }
        steps:
          - id: fetch_all
            type: tool
            tool: fetch
            each: $inputs.urls
            concurrency: 2
            on_error: ignore
            retry: { max: 1, delay: 100ms, backoff: 2 }
            inputs:
              url: { type: string, value: $item }
            outputs:
              url: { type: string, value: $item }
              size: { type: int, value: $result.bytes }
          - id: ok_pages
            type: transform
            operation: filter
            where: $item != null
            inputs: { items: { type: array, value: $steps.fetch_all.output } }
            outputs: { pages: { type: array } }
        `,
        "crawl",
      ),
      { toolAdapter: adapter, services, inputs: { urls: ["a", "b", "c"] } },
    );
    const pa = { url: "a", size: 10 };
    const pc = { url: "c", size: 30 };
    const summary = { steps_executed: 2, steps_skipped: 0, total_duration_ms: 140 };
    expect(json(log)).toStrictEqual({
      id: "run-1",
      workflow: "crawl",
      status: "success",
      summary,
      started_at: T0,
      completed_at: at(140),
      duration_ms: 140,
      inputs: { urls: ["a", "b", "c"] },
      steps: [
        {
          id: "fetch_all",
          executor: "tool",
          status: "failed",
          duration_ms: 140,
          inputs: {},
          output: [pa, null, pc],
          iterations: 3,
          error: 'Tool "fetch": 503 #2',
          retries: { attempts: 1, errors: ["503 #1"] },
        },
        {
          id: "ok_pages",
          executor: "transform",
          status: "success",
          duration_ms: 0,
          inputs: { items: [pa, null, pc] },
          output: { pages: [pa, pc] },
        },
      ],
      outputs: { pages: [pa, pc], count: 2 },
    });
    expect(json(events)).toStrictEqual([
      { type: "workflow_start", workflow: "crawl", totalSteps: 2 },
      { type: "step_start", stepId: "fetch_all", stepType: "tool", tool: "fetch" },
      { type: "step_retry", stepId: "fetch_all", attempt: 1, error: "503 #1", iteration: 1 },
      { type: "each_progress", stepId: "fetch_all", current: 1, total: 3 },
      { type: "each_progress", stepId: "fetch_all", current: 2, total: 3 },
      { type: "each_progress", stepId: "fetch_all", current: 3, total: 3 },
      { type: "step_error", stepId: "fetch_all", error: 'Tool "fetch": 503 #2', onError: "ignore" },
      {
        type: "step_complete",
        stepId: "fetch_all",
        status: "failed",
        duration_ms: 140,
        iterations: 3,
      },
      { type: "step_start", stepId: "ok_pages", stepType: "transform" },
      { type: "step_complete", stepId: "ok_pages", status: "success", duration_ms: 0 },
      { type: "workflow_complete", status: "success", duration_ms: 140, summary },
    ]);
  });

  it("a conditional selecting a failing exit, named by workflowName (bare YAML)", async () => {
    const services = createTestServices();
    const adapter = new MockToolAdapter();
    adapter.register("risk", (args) => {
      services.advance(75);
      return { output: { risk: Number(args.amount) > 1000 ? 0.9 : 0.1 } };
    });
    adapter.register("audit", () => ({ output: null }));
    const { log, events } = await runSkill(
      dedent(`
        inputs:
          amount: { type: float }
        outputs:
          verdict: { type: string }
        steps:
          - id: score
            type: tool
            tool: risk
            inputs: { amount: { type: float, value: $inputs.amount } }
            outputs: { risk: { type: float, value: $result.risk } }
          - id: route
            type: conditional
            condition: $steps.score.output.risk > 0.5
            then: [reject]
            else: [approve]
          - id: approve
            type: exit
            status: success
            output: { verdict: approved }
          - id: reject
            type: exit
            status: failed
            output: { verdict: rejected }
          - id: audit
            type: tool
            tool: audit
      `),
      { toolAdapter: adapter, services, inputs: { amount: 1200 }, workflowName: "risk-check" },
    );
    const summary = { steps_executed: 3, steps_skipped: 2, total_duration_ms: 75 };
    expect(json(log)).toStrictEqual({
      id: "run-1",
      workflow: "risk-check",
      status: "failed",
      summary,
      started_at: T0,
      completed_at: at(75),
      duration_ms: 75,
      inputs: { amount: 1200 },
      steps: [
        {
          id: "score",
          executor: "tool",
          status: "success",
          duration_ms: 75,
          inputs: { amount: 1200 },
          output: { risk: 0.9 },
        },
        {
          id: "route",
          executor: "conditional",
          status: "success",
          duration_ms: 0,
          inputs: {},
          output: { verdict: "rejected" },
        },
        {
          id: "reject",
          executor: "exit",
          status: "success",
          duration_ms: 0,
          inputs: {},
          output: { verdict: "rejected" },
        },
        {
          id: "approve",
          executor: "exit",
          status: "skipped",
          reason: "Branch not selected",
          duration_ms: 0,
        },
        {
          id: "audit",
          executor: "tool",
          status: "skipped",
          reason: "Workflow halted",
          duration_ms: 0,
        },
      ],
      outputs: { verdict: "rejected" },
      error: { phase: "execute", message: 'Workflow exited with status failed at step "reject"' },
    });
    expect(json(events)).toStrictEqual([
      { type: "workflow_start", workflow: "risk-check", totalSteps: 5 },
      { type: "step_start", stepId: "score", stepType: "tool", tool: "risk" },
      { type: "step_complete", stepId: "score", status: "success", duration_ms: 75 },
      { type: "step_start", stepId: "route", stepType: "conditional" },
      { type: "step_start", stepId: "reject", stepType: "exit" },
      { type: "step_complete", stepId: "reject", status: "success", duration_ms: 0 },
      { type: "step_complete", stepId: "route", status: "success", duration_ms: 0 },
      { type: "step_skip", stepId: "approve", reason: "Branch not selected" },
      { type: "step_skip", stepId: "audit", reason: "Workflow halted" },
      { type: "workflow_complete", status: "failed", duration_ms: 75, summary },
    ]);
  });

  it("a validation failure through runWorkflow (pre-execution log, §7.3)", async () => {
    const workflow = parseWorkflowFromMd(
      skill(`
        steps:
          - { id: a, type: tool, tool: missing_tool }
          - { id: b, type: tool, tool: missing_tool, concurrency: 2 }
      `),
    );
    const { log, events } = await runDefinition(workflow, {
      toolAdapter: new MockToolAdapter(),
      inputs: { ignored: true },
    });
    expect(events).toEqual([]);
    const { error, ...rest } = json(log) as { error: unknown };
    expect(rest).toStrictEqual({
      id: "run-1",
      workflow: "unnamed",
      status: "failed",
      summary: { steps_executed: 0, steps_skipped: 0, total_duration_ms: 0 },
      started_at: T0,
      completed_at: T0,
      duration_ms: 0,
      inputs: {},
      steps: [],
      outputs: {},
    });
    expect(error).toEqual({
      phase: "validate",
      message:
        'Workflow validation failed: Tool "missing_tool" is not registered; Tool "missing_tool" is not registered; "concurrency" requires "each" to be present',
      details: [
        expect.objectContaining({
          path: "steps[0].tool",
          message: 'Tool "missing_tool" is not registered',
        }),
        expect.objectContaining({
          path: "steps[1].tool",
          message: 'Tool "missing_tool" is not registered',
        }),
        expect.objectContaining({
          path: "steps[1].concurrency",
          message: '"concurrency" requires "each" to be present',
        }),
      ],
    });
  });
});
